package com.attest.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * PagerDuty's Events API v2 as it behaves, for {@link FakeOnCall}: an event is checked as PagerDuty checks it (a
 * 32-character routing key, a known event_action, a trigger's summary, source and severity) and refused with 400
 * "invalid event" otherwise; a trigger whose dedup_key names an open alert of the same integration (routing key) is
 * appended to that alert's log instead of opening another; a trigger without a dedup_key opens an alert under a key
 * PagerDuty makes up; a resolve closes the open alert of its dedup_key (and is ignored where there is none); a trigger
 * after the resolve opens a new alert. Every accepted event is answered 202 with the alert's dedup_key.
 */
public final class PagerDutyEvents implements ResponseDefinitionTransformerV2 {

    /** The name a stub uses to be answered by this. */
    public static final String NAME = "pagerduty-events-v2";

    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    /** One alert in PagerDuty: the events its dedup_key gathered while it was open. */
    public static final class Alert {
        private final String routingKey;
        private final String dedupKey;
        private final List<String> log = new ArrayList<>();
        private boolean open = true;

        Alert(String routingKey, String dedupKey) {
            this.routingKey = routingKey;
            this.dedupKey = dedupKey;
        }

        public String dedupKey() {
            return dedupKey;
        }

        public String routingKey() {
            return routingKey;
        }

        public synchronized boolean open() {
            return open;
        }

        /** How many trigger events this alert gathered: more than one where a trigger was repeated while open. */
        public synchronized int triggers() {
            return (int) log.stream().filter("trigger"::equals).count();
        }

        /** The event actions in the alert's log, in order. */
        public synchronized List<String> log() {
            return List.copyOf(log);
        }
    }

    private final List<Alert> alerts = new ArrayList<>();
    private final Map<String, Alert> open = new HashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition answer = answer(serveEvent);
        Integer delay = serveEvent.getResponseDefinition().getFixedDelayMilliseconds();
        return delay == null ? answer : ResponseDefinitionBuilder.like(answer).withFixedDelay(delay).build();
    }

    private ResponseDefinition answer(ServeEvent serveEvent) {
        JsonObject event;
        try {
            JsonValue value = Json.createReader(new StringReader(serveEvent.getRequest().getBodyAsString())).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return invalid("Event object is invalid", "The request body must be a JSON object");
            }
            event = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            return new ResponseDefinitionBuilder().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"invalid request\",\"message\":\"Invalid JSON\"}").build();
        }
        List<String> errors = new ArrayList<>();
        String routingKey = event.getString("routing_key", "");
        if (routingKey.length() != 32) {
            errors.add("'routing_key' must be 32 characters");
        }
        String action = event.getString("event_action", "");
        if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
            errors.add("'event_action' must be one of trigger, acknowledge or resolve");
        }
        String dedupKey = event.getString("dedup_key", "");
        dedupKey = dedupKey.isBlank() ? null : dedupKey; // blank is absent
        if (dedupKey != null && dedupKey.length() > 255) {
            errors.add("'dedup_key' must be at most 255 characters");
        }
        if (!"trigger".equals(action) && dedupKey == null) {
            errors.add("'dedup_key' is required for " + action);
        }
        if ("trigger".equals(action)) {
            JsonObject payload = event.containsKey("payload")
                    && event.get("payload").getValueType() == JsonValue.ValueType.OBJECT
                    ? event.getJsonObject("payload") : null;
            if (payload == null) {
                errors.add("'payload' is missing");
            } else {
                if (payload.getString("summary", "").isBlank() || payload.getString("summary").length() > 1024) {
                    errors.add("'payload.summary' must be 1 to 1024 characters");
                }
                if (payload.getString("source", "").isBlank()) {
                    errors.add("'payload.source' is missing");
                }
                if (!SEVERITIES.contains(payload.getString("severity", ""))) {
                    errors.add("'payload.severity' must be one of critical, error, warning or info");
                }
            }
        }
        if (!errors.isEmpty()) {
            return invalid("Event object is invalid", errors.toArray(String[]::new));
        }
        String key = dedupKey != null ? dedupKey : UUID.randomUUID().toString().replace("-", "");
        apply(routingKey, key, action);
        return new ResponseDefinitionBuilder().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody(Json.createObjectBuilder().add("status", "success").add("message", "Event processed")
                        .add("dedup_key", key).build().toString()).build();
    }

    private synchronized void apply(String routingKey, String dedupKey, String action) {
        String id = routingKey + "\u0000" + dedupKey;
        Alert alert = open.get(id);
        if ("trigger".equals(action)) {
            if (alert == null) {
                alert = new Alert(routingKey, dedupKey);
                alerts.add(alert);
                open.put(id, alert);
            }
            synchronized (alert) {
                alert.log.add(action);
            }
        } else if (alert != null) { // acknowledge or resolve of no open alert: accepted and ignored
            synchronized (alert) {
                alert.log.add(action);
                if ("resolve".equals(action)) {
                    alert.open = false;
                    open.remove(id);
                }
            }
        }
    }

    private static ResponseDefinition invalid(String message, String... errors) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String e : errors) {
            list.add(e);
        }
        return new ResponseDefinitionBuilder().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(Json.createObjectBuilder().add("status", "invalid event").add("message", message)
                        .add("errors", list).build().toString()).build();
    }

    /** Every alert opened, in the order they were opened. */
    public synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** Forgets every alert. */
    public synchronized void clear() {
        alerts.clear();
        open.clear();
    }
}
