package com.attest.oncall;

import com.attest.azure.AzureClients;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The on-call channels this installation has credentials for, built once from configuration (environment
 * variables in production; secrets never live in the database or on a page). A channel whose configuration is
 * invalid is left out and the settings page says why.
 */
@ApplicationScoped
public class OnCallChannels {

    private static final Logger LOG = Logger.getLogger(OnCallChannels.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What the settings page shows of a channel: whether it is configured, where it goes, never the secret. */
    public record Status(Channel channel, boolean configured, String target, String problem) implements Serializable {
    }

    @Inject
    @ConfigProperty(name = "attest.teams.webhook-url", defaultValue = " ")
    private String teamsUrl;

    @Inject
    @ConfigProperty(name = "attest.pagerduty.routing-key", defaultValue = " ")
    private String pagerDutyKey;

    @Inject
    @ConfigProperty(name = "attest.pagerduty.events-url", defaultValue = "https://events.pagerduty.com/v2/enqueue")
    private String pagerDutyUrl;

    /** The Microsoft Graph identity (attest.graph.tenant-id, client-id, client-secret or managed-identity). */
    @Inject
    private AzureClients azure;

    @Inject
    @ConfigProperty(name = "attest.graph.base-url", defaultValue = "https://graph.microsoft.com/v1.0")
    private String graphBaseUrl;

    @Inject
    @ConfigProperty(name = "attest.mail.sender", defaultValue = " ")
    private String mailSender;

    private final Map<Channel, OnCallChannel> channels = new EnumMap<>(Channel.class);
    private GraphMailChannel mailer;
    private final Map<Channel, Status> statuses = new EnumMap<>(Channel.class);

    @PostConstruct
    void configure() {
        configure(Channel.TEAMS, teamsUrl.isBlank() ? null : () -> {
            URI uri = uri(teamsUrl, "ATTEST_TEAMS_WEBHOOK_URL");
            channels.put(Channel.TEAMS, new TeamsWebhookChannel(uri, TIMEOUT));
            return uri.getHost();
        }, "set ATTEST_TEAMS_WEBHOOK_URL to a Teams workflow or incoming-webhook URL");
        configure(Channel.PAGERDUTY, pagerDutyKey.isBlank() ? null : () -> {
            URI uri = uri(pagerDutyUrl, "ATTEST_PAGERDUTY_EVENTS_URL");
            channels.put(Channel.PAGERDUTY, new PagerDutyChannel(uri, pagerDutyKey.strip(), TIMEOUT));
            return uri.getHost() + " (routing key …" + pagerDutyKey.strip().substring(
                    Math.max(0, pagerDutyKey.strip().length() - 4)) + ")";
        }, "set ATTEST_PAGERDUTY_ROUTING_KEY to an Events API v2 integration key");
        statuses.put(Channel.EMAIL, mailUnconfigured());
    }

    private Status mailUnconfigured() {
        return new Status(Channel.EMAIL, false, null, mailSender.isBlank()
                ? "set ATTEST_MAIL_SENDER and the Microsoft Graph credentials (ATTEST_GRAPH_*)"
                : "needs recipients on this page");
    }

    /** The URL, or a refusal that does not repeat it: a webhook URL carries its signature. */
    private static URI uri(String value, String variable) {
        try {
            return new URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a valid URL.");
        }
    }

    private interface Builder {
        String build();
    }

    private void configure(Channel channel, Builder builder, String missing) {
        if (builder == null) {
            statuses.put(channel, new Status(channel, false, null, missing));
            return;
        }
        try {
            statuses.put(channel, new Status(channel, true, builder.build(), null));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "On-call channel {0} is misconfigured: {1}", new Object[]{channel, e.getMessage()});
            statuses.put(channel, new Status(channel, false, null, e.getMessage()));
        }
    }

    /** The e-mail channel, built for the recipients in force (the sender and credentials come from configuration). */
    private Optional<OnCallChannel> mail(List<String> recipients) {
        if (mailSender.isBlank() || recipients.isEmpty()) {
            synchronized (this) {
                // the recipients were taken away: the page shows that, not the list it had
                channels.remove(Channel.EMAIL);
                statuses.put(Channel.EMAIL, mailUnconfigured());
            }
            return Optional.empty();
        }
        synchronized (this) {
            OnCallChannel existing = channels.get(Channel.EMAIL);
            if (existing instanceof GraphMailChannel mail && mail.recipients().equals(recipients)) {
                return Optional.of(existing);
            }
            try {
                var credential = azure.graphCredential();
                GraphMailChannel mail = new GraphMailChannel(credential, graphBaseUrl.strip(), mailSender.strip(),
                        recipients);
                channels.put(Channel.EMAIL, mail);
                statuses.put(Channel.EMAIL, new Status(Channel.EMAIL, true,
                        mailSender.strip() + " → " + String.join(", ", recipients), null));
                return Optional.of(mail);
            } catch (RuntimeException e) {
                statuses.put(Channel.EMAIL, new Status(Channel.EMAIL, false, null, e.getMessage()));
                return Optional.empty();
            }
        }
    }

    /** The mail channel for messages to named people, when a sender and Graph credentials are configured. */
    public Optional<GraphMailChannel> mailer() {
        if (mailSender.isBlank()) {
            return Optional.empty();
        }
        synchronized (this) {
            if (mailer == null) {
                try {
                    mailer = GraphMailChannel.mailer(azure.graphCredential(), graphBaseUrl.strip(), mailSender.strip(),
                            TIMEOUT);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "The mail channel is misconfigured: {0}", e.getMessage());
                    return Optional.empty();
                }
            }
            return Optional.of(mailer);
        }
    }

    /** The channels configured for these e-mail recipients, without building any client (a cheap check). */
    public java.util.Set<Channel> configured(List<String> recipients) {
        java.util.Set<Channel> configured = java.util.EnumSet.noneOf(Channel.class);
        configured.addAll(channels.keySet());
        configured.remove(Channel.EMAIL);
        if (!mailSender.isBlank() && !recipients.isEmpty()) {
            configured.add(Channel.EMAIL);
        }
        return configured;
    }

    /** The channels that can deliver now, for these e-mail recipients. */
    public Map<Channel, OnCallChannel> usable(List<String> recipients) {
        Map<Channel, OnCallChannel> usable = new EnumMap<>(Channel.class);
        for (Channel c : List.of(Channel.TEAMS, Channel.PAGERDUTY)) {
            if (channels.containsKey(c)) {
                usable.put(c, channels.get(c));
            }
        }
        mail(recipients).ifPresent(m -> usable.put(Channel.EMAIL, m));
        return usable;
    }

    public List<Status> statuses(List<String> recipients) {
        mail(recipients);
        return new ArrayList<>(statuses.values());
    }
}
