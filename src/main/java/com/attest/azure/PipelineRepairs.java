package com.attest.azure;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The exact requests that repair the policy's action group, pure: the same code builds what the dry run shows and
 * what the run sends. The action group is written whole ({@code PUT}, {@value PipelineApi#ACTION_GROUPS_API}) from
 * what Resource Manager has, keeping every receiver that is there: it is enabled, and a webhook receiver posts to this
 * portal's intake with the common alert schema, carrying an intake key. A receiver that already posts to the intake
 * keeps its address (and key); one of the portal's name that posts elsewhere is pointed at the intake; otherwise one
 * is added, with a key the run issues as it starts ({@link #NEW_KEY} until then).
 */
public final class PipelineRepairs {

    /** Stands for the intake key the run issues, in the body until the run replaces it. */
    public static final String NEW_KEY = "{{new-intake-key}}";
    /** How an intake key (or a signature) already there is shown in a dry run and kept in evidence. */
    public static final String MASK = "*****";
    /** How the key the run will issue is shown in a dry run. */
    public static final String NEW_KEY_SHOWN = "<new intake key>";
    /** How the callback address the run will read is shown in a dry run. */
    public static final String CALLBACK_SHOWN = "<the trigger's callback address>";
    /** Stands for the Logic App trigger's callback address, read as the run starts (it carries a signature). */
    public static final String CALLBACK = "{{logic-app-callback-url}}";
    private static final Pattern KEY = Pattern.compile("([?&](?:key|sig)=)(?!\\{\\{)[^&\"\\\\\\s]+");
    private static final List<String> RECEIVER_LISTS = List.of("emailReceivers", "smsReceivers", "webhookReceivers",
            "itsmReceivers", "azureAppPushReceivers", "automationRunbookReceivers", "voiceReceivers",
            "logicAppReceivers", "azureFunctionReceivers", "armRoleReceivers", "eventHubReceivers");

    /**
     * The action group's new body.
     *
     * @param current      the action group as Resource Manager returned it, or null when it does not exist
     * @param name         its name (the policy's)
     * @param intakeUrl    this portal's Azure Monitor intake address, without a key
     * @param receiverName the name of the portal's webhook receiver when one is added
     * @return the body; {@link #needsKey} says whether it waits for a new intake key
     */
    public static String actionGroup(JsonObject current, String name, String intakeUrl, String receiverName) {
        return actionGroup(current, name, intakeUrl, receiverName, null);
    }

    /**
     * An Entra ID "secure webhook": Azure Monitor calls the intake with a bearer token for this app registration
     * instead of a key in the address.
     *
     * @param objectId      the app registration's object id
     * @param identifierUri its application id URI (an audience the intake accepts)
     * @param tenantId      its tenant
     */
    public record SecureWebhook(String objectId, String identifierUri, String tenantId) {
    }

    /**
     * As {@link #actionGroup(JsonObject, String, String, String)}; with {@code secure} the portal's receiver is an
     * Entra ID secure webhook, its address carrying no key.
     */
    public static String actionGroup(JsonObject current, String name, String intakeUrl, String receiverName,
                                     SecureWebhook secure) {
        JsonObject p = current == null || !(current.get("properties") instanceof JsonObject o)
                ? JsonValue.EMPTY_JSON_OBJECT : o;
        JsonObjectBuilder properties = Json.createObjectBuilder();
        properties.add("groupShortName", p.getString("groupShortName", shortName(name)));
        properties.add("enabled", true);
        for (String list : RECEIVER_LISTS) {
            JsonArray existing = p.get(list) instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
            properties.add(list, list.equals("webhookReceivers") ? webhooks(existing, intakeUrl, receiverName, secure)
                    : existing);
        }
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("location", current == null ? "Global" : current.getString("location", "Global"));
        if (current != null && current.get("tags") instanceof JsonObject tags) {
            body.add("tags", tags);
        }
        return body.add("properties", properties).build().toString();
    }

    private static JsonArray webhooks(JsonArray existing, String intakeUrl, String receiverName,
                                      SecureWebhook secure) {
        List<JsonObject> receivers = existing.stream().filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v)
                .toList();
        JsonObject toPortal = receivers.stream().filter(w -> isIntake(w.getString("serviceUri", ""), intakeUrl))
                .findFirst().orElse(null);
        String replaced = toPortal != null ? toPortal.getString("name", "") : receivers.stream()
                .map(w -> w.getString("name", "")).filter(receiverName::equalsIgnoreCase).findFirst().orElse(null);
        JsonArrayBuilder out = Json.createArrayBuilder();
        boolean written = false;
        for (JsonObject receiver : receivers) {
            if (replaced != null && receiver.getString("name", "").equals(replaced) && !written) {
                out.add(portalReceiver(receiver, toPortal != null ? receiver.getString("serviceUri")
                        : secure != null ? intakeUrl : withKey(intakeUrl), secure));
                written = true;
            } else {
                out.add(receiver);
            }
        }
        if (!written) {
            out.add(portalReceiver(Json.createObjectBuilder().add("name", receiverName).build(),
                    secure != null ? intakeUrl : withKey(intakeUrl), secure));
        }
        return out.build();
    }

    private static JsonObject portalReceiver(JsonObject receiver, String serviceUri, SecureWebhook secure) {
        JsonObjectBuilder b = Json.createObjectBuilder(receiver);
        b.add("serviceUri", serviceUri).add("useCommonAlertSchema", true);
        if (secure != null) {
            b.add("useAadAuth", true).add("objectId", secure.objectId()).add("identifierUri", secure.identifierUri())
                    .add("tenantId", secure.tenantId());
        } else if (!receiver.containsKey("useAadAuth")) {
            b.add("useAadAuth", false);
        }
        return b.build();
    }

    private static String withKey(String intakeUrl) {
        return intakeUrl + (intakeUrl.contains("?") ? "&" : "?") + "key=" + NEW_KEY;
    }

    /** Whether the body waits for a new intake key. */
    public static boolean needsKey(String body) {
        return body.contains(NEW_KEY);
    }

    /** The body with the new intake key in place. */
    public static String withNewKey(String body, String key) {
        return body.replace(NEW_KEY, key);
    }

    /** The text with every intake key ({@code key=} in an address) masked: as a dry run shows it and evidence keeps it. */
    public static String masked(String text) {
        return text == null ? null : KEY.matcher(text).replaceAll("$1" + MASK).replace(NEW_KEY, NEW_KEY_SHOWN)
                .replace(CALLBACK, CALLBACK_SHOWN);
    }

    /**
     * The workflow automation's new body: enabled, watching the whole subscription (scopes already there kept),
     * alerts of each of {@code severities} routed (one rule set each: Severity equals it; other event sources kept),
     * and a Logic App action to {@code logicAppId} calling {@link #CALLBACK} (other kinds of action kept).
     *
     * @param current  the automation as Resource Manager returned it, or null when it does not exist
     * @param location where it is created (the Logic App's region) when it does not exist
     */
    public static String automation(JsonObject current, String subscriptionId, List<String> severities,
                                    String logicAppId, String location) {
        JsonObject p = current == null || !(current.get("properties") instanceof JsonObject o)
                ? JsonValue.EMPTY_JSON_OBJECT : o;
        String subscriptionScope = "/subscriptions/" + subscriptionId.toLowerCase(Locale.ROOT);
        JsonArrayBuilder scopes = Json.createArrayBuilder();
        boolean whole = false;
        for (JsonValue v : p.get("scopes") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY) {
            scopes.add(v);
            whole |= v instanceof JsonObject scope && scope.getString("scopePath", "").equalsIgnoreCase(subscriptionScope);
        }
        if (!whole) {
            scopes.add(Json.createObjectBuilder().add("description", "The whole subscription")
                    .add("scopePath", subscriptionScope));
        }
        JsonArrayBuilder ruleSets = Json.createArrayBuilder();
        severities.forEach(severity -> ruleSets.add(Json.createObjectBuilder().add("rules", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("propertyJPath", "Severity").add("propertyType", "String")
                        .add("expectedValue", severity).add("operator", "Equals")))));
        JsonArrayBuilder sources = Json.createArrayBuilder();
        for (JsonValue v : p.get("sources") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY) {
            if (!(v instanceof JsonObject source && "Alerts".equalsIgnoreCase(source.getString("eventSource", "")))) {
                sources.add(v);
            }
        }
        sources.add(Json.createObjectBuilder().add("eventSource", "Alerts").add("ruleSets", ruleSets));
        JsonArrayBuilder actions = Json.createArrayBuilder();
        for (JsonValue v : p.get("actions") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY) {
            if (!(v instanceof JsonObject action && "LogicApp".equalsIgnoreCase(action.getString("actionType", "")))) {
                actions.add(v);
            }
        }
        actions.add(Json.createObjectBuilder().add("actionType", "LogicApp").add("logicAppResourceId", logicAppId)
                .add("uri", CALLBACK));
        JsonObjectBuilder properties = Json.createObjectBuilder()
                .add("description", p.getString("description", "Routes " + String.join(", ", severities)
                        + " severity Defender for Cloud alerts to the on-call Logic App"))
                .add("isEnabled", true).add("scopes", scopes).add("sources", sources).add("actions", actions);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("location", current == null ? location : current.getString("location", location));
        if (current != null && current.get("tags") instanceof JsonObject tags) {
            body.add("tags", tags);
        }
        return body.add("properties", properties).build().toString();
    }

    /** The PUT's path and query for an action group id. */
    public static String actionGroupPath(String id) {
        return id + "?api-version=" + PipelineApi.ACTION_GROUPS_API;
    }

    /** The action group's id in a subscription and resource group. */
    public static String actionGroupId(String subscriptionId, String resourceGroup, String name) {
        return "/subscriptions/" + subscriptionId.toLowerCase(Locale.ROOT) + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Insights/actionGroups/" + name;
    }

    /** A short name Azure accepts (at most 12 characters), from the group's name. */
    static String shortName(String name) {
        String s = name.replaceFirst("(?i)^ag-", "").replaceAll("[^A-Za-z0-9]", "");
        return s.isEmpty() ? "attest" : s.substring(0, Math.min(12, s.length()));
    }

    /** True when {@code uri} is the intake (scheme, host and path; its query, e.g. the key, aside). */
    public static boolean isIntake(String uri, String intakeUrl) {
        return uri != null && intakeUrl != null && !intakeUrl.isBlank() && base(uri).equals(base(intakeUrl));
    }

    private static String base(String uri) {
        String s = uri.strip();
        int q = s.indexOf('?');
        s = q < 0 ? s : s.substring(0, q);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private PipelineRepairs() {
    }
}
