package com.attest.intake;

import com.attest.incident.Source;
import com.attest.intake.PayloadFields.Obj;
import com.attest.intake.PayloadFields.Subjects;
import com.attest.platform.InvalidInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A Defender for Cloud alert in any of its delivered shapes: the ARM resource (camelCase under
 * {@code properties}, also how the Activity Log carries it), or workflow automation's PascalCase members at
 * the top. Where the Activity Log flattens {@code remediationSteps}, {@code entities},
 * {@code resourceIdentifiers} or {@code extendedProperties} into JSON text, that text is read as JSON.
 */
final class DefenderPayload {

    static final List<String> SEVERITIES = List.of("High", "Medium", "Low", "Informational");
    static final List<String> STATUSES = List.of("Active", "InProgress", "Resolved", "Dismissed");
    private static final List<String> SCORE_NAMES = List.of("Score", "Defender score");

    private DefenderPayload() {
    }

    static ReceivedAlert read(JsonObject json, Instant now) {
        PayloadFields f = new PayloadFields(now);
        Obj root = new Obj(json, "");
        boolean arm = f.has(root, "properties") || f.failed("properties");
        Obj alert = arm ? f.object(root, "properties", true) : root;
        Names n = new Names(!arm);

        String externalId = f.id(alert, n.of("systemAlertId"));
        String title = f.title(alert, n.of("alertDisplayName"));
        String severity = f.word(alert, n.of("severity"), true, SEVERITIES);
        String status = f.word(alert, n.of("status"), false, STATUSES);
        Instant firedAt = f.firstTime(alert, true, n.of("timeGeneratedUtc"), n.of("startTimeUtc"));
        f.throwIfAny();

        Subjects subjects = new Subjects();
        subjects.entity(PayloadFields.lenient(alert, "compromisedEntity"));
        collectEntities(embedded(PayloadFields.caseless(alert.json(), "entities")), subjects);
        JsonValue identifiers = embedded(PayloadFields.caseless(alert.json(), "resourceIdentifiers"));
        if (identifiers instanceof JsonArray items) {
            for (JsonValue item : items) {
                if (item instanceof JsonObject o) {
                    subjects.resource(PayloadFields.lenient(new Obj(o, ""), "azureResourceId"));
                }
            }
        }
        boolean resolved = "Resolved".equals(status) || "Dismissed".equals(status);
        return new ReceivedAlert(Source.DEFENDER, externalId,
                resolved ? ReceivedAlert.Event.RESOLVED : ReceivedAlert.Event.FIRED, title,
                description(PayloadFields.lenient(alert, "description"),
                        embedded(PayloadFields.caseless(alert.json(), "remediationSteps"))),
                severity, score(embedded(PayloadFields.caseless(alert.json(), "extendedProperties"))),
                PayloadFields.shortText(PayloadFields.lenient(alert, "alertType"), PayloadFields.MAX_TITLE),
                firedAt, null, status, null, null, PayloadFields.link(PayloadFields.lenient(alert, "alertUri")),
                subjects.resources(), subjects.entities(), subjects.users());
    }

    /** The alert description followed by its remediation steps, one "- step" per line. */
    static String description(String text, JsonValue remediation) {
        StringBuilder out = new StringBuilder(PayloadFields.description(text));
        List<String> steps = remediation instanceof JsonString s
                ? List.of(s.getString()) : PayloadFields.strings(remediation);
        boolean first = true;
        for (String raw : steps) {
            String step = PayloadFields.shortText(raw, PayloadFields.MAX_DESCRIPTION);
            if (step.isEmpty()) {
                continue;
            }
            if (first) {
                out.append(out.length() == 0 ? "" : "\n\n").append("Remediation:");
                first = false;
            }
            out.append("\n- ").append(step);
            if (out.length() > PayloadFields.MAX_DESCRIPTION) {
                break;
            }
        }
        return PayloadFields.description(out.toString());
    }

    /** A Defender score: an integer 1–10, as a number or a string, under "Score" or "Defender score". */
    static Integer score(JsonValue extendedProperties) {
        if (!(extendedProperties instanceof JsonObject properties)) {
            return null;
        }
        for (String name : SCORE_NAMES) {
            JsonValue v = PayloadFields.caseless(properties, name);
            BigDecimal score = null;
            if (v instanceof JsonNumber number) {
                score = number.bigDecimalValue();
            } else if (v instanceof JsonString s && s.getString().strip().matches("\\d{1,2}")) {
                score = new BigDecimal(s.getString().strip());
            }
            if (score != null && score.compareTo(BigDecimal.ONE) >= 0 && score.compareTo(BigDecimal.TEN) <= 0
                    && score.compareTo(BigDecimal.valueOf(score.intValue())) == 0) {
                return score.intValue();
            }
        }
        return null;
    }

    /**
     * Host names, IP addresses and account names into entities, UPNs into users, Azure resource ids into
     * resources, from Defender's typed entity objects wherever they nest.
     */
    private static void collectEntities(JsonValue value, Subjects subjects) {
        if (value instanceof JsonArray array) {
            array.forEach(item -> collectEntities(item, subjects));
        } else if (value instanceof JsonObject object) {
            Obj entity = new Obj(object, "");
            String type = PayloadFields.lenient(entity, "type");
            switch (type == null ? "" : type.replace("-", "").toLowerCase(Locale.ROOT)) {
                case "host" -> subjects.entity(PayloadFields.lenient(entity, "hostName"));
                case "ip" -> subjects.entity(PayloadFields.lenient(entity, "address"));
                case "account" -> {
                    String name = PayloadFields.lenient(entity, "name");
                    String suffix = PayloadFields.lenient(entity, "upnSuffix");
                    subjects.entity(name);
                    if (name != null && suffix != null && !name.isBlank() && !suffix.isBlank()) {
                        subjects.user(name.strip() + "@" + suffix.strip());
                    }
                }
                default -> {
                }
            }
            subjects.resource(PayloadFields.lenient(entity, "azureId"));
            subjects.resource(PayloadFields.lenient(entity, "resourceId"));
            object.values().forEach(member -> collectEntities(member, subjects));
        }
    }

    /** A member the Activity Log may carry as JSON text: that text read as JSON if it is an array or object. */
    private static JsonValue embedded(JsonValue value) {
        if (value instanceof JsonString s) {
            String text = s.getString().strip();
            if (text.startsWith("[") || text.startsWith("{")) {
                try {
                    return StrictJson.read(text, "embedded", false);
                } catch (InvalidInput e) {
                    return value;
                }
            }
        }
        return value;
    }

    /** Member names in the shape at hand: camelCase in the ARM resource, PascalCase from workflow automation. */
    private record Names(boolean pascal) {
        String of(String camel) {
            return pascal ? Character.toUpperCase(camel.charAt(0)) + camel.substring(1) : camel;
        }
    }
}
