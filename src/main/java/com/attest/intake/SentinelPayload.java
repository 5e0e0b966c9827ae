package com.attest.intake;

import com.attest.incident.Source;
import com.attest.intake.PayloadFields.Obj;
import com.attest.intake.PayloadFields.Subjects;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Microsoft Sentinel incident: a playbook's incident trigger ({@code objectSchemaType}, {@code objectEventType},
 * the incident under {@code object}) or the bare incident resource.
 */
final class SentinelPayload {

    static final List<String> SEVERITIES = List.of("High", "Medium", "Low", "Informational");
    static final List<String> STATUSES = List.of("New", "Active", "Closed");
    static final List<String> CLASSIFICATIONS = List.of("Undetermined", "TruePositive", "BenignPositive",
            "FalsePositive");
    static final List<String> EVENT_TYPES = List.of("Create", "Update");
    private static final List<String> TRIGGER_MEMBERS = List.of("object", "objectSchemaType", "objectEventType",
            "eventUniqueId");

    private SentinelPayload() {
    }

    static ReceivedAlert read(JsonObject json, Instant now) {
        PayloadFields f = new PayloadFields(now);
        Obj root = new Obj(json, "");
        boolean trigger = TRIGGER_MEMBERS.stream().anyMatch(name -> PayloadFields.caseless(json, name) != null);
        Obj incident = root;
        ReceivedAlert.Event event = ReceivedAlert.Event.FIRED;
        if (trigger) {
            String schemaType = f.string(root, "objectSchemaType", true);
            if (schemaType != null && !"Incident".equalsIgnoreCase(schemaType.strip())) {
                f.problem("objectSchemaType", "must be Incident");
            }
            if ("Update".equals(f.word(root, "objectEventType", true, EVENT_TYPES))) {
                event = ReceivedAlert.Event.UPDATED;
            }
            incident = f.object(root, "object", true);
        }
        String externalId = f.id(incident, "id");
        if (externalId != null && !externalId.regionMatches(true, 0, "/subscriptions/", 0, 15)) {
            f.problem(incident.pathOf("id"), "must be an Azure resource id (/subscriptions/…)");
        }
        Obj properties = f.object(incident, "properties", true);
        String title = f.title(properties, "title");
        String severity = f.word(properties, "severity", true, SEVERITIES);
        String status = f.word(properties, "status", true, STATUSES);
        String classification = f.word(properties, "classification", false, CLASSIFICATIONS);
        Instant firedAt = f.firstTime(properties, true, "createdTimeUtc", "firstActivityTimeUtc");
        Instant resolvedAt = null;
        if ("Closed".equals(status)) {
            String closedField = f.has(properties, "closedTime") ? "closedTime" : "lastModifiedTimeUtc";
            resolvedAt = f.notBefore(f.firstTime(properties, false, "closedTime", "lastModifiedTimeUtc"), firedAt,
                    properties.pathOf(closedField), properties.pathOf("createdTimeUtc"));
        }
        f.throwIfAny();

        Obj additional = PayloadFields.lenientObject(properties, "additionalData");
        String tactics = PayloadFields.strings(additional == null ? null
                        : PayloadFields.caseless(additional.json(), "tactics")).stream()
                .map(s -> PayloadFields.shortText(s, PayloadFields.MAX_TITLE))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
        Subjects subjects = new Subjects();
        collectEntities(PayloadFields.caseless(incident.json(), "relatedEntities"), subjects);
        collectEntities(PayloadFields.caseless(properties.json(), "relatedEntities"), subjects);

        return new ReceivedAlert(Source.SENTINEL, externalId.toLowerCase(Locale.ROOT), event, title,
                PayloadFields.description(PayloadFields.lenient(properties, "description")), severity, null,
                PayloadFields.shortText(tactics, PayloadFields.MAX_TITLE), firedAt, resolvedAt, status,
                owner(PayloadFields.lenientObject(properties, "owner")), classification,
                PayloadFields.link(PayloadFields.lenient(properties, "incidentUrl")),
                subjects.resources(), subjects.entities(), subjects.users());
    }

    /** The owner's UPN, else e-mail, lower-cased; null when unassigned. */
    private static String owner(Obj owner) {
        for (String name : List.of("userPrincipalName", "email")) {
            String value = Subjects.clean(PayloadFields.lenient(owner, name));
            if (value != null && value.length() <= PayloadFields.MAX_ID) {
                return value;
            }
        }
        return null;
    }

    /** Accounts (names into entities, UPNs into users), hosts, IP addresses and Azure resources. */
    private static void collectEntities(JsonValue value, Subjects subjects) {
        for (JsonValue item : value instanceof JsonArray array ? array : List.<JsonValue>of()) {
            if (!(item instanceof JsonObject object)) {
                continue;
            }
            String kind = PayloadFields.lenient(new Obj(object, ""), "kind");
            Obj p = PayloadFields.lenientObject(new Obj(object, ""), "properties");
            if (kind == null || p == null) {
                continue;
            }
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "account" -> {
                    String name = PayloadFields.lenient(p, "accountName");
                    String suffix = PayloadFields.lenient(p, "upnSuffix");
                    subjects.entity(name);
                    if (name != null && suffix != null && !name.isBlank() && !suffix.isBlank()) {
                        subjects.user(name.strip() + "@" + suffix.strip());
                    }
                }
                case "host" -> {
                    subjects.entity(PayloadFields.lenient(p, "hostName"));
                    subjects.resource(PayloadFields.lenient(p, "azureID"));
                }
                case "ip" -> subjects.entity(PayloadFields.lenient(p, "address"));
                case "azureresource" -> subjects.resource(PayloadFields.lenient(p, "resourceId"));
                default -> {
                }
            }
        }
    }
}
