package com.attest.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Sentinel's incidents API (SecurityInsights, as Resource Manager serves it) for the fake Azure, with state:
 * incidents shaped like the REST specification's examples (Incidents_Get, Incidents_CreateOrUpdate,
 * IncidentComments_CreateOrUpdate, Incidents_ListAlerts, Incidents_ListEntities), listed with an OData $filter
 * ({@code properties/severity eq 'High'}, or-groups, {@code createdTimeUtc ge/lt}), newest first, paged by
 * {@code $top} and a nextLink; a PUT needs the current etag as If-Match or gets 412; comments are kept under the id the
 * caller chose. Failures a test arms are answered once each, in order: any status with Azure's error body (429 with
 * Retry-After, 403 AuthorizationFailed…), or a delay longer than the portal waits.
 */
public final class FakeSentinel implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-sentinel";
    private static final Pattern INCIDENTS = Pattern.compile(
            "(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+"
                    + "/providers/Microsoft\\.SecurityInsights)/incidents(?:/([^/?]+)(?:/(comments|alerts|entities)"
                    + "(?:/([^/?]+))?)?)?");
    private static final Pattern TERM = Pattern.compile(
            "properties/(\\w+) (eq|ge|gt|le|lt) (?:'([^']*)'|(\\S+))");

    /** One incident as the fake keeps it. */
    private static final class Incident {
        final String provider;
        final String name;
        final Map<String, JsonValue> properties = new LinkedHashMap<>();
        final Map<String, JsonObject> comments = new LinkedHashMap<>();
        int version = 1;

        Incident(String provider, String name) {
            this.provider = provider;
            this.name = name;
        }

        String etag() {
            return "\"" + String.format(Locale.ROOT, "%08x-0000-0000-0000-%012x", Math.abs(name.hashCode()), version)
                    + "\"";
        }
    }

    /** A failure armed by a test. */
    private record Failure(String method, String pathPart, int status, String code, String message,
                           Integer retryAfter, int delayMs) {
    }

    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private int numbers = 3177;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** Forgets every incident and armed failure. */
    public synchronized void clear() {
        incidents.clear();
        failures.clear();
    }

    /**
     * Adds an incident to the workspace whose SecurityInsights provider path is {@code provider}; returns its name (a
     * GUID). {@code owner} is a UPN or null.
     */
    public synchronized String add(String provider, String title, String severity, String status, String owner,
                                   Instant created) {
        String name = UUID.nameUUIDFromBytes((provider + "|" + title + "|" + created).getBytes(StandardCharsets.UTF_8))
                .toString();
        Incident i = new Incident(provider, name);
        int number = ++numbers;
        i.properties.put("title", str(title));
        i.properties.put("description", str("This is a demo incident: " + title));
        i.properties.put("severity", str(severity));
        i.properties.put("status", str(status));
        i.properties.put("owner", ownerJson(owner));
        i.properties.put("labels", JsonValue.EMPTY_JSON_ARRAY);
        i.properties.put("firstActivityTimeUtc", str(created.minusSeconds(600).toString()));
        i.properties.put("lastActivityTimeUtc", str(created.minusSeconds(60).toString()));
        i.properties.put("createdTimeUtc", str(created.toString()));
        i.properties.put("lastModifiedTimeUtc", str(created.toString()));
        i.properties.put("incidentNumber", jakarta.json.Json.createValue(number));
        i.properties.put("incidentUrl", str("https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident"
                + provider + "/incidents/" + name));
        i.properties.put("providerName", str("Azure Sentinel"));
        i.properties.put("providerIncidentId", str(String.valueOf(number)));
        i.properties.put("relatedAnalyticRuleIds", JsonValue.EMPTY_JSON_ARRAY);
        i.properties.put("additionalData", jakarta.json.Json.createObjectBuilder().add("alertsCount", 1)
                .add("bookmarksCount", 0).add("commentsCount", 0)
                .add("alertProductNames", jakarta.json.Json.createArrayBuilder().add("Azure Sentinel"))
                .add("tactics", jakarta.json.Json.createArrayBuilder().add("InitialAccess")).build());
        incidents.put(name.toLowerCase(Locale.ROOT), i);
        return name;
    }

    /** Someone changes the incident in Sentinel: its owner becomes {@code upn}, its etag moves on. */
    public synchronized void changeInSentinel(String name, String upn) {
        Incident i = incidents.get(name.toLowerCase(Locale.ROOT));
        i.properties.put("owner", ownerJson(upn));
        i.version++;
    }

    /** Someone reclassifies the incident in Sentinel: its severity becomes {@code severity}, its etag moves on. */
    public synchronized void severityInSentinel(String name, String severity) {
        Incident i = incidents.get(name.toLowerCase(Locale.ROOT));
        i.properties.put("severity", str(severity));
        i.version++;
    }

    /** The incident's current etag. */
    public synchronized String etag(String name) {
        return incidents.get(name.toLowerCase(Locale.ROOT)).etag();
    }

    /** A property of the incident as it is now (a string), e.g. status, classification. */
    public synchronized String property(String name, String property) {
        JsonValue v = incidents.get(name.toLowerCase(Locale.ROOT)).properties.get(property);
        return v instanceof JsonString s ? s.getString() : v == null || v == JsonValue.NULL ? null : v.toString();
    }

    /** The incident as Sentinel would send it now (its ARM resource). */
    public synchronized String json(String name) {
        return json(incidents.get(name.toLowerCase(Locale.ROOT))).toString();
    }

    /** The owner's UPN as it is now, or null. */
    public synchronized String owner(String name) {
        JsonValue v = incidents.get(name.toLowerCase(Locale.ROOT)).properties.get("owner");
        return v instanceof JsonObject o && o.get("userPrincipalName") instanceof JsonString s ? s.getString() : null;
    }

    /** The comments' messages, in the order they were added. */
    public synchronized List<String> comments(String name) {
        return incidents.get(name.toLowerCase(Locale.ROOT)).comments.values().stream()
                .map(c -> c.getJsonObject("properties").getString("message")).toList();
    }

    /**
     * The next request whose method is {@code method} and whose path contains {@code pathPart} is answered with
     * {@code status} and Azure's error body, once.
     */
    public synchronized void failNext(String method, String pathPart, int status, String code, String message,
                                      Integer retryAfterSeconds) {
        failures.add(new Failure(method, pathPart, status, code, message, retryAfterSeconds, 0));
    }

    /** The next matching request is answered after {@code delayMs} (longer than the portal waits: a timeout). */
    public synchronized void delayNext(String method, String pathPart, int delayMs) {
        failures.add(new Failure(method, pathPart, 0, null, null, null, delayMs));
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String method = request.getMethod().getName();
        for (Failure f : failures) {
            if (f.method().equalsIgnoreCase(method) && path.contains(f.pathPart())) {
                failures.remove(f);
                if (f.delayMs() > 0) {
                    return answer(200, "{}", null, f.delayMs());
                }
                HttpHeaders headers = new HttpHeaders(new HttpHeader("Content-Type", "application/json"),
                        new HttpHeader("x-ms-request-id", UUID.randomUUID().toString()));
                if (f.retryAfter() != null) {
                    headers = headers.plus(new HttpHeader("Retry-After", String.valueOf(f.retryAfter())));
                }
                return new ResponseDefinitionBuilder().withStatus(f.status()).withHeaders(headers)
                        .withBody(error(f.code(), f.message())).build();
            }
        }
        Matcher m = INCIDENTS.matcher(path);
        if (!m.matches()) {
            return answer(404, error("ResourceNotFound", "No such resource in the fake."), null, 0);
        }
        String provider = m.group(1);
        String name = m.group(2);
        String sub = m.group(3);
        if (name == null) {
            return "GET".equals(method) ? list(provider, url) : answer(405, error("MethodNotAllowed", method), null, 0);
        }
        Incident i = incidents.get(name.toLowerCase(Locale.ROOT));
        if (i == null || !i.provider.equalsIgnoreCase(provider)) {
            return answer(404, error("NotFound", "Incident " + name + " was not found."), null, 0);
        }
        if (sub == null) {
            return switch (method) {
                case "GET" -> answer(200, json(i).toString(), i.etag(), 0);
                case "PUT" -> update(i, request);
                default -> answer(405, error("MethodNotAllowed", method), null, 0);
            };
        }
        return switch (sub.toLowerCase(Locale.ROOT)) {
            case "comments" -> m.group(4) == null ? answer(200, jakarta.json.Json.createObjectBuilder()
                    .add("value", array(new ArrayList<>(i.comments.values()))).build().toString(), null, 0)
                    : comment(i, m.group(4), request);
            case "alerts" -> answer(200, alerts(i).toString(), null, 0);
            default -> answer(200, entities(i).toString(), null, 0);
        };
    }

    private ResponseDefinition list(String provider, String url) {
        Map<String, String> query = query(url);
        String filter = query.getOrDefault("$filter", "");
        boolean ascending = query.getOrDefault("$orderby", "").endsWith("asc");
        int top = Integer.parseInt(query.getOrDefault("$top", "50"));
        int skip = Integer.parseInt(query.getOrDefault("$skipToken", "0"));
        List<Incident> matching = incidents.values().stream().filter(i -> i.provider.equalsIgnoreCase(provider))
                .filter(i -> matches(i, filter))
                .sorted(Comparator.comparing((Incident i) -> created(i)).thenComparing(i -> i.name))
                .toList();
        if (!ascending) {
            matching = new ArrayList<>(matching);
            java.util.Collections.reverse(matching);
        }
        List<JsonObject> page = matching.stream().skip(skip).limit(top).map(FakeSentinel::json).toList();
        JsonObjectBuilder body = jakarta.json.Json.createObjectBuilder().add("value", array(page));
        if (skip + top < matching.size()) {
            String base = url.replaceAll("[&?]\\$skipToken=[^&]*", "");
            body.add("nextLink", "https://management.azure.com" + base + (base.contains("?") ? "&" : "?")
                    + "$skipToken=" + (skip + top));
        }
        return answer(200, body.build().toString(), null, 0);
    }

    private static boolean matches(Incident i, String filter) {
        if (filter.isBlank()) {
            return true;
        }
        for (String clause : filter.split(" and (?![^(]*\\))")) {
            String c = clause.strip();
            if (c.startsWith("(") && c.endsWith(")")) {
                c = c.substring(1, c.length() - 1);
            }
            boolean any = false;
            for (String term : c.split(" or ")) {
                Matcher t = TERM.matcher(term.strip());
                if (!t.matches()) {
                    throw new IllegalArgumentException("The fake reads no such filter term: " + term);
                }
                JsonValue v = i.properties.get(t.group(1));
                String have = v instanceof JsonString s ? s.getString() : String.valueOf(v);
                String want = t.group(3) != null ? t.group(3) : t.group(4);
                any |= switch (t.group(2)) {
                    case "eq" -> have.equalsIgnoreCase(want);
                    case "ge" -> !Instant.parse(have).isBefore(Instant.parse(want));
                    case "gt" -> Instant.parse(have).isAfter(Instant.parse(want));
                    case "le" -> !Instant.parse(have).isAfter(Instant.parse(want));
                    default -> Instant.parse(have).isBefore(Instant.parse(want));
                };
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private ResponseDefinition update(Incident i, Request request) {
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !ifMatch.equals(i.etag())) {
            return answer(412, error("PreconditionFailed", "The incident was changed since it was read: etag "
                    + ifMatch + " is not the current etag."), null, 0);
        }
        JsonObject body = jakarta.json.Json.createReader(new StringReader(request.getBodyAsString())).readObject();
        JsonObject p = body.getJsonObject("properties");
        for (String required : List.of("title", "severity", "status")) {
            if (!(p.get(required) instanceof JsonString)) {
                return answer(400, error("BadRequest", "properties." + required + " is required."), null, 0);
            }
        }
        for (var e : p.entrySet()) {
            if (e.getKey().equals("owner") && e.getValue() instanceof JsonObject o) {
                String upn = o.get("userPrincipalName") instanceof JsonString s ? s.getString()
                        : o.get("assignedTo") instanceof JsonString s2 ? s2.getString() : null;
                i.properties.put("owner", ownerJson(upn));
            } else if (List.of("title", "description", "severity", "status", "classification",
                    "classificationReason", "classificationComment", "labels").contains(e.getKey())) {
                i.properties.put(e.getKey(), e.getValue());
            }
        }
        i.properties.put("lastModifiedTimeUtc", str(TestClock.now().toString()));
        i.version++;
        return answer(200, json(i).toString(), i.etag(), 0);
    }

    private ResponseDefinition comment(Incident i, String id, Request request) {
        JsonObject body = jakarta.json.Json.createReader(new StringReader(request.getBodyAsString())).readObject();
        String message = body.getJsonObject("properties").getString("message");
        JsonObject comment = jakarta.json.Json.createObjectBuilder()
                .add("id", i.provider + "/incidents/" + i.name + "/comments/" + id).add("name", id)
                .add("etag", "\"" + UUID.nameUUIDFromBytes(message.getBytes(StandardCharsets.UTF_8)) + "\"")
                .add("type", "Microsoft.SecurityInsights/Incidents/Comments")
                .add("properties", jakarta.json.Json.createObjectBuilder().add("message", message)
                        .add("createdTimeUtc", TestClock.now().toString())
                        .add("lastModifiedTimeUtc", TestClock.now().toString())
                        .add("author", jakarta.json.Json.createObjectBuilder().add("name", "Attest")
                                .add("userPrincipalName", "attest@contoso.com"))).build();
        i.comments.putIfAbsent(id.toLowerCase(Locale.ROOT), comment);
        return answer(200, i.comments.get(id.toLowerCase(Locale.ROOT)).toString(), null, 0);
    }

    private static JsonObject alerts(Incident i) {
        return jakarta.json.Json.createObjectBuilder().add("value", jakarta.json.Json.createArrayBuilder().add(
                jakarta.json.Json.createObjectBuilder()
                        .add("id", i.provider + "/entities/" + UUID.nameUUIDFromBytes(i.name.getBytes(StandardCharsets.UTF_8)))
                        .add("name", UUID.nameUUIDFromBytes(i.name.getBytes(StandardCharsets.UTF_8)).toString())
                        .add("type", "Microsoft.SecurityInsights/Entities").add("kind", "SecurityAlert")
                        .add("properties", jakarta.json.Json.createObjectBuilder()
                                .add("alertDisplayName", "myAlert").add("severity", "High").add("status", "New")
                                .add("productName", "Azure Security Center").add("confidenceLevel", "Unknown")
                                .add("timeGenerated", ((JsonString) i.properties.get("createdTimeUtc")).getString())
                                .add("friendlyName", "myAlert")))).build();
    }

    private static JsonObject entities(Incident i) {
        return jakarta.json.Json.createObjectBuilder().add("entities", jakarta.json.Json.createArrayBuilder().add(
                jakarta.json.Json.createObjectBuilder()
                        .add("id", i.provider + "/entities/e1d3d618-e11f-478b-98e3-bb381539a8e1")
                        .add("name", "e1d3d618-e11f-478b-98e3-bb381539a8e1")
                        .add("type", "Microsoft.SecurityInsights/Entities").add("kind", "Account")
                        .add("properties", jakarta.json.Json.createObjectBuilder().add("accountName", "test")
                                .add("upnSuffix", "contoso.com").add("friendlyName", "test"))))
                .add("metaData", jakarta.json.Json.createArrayBuilder().add(jakarta.json.Json.createObjectBuilder()
                        .add("count", 1).add("entityKind", "Account"))).build();
    }

    private static Instant created(Incident i) {
        return Instant.parse(((JsonString) i.properties.get("createdTimeUtc")).getString());
    }

    private static JsonObject json(Incident i) {
        JsonObjectBuilder p = jakarta.json.Json.createObjectBuilder();
        i.properties.forEach(p::add);
        return jakarta.json.Json.createObjectBuilder().add("id", i.provider + "/incidents/" + i.name)
                .add("name", i.name).add("etag", i.etag()).add("type", "Microsoft.SecurityInsights/Incidents")
                .add("properties", p).build();
    }

    private static JsonValue ownerJson(String upn) {
        JsonObjectBuilder o = jakarta.json.Json.createObjectBuilder();
        if (upn == null) {
            o.addNull("objectId").addNull("email").addNull("userPrincipalName").addNull("assignedTo");
        } else {
            o.add("objectId", UUID.nameUUIDFromBytes(upn.getBytes(StandardCharsets.UTF_8)).toString())
                    .add("email", upn).add("userPrincipalName", upn).add("assignedTo", upn);
        }
        return o.add("ownerType", upn == null ? "Unknown" : "User").build();
    }

    private static JsonArrayBuilder array(List<JsonObject> items) {
        JsonArrayBuilder a = jakarta.json.Json.createArrayBuilder();
        items.forEach(a::add);
        return a;
    }

    private static JsonString str(String s) {
        return jakarta.json.Json.createValue(s);
    }

    private static String error(String code, String message) {
        return jakarta.json.Json.createObjectBuilder().add("error", jakarta.json.Json.createObjectBuilder()
                .add("code", code).add("message", message)).build().toString();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        int at = url.indexOf('?');
        if (at >= 0) {
            for (String pair : url.substring(at + 1).split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static ResponseDefinition answer(int status, String body, String etag, int delayMs) {
        HttpHeaders headers = new HttpHeaders(new HttpHeader("Content-Type", "application/json; charset=utf-8"),
                new HttpHeader("x-ms-request-id", UUID.randomUUID().toString()));
        if (etag != null) {
            headers = headers.plus(new HttpHeader("ETag", etag));
        }
        ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(status).withHeaders(headers)
                .withBody(body);
        if (delayMs > 0) {
            b = b.withFixedDelay(delayMs);
        }
        return b.build();
    }
}
