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
    /** How an intake key is shown in a dry run and kept in evidence. */
    public static final String MASK = "*****";
    private static final Pattern KEY = Pattern.compile("([?&]key=)[^&\"\\\\\\s]+");
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
        JsonObject p = current == null || !(current.get("properties") instanceof JsonObject o)
                ? JsonValue.EMPTY_JSON_OBJECT : o;
        JsonObjectBuilder properties = Json.createObjectBuilder();
        properties.add("groupShortName", p.getString("groupShortName", shortName(name)));
        properties.add("enabled", true);
        for (String list : RECEIVER_LISTS) {
            JsonArray existing = p.get(list) instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
            properties.add(list, list.equals("webhookReceivers") ? webhooks(existing, intakeUrl, receiverName)
                    : existing);
        }
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("location", current == null ? "Global" : current.getString("location", "Global"));
        if (current != null && current.get("tags") instanceof JsonObject tags) {
            body.add("tags", tags);
        }
        return body.add("properties", properties).build().toString();
    }

    private static JsonArray webhooks(JsonArray existing, String intakeUrl, String receiverName) {
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
                        : withKey(intakeUrl)));
                written = true;
            } else {
                out.add(receiver);
            }
        }
        if (!written) {
            out.add(portalReceiver(Json.createObjectBuilder().add("name", receiverName).build(), withKey(intakeUrl)));
        }
        return out.build();
    }

    private static JsonObject portalReceiver(JsonObject receiver, String serviceUri) {
        JsonObjectBuilder b = Json.createObjectBuilder(receiver);
        b.add("serviceUri", serviceUri).add("useCommonAlertSchema", true);
        if (!receiver.containsKey("useAadAuth")) {
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
        return text == null ? null : KEY.matcher(text.replace(NEW_KEY, MASK)).replaceAll("$1" + MASK);
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
