package com.attest.oncall;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts an Adaptive Card to a Teams Workflows webhook ("When a Teams webhook request is received") or a legacy
 * incoming webhook, in the message envelope both accept.
 * <p>
 * Workflows answer 202 and legacy webhooks 200 with body "1". A legacy webhook may also answer 200 with an error
 * text, e.g. "Microsoft Teams endpoint returned HTTP error 429": that is a failure, retryable unless the status
 * it names is a client error other than 408 or 429.
 */
public final class TeamsWebhookChannel implements OnCallChannel {

    /** Teams refuses cards much above 28 KB; the summary is the part that can grow. */
    static final int MAX_SUMMARY = 2000;

    private static final String REMOTE = "Microsoft Teams";
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final Pattern EMBEDDED_STATUS = Pattern.compile("HTTP error (\\d{3})");

    private final URI webhookUrl;
    private final JsonPost post;

    /**
     * @param webhookUrl the webhook's URL, https (http only to this machine); it is a secret and never shown
     * @param timeout    how long connecting, and then the whole exchange, may take
     */
    public TeamsWebhookChannel(URI webhookUrl, Duration timeout) {
        this.webhookUrl = Endpoints.requireHttps(webhookUrl, "The Teams webhook URL");
        this.post = new JsonPost(REMOTE, webhookUrl, Endpoints.requireTimeout(timeout));
    }

    @Override
    public Channel channel() {
        return Channel.TEAMS;
    }

    @Override
    public Delivery send(OnCallMessage message) throws DeliveryFailed {
        HttpResponse<String> response = post.post(envelope(card(message)));
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body().strip();
        if (!JsonPost.isSuccess(status)) {
            throw DeliveryFailed.answered(REMOTE, status, body, JsonPost.retryAfter(response));
        }
        if (body.toLowerCase(Locale.ROOT).contains("error")) {
            Matcher embedded = EMBEDDED_STATUS.matcher(body);
            boolean retryable = !embedded.find() || DeliveryFailed.retryableStatus(Integer.parseInt(embedded.group(1)));
            throw new DeliveryFailed(REMOTE + " answered HTTP " + status + " with an error: "
                    + DeliveryFailed.remoteText(body), retryable, status, JsonPost.retryAfter(response), null);
        }
        return new Delivery(status, response.headers().firstValue("x-ms-workflow-run-id").orElse(null));
    }

    /** The Adaptive Card (version 1.4) for {@code message}. */
    static JsonObject card(OnCallMessage message) {
        boolean resolve = message.action() == OnCallMessage.Action.RESOLVE;
        JsonObjectBuilder headline = JSON.createObjectBuilder()
                .add("type", "TextBlock")
                .add("text", MessageText.headline(message))
                .add("size", "Medium")
                .add("weight", "Bolder")
                .add("wrap", true);
        if (resolve) {
            headline.add("color", "Good");
        } else if (message.urgent()) {
            headline.add("color", "Attention");
        }
        JsonArrayBuilder facts = JSON.createArrayBuilder();
        MessageText.facts(message).forEach((title, value) ->
                facts.add(JSON.createObjectBuilder().add("title", title).add("value", value)));
        JsonArrayBuilder body = JSON.createArrayBuilder()
                .add(headline)
                .add(JSON.createObjectBuilder().add("type", "FactSet").add("facts", facts));
        if (!resolve && !message.summary().isBlank()) {
            body.add(JSON.createObjectBuilder()
                    .add("type", "TextBlock")
                    .add("text", MessageText.cut(message.summary().strip(), MAX_SUMMARY))
                    .add("wrap", true));
        }
        JsonObjectBuilder card = JSON.createObjectBuilder()
                .add("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .add("type", "AdaptiveCard")
                .add("version", "1.4")
                .add("body", body);
        if (message.incidentUrl() != null && !message.incidentUrl().isBlank()) {
            card.add("actions", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                    .add("type", "Action.OpenUrl")
                    .add("title", "Open incident")
                    .add("url", message.incidentUrl())));
        }
        return card.build();
    }

    private static JsonObject envelope(JsonObject card) {
        return JSON.createObjectBuilder()
                .add("type", "message")
                .add("attachments", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("contentType", "application/vnd.microsoft.card.adaptive")
                        .addNull("contentUrl")
                        .add("content", card)))
                .build();
    }

    @Override
    public String toString() {
        return "TeamsWebhookChannel[" + Endpoints.origin(webhookUrl) + "]";
    }
}
