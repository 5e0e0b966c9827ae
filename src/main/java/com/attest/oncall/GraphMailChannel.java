package com.attest.oncall;

import com.attest.security.AccountForm;
import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Importance;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * E-mails the on-call recipients through Microsoft Graph {@code sendMail}, from a mailbox the application may send
 * as (application permission Mail.Send, ideally limited to that mailbox by an application access policy).
 * <p>
 * One {@link GraphServiceClient} is built per channel and reused; building the first costs seconds of class
 * loading. The SDK's own retries are off: a 429 or 503 comes back at once as a retryable {@link DeliveryFailed}
 * with Graph's Retry-After.
 */
public final class GraphMailChannel implements OnCallChannel {

    /** Graph v1.0 in the global cloud. */
    public static final String DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";
    /** What the token is asked for: the application permissions granted to the app registration. */
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    /** Used when no timeout is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static final int MAX_SUBJECT = 255;

    private static final String REMOTE = "Microsoft Graph";

    private static final Pattern OBJECT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final URI baseUrl;
    private final String sender;
    private final List<String> recipients;
    private final GraphServiceClient graph;

    /** As {@link #GraphMailChannel(TokenCredential, String, String, List, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public GraphMailChannel(TokenCredential credential, String graphBaseUrl, String senderMailbox,
                            List<String> recipients) {
        this(credential, graphBaseUrl, senderMailbox, recipients, DEFAULT_TIMEOUT);
    }

    /**
     * @param credential    the application's credential, see {@link com.attest.azure.AzureClients#graphCredential}
     * @param graphBaseUrl  Graph's base URL, null for {@link #DEFAULT_GRAPH_BASE_URL}; https (http only to this
     *                      machine). The token is sent to this URL's host and no other
     * @param senderMailbox the mailbox sending: its address or user object id
     * @param recipients    the on-call addresses, at least one
     * @param timeout       how long connecting, and then the whole exchange, may take
     */
    public GraphMailChannel(TokenCredential credential, String graphBaseUrl, String senderMailbox,
                            List<String> recipients, Duration timeout) {
        this(credential, graphBaseUrl, senderMailbox, timeout, validRecipients(recipients));
    }

    /**
     * A mailer for messages to named people ({@link #send(List, String, String)}): the same sender and client, no
     * on-call recipients.
     */
    public static GraphMailChannel mailer(TokenCredential credential, String graphBaseUrl, String senderMailbox,
                                          Duration timeout) {
        return new GraphMailChannel(credential, graphBaseUrl, senderMailbox, timeout, List.of());
    }

    private GraphMailChannel(TokenCredential credential, String graphBaseUrl, String senderMailbox, Duration timeout,
                             List<String> recipients) {
        if (credential == null) {
            throw new IllegalArgumentException("A credential for Microsoft Graph is missing.");
        }
        String base = graphBaseUrl == null || graphBaseUrl.isBlank() ? DEFAULT_GRAPH_BASE_URL : graphBaseUrl.strip();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            this.baseUrl = Endpoints.requireHttps(new URI(base), "The Microsoft Graph base URL");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Microsoft Graph base URL is not a URL: " + base + ".");
        }
        this.sender = senderMailbox == null ? null : senderMailbox.strip();
        if (sender == null || !(AccountForm.isEmail(sender) || OBJECT_ID.matcher(sender).matches())) {
            throw new IllegalArgumentException("The sending mailbox must be an e-mail address or a user object id, not "
                    + (sender == null ? "nothing" : "\"" + sender + "\"") + ".");
        }
        this.recipients = recipients;
        Endpoints.requireTimeout(timeout);

        AzureIdentityAuthenticationProvider authentication = new AzureIdentityAuthenticationProvider(
                credential, new String[] {baseUrl.getHost()}, GRAPH_SCOPE);
        RetryHandlerOption noRetries = new RetryHandlerOption((delay, attempt, request, response) -> false, 0, 0);
        this.graph = new GraphServiceClient(authentication,
                GraphClientFactory.create(new RequestOption[] {noRetries})
                        .addInterceptor(GraphMailChannel::record)
                        .connectTimeout(timeout)
                        .callTimeout(timeout)
                        .build());
        this.graph.getRequestAdapter().setBaseUrl(base);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** Graph answers sendMail with 202 and no body; the delivery carries Graph's request-id. */
    @Override
    public Delivery send(OnCallMessage message) throws DeliveryFailed {
        if (recipients.isEmpty()) {
            throw new DeliveryFailed("No on-call e-mail recipient is configured.", false, null, null, null);
        }
        return deliver(mail(message));
    }

    /**
     * An HTML message to named people (a reminder, a customer notification), from the configured sender.
     *
     * @throws IllegalArgumentException when a recipient is not an e-mail address or there is none
     */
    public Delivery send(List<String> to, String subject, String html) throws DeliveryFailed {
        List<String> addresses = validRecipients(to);
        Message mail = new Message();
        mail.setSubject(MessageText.cut(MessageText.singleLine(subject), MAX_SUBJECT));
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent(html);
        mail.setBody(body);
        mail.setToRecipients(addresses.stream().map(address -> {
            EmailAddress email = new EmailAddress();
            email.setAddress(address);
            Recipient recipient = new Recipient();
            recipient.setEmailAddress(email);
            return recipient;
        }).toList());
        return deliver(mail);
    }

    private Delivery deliver(Message mail) throws DeliveryFailed {
        SendMailPostRequestBody request = new SendMailPostRequestBody();
        request.setMessage(mail);
        request.setSaveToSentItems(true);
        Exchange exchange = new Exchange();
        try {
            graph.users().byUserId(sender).sendMail().post(request, config -> config.options.add(exchange));
        } catch (RuntimeException e) {
            throw failure(e, exchange);
        }
        return new Delivery(exchange.status, exchange.requestId);
    }

    /** The e-mail for {@code message}: high importance for a P1 or P2 trigger. */
    Message mail(OnCallMessage message) {
        Message mail = new Message();
        mail.setSubject(subject(message));
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent(html(message));
        mail.setBody(body);
        mail.setToRecipients(recipients.stream().map(address -> {
            EmailAddress email = new EmailAddress();
            email.setAddress(address);
            Recipient recipient = new Recipient();
            recipient.setEmailAddress(email);
            return recipient;
        }).toList());
        if (message.action() == OnCallMessage.Action.TRIGGER && message.urgent()) {
            mail.setImportance(Importance.High);
        }
        return mail;
    }

    /** "[P1] INC-2026-007 Title", "Resolved: " in front for a resolve; one line. */
    static String subject(OnCallMessage message) {
        String subject = "[" + message.severity() + "] " + message.reference() + " " + message.title();
        if (message.action() == OnCallMessage.Action.RESOLVE) {
            subject = "Resolved: " + subject;
        }
        return MessageText.cut(MessageText.singleLine(subject), MAX_SUBJECT);
    }

    /** The HTML body; every value from the incident is escaped. */
    static String html(OnCallMessage message) {
        boolean resolve = message.action() == OnCallMessage.Action.RESOLVE;
        String colour = resolve ? "#107c10" : message.urgent() ? "#a4262c" : "#323130";
        StringBuilder html = new StringBuilder(1024)
                .append("<html><body style=\"font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px\">")
                .append("<h2 style=\"color:").append(colour).append("\">")
                .append(escape(MessageText.headline(message))).append("</h2>")
                .append("<table cellpadding=\"4\" cellspacing=\"0\">");
        for (Map.Entry<String, String> fact : MessageText.facts(message).entrySet()) {
            html.append("<tr><th align=\"left\">").append(escape(fact.getKey())).append("</th><td>")
                    .append(escape(fact.getValue())).append("</td></tr>");
        }
        html.append("</table>");
        if (!resolve && !message.summary().isBlank()) {
            html.append("<p>").append(escape(message.summary().strip()).replace("\n", "<br>")).append("</p>");
        }
        String url = message.incidentUrl();
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            html.append("<p><a href=\"").append(escape(url)).append("\">Open incident ")
                    .append(escape(message.reference())).append("</a></p>");
        }
        return html.append("</body></html>").toString();
    }

    /** Text safe in HTML content and in double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\r' -> { }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * An answer's status is taken from the exchange: Kiota loses it when an error body is not JSON (it throws
     * UnsupportedOperationException from the text parser instead of an ApiException).
     */
    private DeliveryFailed failure(RuntimeException e, Exchange exchange) {
        if (exchange.status > 0) {
            String text = exchange.body;
            if (e instanceof ODataError odata && odata.getError() != null) {
                String code = odata.getError().getCode();
                String detail = odata.getError().getMessage();
                text = code == null ? detail : detail == null ? code : code + ": " + detail;
            }
            return DeliveryFailed.answered(REMOTE, exchange.status, text,
                    DeliveryFailed.parseRetryAfter(exchange.retryAfter), e);
        }
        IOException network = DeliveryFailed.networkFailure(e);
        if (network != null && exchange.sent) {
            return DeliveryFailed.unreachable(REMOTE, Endpoints.origin(baseUrl), network);
        }
        // no request left: the token could not be had (network: retryable; refused credential: configuration)
        return new DeliveryFailed("No request was sent to " + REMOTE + ": "
                + DeliveryFailed.remoteText(describe(rootCause(e))), network != null, null, null, e);
    }

    /** Notes the last answer of the exchange the request carries as its {@link Exchange} option. */
    private static Response record(Interceptor.Chain chain) throws IOException {
        Exchange exchange = chain.request().tag(Exchange.class);
        if (exchange != null) {
            exchange.sent = true;
        }
        Response response = chain.proceed(chain.request());
        if (exchange != null) {
            exchange.status = response.code();
            exchange.requestId = response.header("request-id");
            exchange.retryAfter = response.header("Retry-After");
            exchange.body = response.isSuccessful() ? null : response.peekBody(4096).string();
        }
        return response;
    }

    /** One sendMail exchange as the HTTP layer saw it; used by one thread at a time. */
    private static final class Exchange implements RequestOption {
        private boolean sent;
        private int status;
        private String requestId;
        private String retryAfter;
        private String body;

        @Override
        @SuppressWarnings("unchecked")
        public <T extends RequestOption> Class<T> getType() {
            return (Class<T>) Exchange.class;
        }
    }

    private static List<String> validRecipients(List<String> recipients) {
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("At least one on-call e-mail recipient is needed.");
        }
        List<String> valid = recipients.stream().map(r -> r == null ? null : r.strip()).toList();
        for (String address : valid) {
            if (!AccountForm.isEmail(address)) {
                throw new IllegalArgumentException("Not an e-mail address: "
                        + (address == null ? "nothing" : "\"" + address + "\"") + ".");
            }
        }
        return valid;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    @Override
    public String toString() {
        return "GraphMailChannel[" + Endpoints.origin(baseUrl) + ", from " + sender + ", to " + recipients + "]";
    }

    /** The addresses this channel writes to. */
    public List<String> recipients() {
        return recipients;
    }
}
