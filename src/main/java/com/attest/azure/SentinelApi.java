package com.attest.azure;

import com.azure.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Microsoft Sentinel incidents through the SecurityInsights REST API ({@value #API}, the newest stable version of
 * its specification whose incidents, comments, alerts and entities operations this uses): list with an OData filter,
 * read one with its etag, update it with {@code Incidents_CreateOrUpdate} (a PUT of the whole incident carrying the
 * etag it was read with, also sent as If-Match: Azure answers 412 when it changed meanwhile) and add comments. No
 * released management library covers Sentinel (only a beta), so the calls go through the azure-core pipeline.
 */
@ApplicationScoped
public class SentinelApi {

    public static final String API = "2024-03-01";
    public static final List<String> SEVERITIES = List.of("High", "Medium", "Low", "Informational");
    public static final List<String> STATUSES = List.of("New", "Active", "Closed");
    public static final List<String> CLASSIFICATIONS = List.of("TruePositive", "BenignPositive", "FalsePositive",
            "Undetermined");
    public static final List<String> CLASSIFICATION_REASONS = List.of("SuspiciousActivity", "SuspiciousButExpected",
            "IncorrectAlertLogic", "InaccurateData");
    /** A Sentinel incident's name is a GUID. */
    public static final Pattern INCIDENT_NAME = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** One incident as Azure sent it, with the fields the portal reads. */
    public record Incident(JsonObject json, String id, String name, String etag, Integer number, String title,
                           String severity, String status, String owner, String classification, Instant created,
                           String url) {

        static Incident of(JsonObject json) {
            JsonObject p = json.getJsonObject("properties");
            p = p == null ? JsonValue.EMPTY_JSON_OBJECT : p;
            JsonObject owner = p.get("owner") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            String who = text(owner, "userPrincipalName");
            who = who != null ? who : text(owner, "email");
            who = who != null ? who : text(owner, "assignedTo");
            Instant created = null;
            try {
                created = text(p, "createdTimeUtc") == null ? null : Instant.parse(text(p, "createdTimeUtc"));
            } catch (RuntimeException e) {
                // shown without a time
            }
            return new Incident(json, text(json, "id"), text(json, "name"), text(json, "etag"),
                    p.get("incidentNumber") instanceof jakarta.json.JsonNumber n ? n.intValue() : null,
                    text(p, "title"), text(p, "severity"), text(p, "status"), who, text(p, "classification"),
                    created, text(p, "incidentUrl"));
        }
    }

    /** A page of incidents and the link to the next one (null on the last page). */
    public record Page(List<Incident> incidents, String nextLink) {
    }

    /** What an update did: written (with the new etag), or refused because the incident changed meanwhile (412). */
    public record Written(boolean conflict, int status, String requestId, String etagBefore, String etagAfter,
                          Incident incident) {
    }

    @Inject
    AzureClients clients;

    /** For CDI. */
    public SentinelApi() {
    }

    public SentinelApi(AzureClients clients) {
        this.clients = clients;
    }

    private ArmRest rest() {
        return new ArmRest(clients);
    }

    private AzureIdentity identity(SentinelWorkspace workspace) {
        return clients.settings().subscription(workspace.subscriptionId()).orElseThrow(() ->
                new IllegalArgumentException("No Azure identity is configured for subscription "
                        + workspace.subscriptionId()));
    }

    /** The OData filter of a list: each chosen severity and status (any of them), e.g. the policy's High + Active. */
    public static String filter(List<String> severities, List<String> statuses) {
        List<String> parts = new ArrayList<>();
        any(parts, "properties/severity", severities);
        any(parts, "properties/status", statuses);
        return String.join(" and ", parts);
    }

    private static void any(List<String> parts, String field, List<String> values) {
        List<String> terms = values == null ? List.of() : values.stream().map(v -> field + " eq '" + v + "'").toList();
        if (!terms.isEmpty()) {
            parts.add(terms.size() == 1 ? terms.get(0) : "(" + String.join(" or ", terms) + ")");
        }
    }

    /** The first page of incidents matching {@code filter} (newest first), or the page {@code nextLink} names. */
    public Page list(SentinelWorkspace workspace, String filter, int top, String nextLink, CallLog log)
            throws AzureFailure {
        String url = nextLink != null ? nextLink : workspace.providerPath() + "/incidents?api-version=" + API
                + (filter == null || filter.isBlank() ? "" : "&$filter=" + encode(filter))
                + "&$orderby=" + encode("properties/createdTimeUtc desc") + "&$top=" + top;
        ArmRest.Answer answer = rest().send(identity(workspace), HttpMethod.GET, url, null, null,
                "Listing the incidents of Sentinel workspace " + workspace.workspace(), Set.of(), log);
        JsonObject json = answer.json("Listing the incidents of Sentinel workspace " + workspace.workspace());
        List<Incident> incidents = new ArrayList<>();
        if (json.get("value") instanceof JsonArray value) {
            for (JsonValue v : value) {
                if (v instanceof JsonObject o) {
                    incidents.add(Incident.of(o));
                }
            }
        }
        String next = json.get("nextLink") instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
        if (next != null && !next.startsWith(AzureClients.ARM_ENDPOINT + "/")) {
            throw new AzureFailure(0, null, "Listing the incidents: the next page's link does not lead to Azure"
                    + " Resource Manager", null, false, null);
        }
        return new Page(incidents, next);
    }

    /** One incident, as it is now, with its etag. */
    public Incident get(SentinelWorkspace workspace, String incidentName, CallLog log) throws AzureFailure {
        String name = requireName(incidentName);
        ArmRest.Answer answer = rest().send(identity(workspace), HttpMethod.GET, workspace.incidentId(name)
                + "?api-version=" + API, null, null, "Reading Sentinel incident " + name, Set.of(), log);
        return Incident.of(answer.json("Reading Sentinel incident " + name));
    }

    /**
     * Writes {@code changes} (owner, status, classification… as members of {@code properties}) over the incident as
     * it was read ({@code read}), with its etag; a 412 comes back as a conflict, nothing written.
     */
    public Written update(SentinelWorkspace workspace, Incident read, JsonObject changes, CallLog log)
            throws AzureFailure {
        String name = requireName(read.name());
        JsonObject body = body(read.json(), changes);
        ArmRest.Answer answer = rest().send(identity(workspace), HttpMethod.PUT, workspace.incidentId(name)
                        + "?api-version=" + API, body.toString(), read.etag(), "Updating Sentinel incident " + name,
                Set.of(412), log);
        if (answer.status() == 412) {
            return new Written(true, 412, answer.requestId(), read.etag(), null, null);
        }
        Incident written = Incident.of(answer.json("Updating Sentinel incident " + name));
        return new Written(false, answer.status(), answer.requestId(), read.etag(), written.etag(), written);
    }

    /**
     * The PUT body: the incident's writable properties as read (title, severity and status are required by the
     * API), overlaid with the changes, and the etag it was read with. Read-only members are left out.
     */
    static JsonObject body(JsonObject read, JsonObject changes) {
        JsonObject properties = read.get("properties") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        JsonObjectBuilder out = Json.createObjectBuilder();
        for (String member : List.of("title", "description", "severity", "status", "classification",
                "classificationReason", "classificationComment", "owner", "labels", "firstActivityTimeUtc",
                "lastActivityTimeUtc")) {
            if (properties.containsKey(member) && !properties.isNull(member)) {
                out.add(member, properties.get(member));
            }
        }
        if (properties.get("owner") instanceof JsonObject owner) {
            JsonObjectBuilder kept = Json.createObjectBuilder();
            owner.forEach((k, v) -> {
                if (!v.equals(JsonValue.NULL) && !"ownerType".equals(k)) {
                    kept.add(k, v);
                }
            });
            out.add("owner", kept);
        }
        changes.forEach(out::add);
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (read.get("etag") instanceof JsonString etag) {
            body.add("etag", etag);
        }
        return body.add("properties", out).build();
    }

    /** Adds a comment (its id chosen by the portal, so a retried write never adds it twice). */
    public ArmRest.Answer comment(SentinelWorkspace workspace, String incidentName, String commentId, String message,
                                  CallLog log) throws AzureFailure {
        String name = requireName(incidentName);
        String body = Json.createObjectBuilder().add("properties", Json.createObjectBuilder().add("message", message))
                .build().toString();
        return rest().send(identity(workspace), HttpMethod.PUT, workspace.incidentId(name) + "/comments/"
                + requireName(commentId) + "?api-version=" + API, body, null, "Commenting on Sentinel incident " + name,
                Set.of(), log);
    }

    /**
     * The incidents created in {@code [from, to)}, every page verbatim, then for each incident its alerts, entities
     * and comments (its timeline), in that order.
     */
    public List<ArmRest.Answer> history(SentinelWorkspace workspace, Instant from, Instant to, int maxPages,
                                        CallLog log) throws AzureFailure {
        AzureIdentity identity = identity(workspace);
        ArmRest rest = rest();
        String filter = "properties/createdTimeUtc ge " + from + " and properties/createdTimeUtc lt " + to;
        List<ArmRest.Answer> pages = new ArrayList<>(rest.pages(identity, HttpMethod.GET, workspace.providerPath()
                        + "/incidents?api-version=" + API + "&$filter=" + encode(filter) + "&$orderby="
                        + encode("properties/createdTimeUtc asc"), null,
                "Listing the incidents of Sentinel workspace " + workspace.workspace(), maxPages, log));
        List<String> names = new ArrayList<>();
        for (ArmRest.Answer page : List.copyOf(pages)) {
            if (page.json("Listing incidents").get("value") instanceof JsonArray value) {
                for (JsonValue v : value) {
                    if (v instanceof JsonObject o && o.get("name") instanceof JsonString n
                            && INCIDENT_NAME.matcher(n.getString()).matches()) {
                        names.add(n.getString());
                    }
                }
            }
        }
        for (String name : names) {
            String incident = workspace.incidentId(name);
            int left = maxPages - pages.size();
            pages.addAll(rest.pages(identity, HttpMethod.POST, incident + "/alerts?api-version=" + API, null,
                    "Reading the alerts of Sentinel incident " + name, Math.max(1, left), log));
            pages.addAll(rest.pages(identity, HttpMethod.POST, incident + "/entities?api-version=" + API, null,
                    "Reading the entities of Sentinel incident " + name, Math.max(1, maxPages - pages.size()), log));
            pages.addAll(rest.pages(identity, HttpMethod.GET, incident + "/comments?api-version=" + API, null,
                    "Reading the comments of Sentinel incident " + name, Math.max(1, maxPages - pages.size()), log));
        }
        return pages;
    }

    /** The entities of one incident (hosts, accounts, IP addresses…), as Azure lists them. */
    public JsonArray entities(SentinelWorkspace workspace, String incidentName, CallLog log) throws AzureFailure {
        String name = requireName(incidentName);
        ArmRest.Answer answer = rest().send(identity(workspace), HttpMethod.POST, workspace.incidentId(name)
                        + "/entities?api-version=" + API, null, null, "Reading the entities of Sentinel incident "
                        + name, Set.of(), log);
        JsonObject json = answer.json("Reading the entities of Sentinel incident " + name);
        return json.get("entities") instanceof JsonArray entities ? entities : JsonValue.EMPTY_JSON_ARRAY;
    }

    static String requireName(String name) {
        if (name == null || !INCIDENT_NAME.matcher(name.strip()).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a Sentinel incident name (a GUID).");
        }
        return name.strip();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }
}
