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

/**
 * An Azure Monitor Action Group webhook in the common alert schema. Azure leaves {@code alertRule}, {@code severity}
 * and {@code monitorCondition} null in some notifications it sends through the same action group (cost and budget
 * alerts): the title then comes from the alert context (a service-health or resource-health event's title, the
 * budget's name) or the monitoring service, the alert has no severity word (the rules classify it), and it counts as
 * fired.
 */
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
        Obj context = PayloadFields.lenientObject(data, "alertContext");
        String title = f.has(essentials, "alertRule") ? f.title(essentials, "alertRule")
                : fallbackTitle(essentials, context);
        String severity = f.word(essentials, "severity", false, SEVERITIES);
        String given = f.word(essentials, "monitorCondition", false, CONDITIONS);
        String condition = given == null ? "Fired" : given;
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
                title, PayloadFields.description(PayloadFields.lenient(essentials, "description")),
                severity == null ? "" : severity, null,
                PayloadFields.shortText(alertType, PayloadFields.MAX_TITLE), firedAt, resolvedAt, condition, null, null,
                searchLink(context),
                subjects.resources(), subjects.entities(), subjects.users());
    }

    /**
     * The title of a notification without an alert rule: the event's own title (service and resource health), the
     * budget's name (cost alerts), else the monitoring service's.
     */
    private static String fallbackTitle(Obj essentials, Obj context) {
        String eventTitle = PayloadFields.lenient(PayloadFields.lenientObject(context, "properties"), "title");
        if (eventTitle != null && !eventTitle.isBlank()) {
            return PayloadFields.shortText(eventTitle, PayloadFields.MAX_TITLE);
        }
        String budget = PayloadFields.lenient(PayloadFields.lenientObject(context, "AlertData"), "BudgetName");
        if (budget != null && !budget.isBlank()) {
            return PayloadFields.shortText("Budget " + budget, PayloadFields.MAX_TITLE);
        }
        String service = PayloadFields.shortText(PayloadFields.lenient(essentials, "monitoringService"), 100);
        return service.isEmpty() ? "Azure Monitor alert" : service + " alert";
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
