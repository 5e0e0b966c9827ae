package com.attest.oncall;

import com.attest.incident.Severity;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sends trigger and resolve events to PagerDuty's Events API v2. The incident's dedup key ties them together, so
 * a repeated trigger updates the open PagerDuty incident instead of opening another.
 * <p>
 * 202 is success. 400 ("invalid event") is not retryable; 429 and 5xx are. The routing key is a secret: it appears
 * in no message and no {@code toString}.
 */
public final class PagerDutyChannel implements OnCallChannel {

    /** The Events API v2 endpoint. */
    public static final URI DEFAULT_EVENTS_URL = URI.create("https://events.pagerduty.com/v2/enqueue");

    /** PagerDuty's limit on the payload summary. */
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;

    private static final String REMOTE = "PagerDuty";
    private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READER = Json.createReaderFactory(Map.of());

    private final URI eventsUrl;
    private final String routingKey;
    private final JsonPost post;

    /**
     * @param eventsUrl  the Events API URL, null for {@link #DEFAULT_EVENTS_URL}; https (http only to this machine)
     * @param routingKey the service integration's routing key: 32 letters and digits
     * @param timeout    how long connecting, and then the whole exchange, may take
     */
    public PagerDutyChannel(URI eventsUrl, String routingKey, Duration timeout) {
        this.eventsUrl = Endpoints.requireHttps(eventsUrl == null ? DEFAULT_EVENTS_URL : eventsUrl,
                "The PagerDuty events URL");
        if (routingKey == null || !ROUTING_KEY.matcher(routingKey).matches()) {
            throw new IllegalArgumentException("A PagerDuty routing key is 32 letters and digits; "
                    + (routingKey == null ? "none was given." : "the one given is not (" + routingKey.length()
                    + " characters)."));
        }
        this.routingKey = routingKey;
        this.post = new JsonPost(REMOTE, this.eventsUrl, Endpoints.requireTimeout(timeout));
    }

    @Override
    public Channel channel() {
        return Channel.PAGERDUTY;
    }

    @Override
    public Delivery send(OnCallMessage message) throws DeliveryFailed {
        HttpResponse<String> response = post.post(event(message));
        int status = response.statusCode();
        JsonObject answer = parse(response.body());
        if (!JsonPost.isSuccess(status)) {
            throw DeliveryFailed.answered(REMOTE, status, errorText(answer, response.body()),
                    JsonPost.retryAfter(response));
        }
        String dedupKey = answer == null ? null : answer.getString("dedup_key", null);
        return new Delivery(status, dedupKey != null ? dedupKey : dedupKey(message));
    }

    /** The event for {@code message}, routing key included. */
    JsonObject event(OnCallMessage message) {
        JsonObjectBuilder event = JSON.createObjectBuilder()
                .add("routing_key", routingKey)
                .add("dedup_key", dedupKey(message));
        if (message.action() == OnCallMessage.Action.RESOLVE) {
            return event.add("event_action", "resolve").build();
        }
        JsonObjectBuilder payload = JSON.createObjectBuilder()
                .add("summary", MessageText.cut(MessageText.singleLine(
                        "[" + message.severity() + "] " + message.reference() + " " + message.title()), MAX_SUMMARY))
                .add("source", "attest")
                .add("severity", severity(message.severity()));
        if (message.detectedAt() != null) {
            payload.add("timestamp", message.detectedAt().toString());
        }
        addIfPresent(payload, "component", message.source());
        JsonObjectBuilder details = JSON.createObjectBuilder().add("reference", message.reference());
        addIfPresent(details, "status", message.status());
        addIfPresent(details, "source", message.source());
        addIfPresent(details, "detected_at", message.detectedAt() == null ? null : message.detectedAt().toString());
        addIfPresent(details, "respond_by",
                message.responseDueAt() == null ? null : message.responseDueAt().toString());
        addIfPresent(details, "summary", message.summary());
        payload.add("custom_details", details);
        event.add("event_action", "trigger")
                .add("payload", payload)
                .add("client", "Attest");
        String url = message.incidentUrl();
        if (url != null && !url.isBlank()) {
            event.add("links", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                            .add("href", url)
                            .add("text", "Incident in Attest")))
                    .add("client_url", url);
        }
        return event.build();
    }

    /** P1 critical, P2 error, P3 warning, P4 info. */
    static String severity(Severity severity) {
        return switch (severity) {
            case P1 -> "critical";
            case P2 -> "error";
            case P3 -> "warning";
            case P4 -> "info";
        };
    }

    private static String dedupKey(OnCallMessage message) {
        return MessageText.cut(message.dedupKey(), MAX_DEDUP_KEY);
    }

    /** "message: error; error" from PagerDuty's error answer, else the raw body. */
    private static String errorText(JsonObject answer, String body) {
        if (answer == null) {
            return body;
        }
        String text = answer.getString("message", answer.getString("status", ""));
        JsonValue errors = answer.get("errors");
        if (errors != null && errors.getValueType() == JsonValue.ValueType.ARRAY) {
            String list = errors.asJsonArray().stream()
                    .map(e -> e instanceof JsonString s ? s.getString() : e.toString())
                    .collect(Collectors.joining("; "));
            text = text.isEmpty() ? list : text + ": " + list;
        }
        return text.isEmpty() ? body : text;
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = READER.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
        } catch (JsonException | IllegalStateException notJson) {
            return null;
        }
    }

    private static void addIfPresent(JsonObjectBuilder builder, String name, String value) {
        if (value != null && !value.isBlank()) {
            builder.add(name, value);
        }
    }

    @Override
    public String toString() {
        return "PagerDutyChannel[" + Endpoints.origin(eventsUrl) + "]";
    }
}
