package com.attest.intake;

import com.attest.incident.Source;
import com.attest.intake.PayloadFields.Obj;
import com.attest.intake.PayloadFields.Subjects;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An Azure Monitor Action Group webhook in the common alert schema. */
final class MonitorPayload {

    static final String SCHEMA_ID = "azureMonitorCommonAlertSchema";
    static final List<String> SEVERITIES = List.of("Sev0", "Sev1", "Sev2", "Sev3", "Sev4");
    static final List<String> CONDITIONS = List.of("Fired", "Resolved");

    private MonitorPayload() {
    }

    static ReceivedAlert read(JsonObject json, Instant now) {
        PayloadFields f = new PayloadFields(now);
        Obj root = new Obj(json, "");
        String schemaId = f.string(root, "schemaId", true);
        if (schemaId != null && !SCHEMA_ID.equals(schemaId.strip())) {
            f.problem("schemaId", "must be " + SCHEMA_ID);
        }
        Obj data = f.object(root, "data", true);
        Obj essentials = f.object(data, "essentials", true);

        String externalId = f.id(essentials, "alertId");
        String title = f.title(essentials, "alertRule");
        String severity = f.word(essentials, "severity", true, SEVERITIES);
        String condition = f.word(essentials, "monitorCondition", true, CONDITIONS);
        Instant firedAt = f.time(essentials, "firedDateTime", true);
        Instant resolvedAt = null;
        if ("Resolved".equals(condition)) {
            resolvedAt = f.notBefore(f.time(essentials, "resolvedDateTime", true), firedAt,
                    "data.essentials.resolvedDateTime", "data.essentials.firedDateTime");
        }
        f.throwIfAny();

        String alertType = Stream.of(PayloadFields.lenient(essentials, "signalType"),
                        PayloadFields.lenient(essentials, "monitoringService"))
                .map(s -> PayloadFields.shortText(s, PayloadFields.MAX_TITLE))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" / "));
        Subjects subjects = new Subjects();
        PayloadFields.strings(PayloadFields.caseless(essentials.json(), "alertTargetIDs")).forEach(subjects::resource);
        PayloadFields.strings(PayloadFields.caseless(essentials.json(), "configurationItems"))
                .forEach(subjects::entity);

        return new ReceivedAlert(Source.AZURE_MONITOR, externalId,
                "Resolved".equals(condition) ? ReceivedAlert.Event.RESOLVED : ReceivedAlert.Event.FIRED,
                title, PayloadFields.description(PayloadFields.lenient(essentials, "description")), severity, null,
                PayloadFields.shortText(alertType, PayloadFields.MAX_TITLE), firedAt, resolvedAt, condition, null, null,
                searchLink(PayloadFields.lenientObject(data, "alertContext")),
                subjects.resources(), subjects.entities(), subjects.users());
    }

    /** A log search alert's link to its results ({@code alertContext.condition.allOf[0]}), if it has one. */
    private static String searchLink(Obj context) {
        Obj condition = PayloadFields.lenientObject(context, "condition");
        JsonValue allOf = condition == null ? null : PayloadFields.caseless(condition.json(), "allOf");
        if (allOf instanceof JsonArray criteria && !criteria.isEmpty() && criteria.get(0) instanceof JsonObject first) {
            Obj criterion = new Obj(first, "");
            for (String name : List.of("linkToFilteredSearchResultsUI", "linkToSearchResultsUI")) {
                String link = PayloadFields.link(PayloadFields.lenient(criterion, name));
                if (link != null) {
                    return link;
                }
            }
        }
        return null;
    }
}
