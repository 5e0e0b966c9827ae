package com.attest.intake;

import static com.attest.testing.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeSentinel;
import com.attest.testing.Incidents;
import com.attest.testing.IntakeDeliveries;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.attest.testing.Wait;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Microsoft Sentinel both ways, on the real WAR and database against the fake Sentinel: listing with the policy's
 * filter and paging, import through intake (one link, whatever the repeats), assignment with the etag carried (a
 * change in Sentinel meanwhile shown, never overwritten), and the life cycle written back through the outbox in order
 * and exactly once, each call on the incident's timeline; a 412 on a write-back resolved by reading again; bad input
 * and roles. The incidents live in the fake under titles of this class's own; the people are this class's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SentinelIT {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.sentinel";
    private static final String SAM = "sam.sentinel";
    private static final String AUDREY = "audrey.sentinel";
    private static final String WS = FakeAzure.SENTINEL;
    private static FakeAzure azure;
    private static FakeSentinel sentinel;

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void arrange() {
        azure = SharedPortal.azure().reset();
        sentinel = azure.sentinel;
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, AUDREY, PASSWORD, TestClock.today().plusDays(30));
    }

    @Test
    void importAssignDeclareResolveAndCloseAreWrittenBackInOrderAndOnce() {
        Instant created = TestClock.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String name = sentinel.add(WS, "Sentinel IT: mass download by a departing user", "High", "Active", null,
                created);
        String other = sentinel.add(WS, "Sentinel IT: low noise", "Low", "New", null, created.minusSeconds(5));

        // the policy's filter by default: High and Active, not linked yet
        JsonObject listed = ok(PortalClient.api(base, "api/sentinel/soc/incidents", RITA, PASSWORD));
        JsonObject row = row(listed, name);
        assertTrue(row.isNull("reference"), row.toString());
        assertFalse(names(listed).contains(other), listed.toString());

        // import: opened once, whatever the repeats, through intake's own Sentinel identity
        JsonObject imported = ok(PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/import", RITA,
                PASSWORD, ""));
        String ref = imported.getString("reference");
        assertFalse(imported.getBoolean("alreadyLinked"));
        JsonObject again = ok(PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/import", SAM,
                PASSWORD, ""));
        assertEquals(ref, again.getString("reference"));
        assertTrue(again.getBoolean("alreadyLinked"));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM alert WHERE source = 'SENTINEL'"
                + " AND external_id = '" + (WS + "/incidents/" + name).toLowerCase() + "'"));
        assertEquals(ref, row(ok(PortalClient.api(base, "api/sentinel/soc/incidents", RITA, PASSWORD)), name)
                .getString("reference"));
        Wait.until("the link's comment in Sentinel", Duration.ofSeconds(20),
                () -> sentinel.comments(name).stream().anyMatch(c -> c.startsWith("Tracked in Attest as " + ref)));

        // assign from the Sentinel list, with the etag seen there
        JsonObject assigned = ok(PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/assign", RITA,
                PASSWORD, "{\"owner\":\"" + RITA + "\",\"etag\":\"" + escape(row.getString("etag")) + "\"}"));
        assertEquals(RITA + "@example.com", assigned.getString("owner"));
        assertEquals("Active", sentinel.property(name, "status"));
        assertEquals(RITA + "@example.com", sentinel.owner(name));
        JsonObject incident = incident(ref);
        assertEquals(RITA, incident.getString("owner"));
        assertTrue(timeline(incident).stream().anyMatch(t -> t.contains("assigned to " + RITA + "@example.com")
                && t.contains("x-ms-request-id") && t.contains("etag")), timeline(incident).toString());

        // declare, then every step to resolved (true positive) and closed
        incident = ok(PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + version(incident) + ",\"at\":\"" + TestClock.now() + "\"}"));
        for (String status : List.of("CONTAINED", "ERADICATED", "RECOVERED")) {
            incident = ok(step(ref, version(incident), status, ""));
        }
        HttpResponse<String> wrongReason = step(ref, version(incident), "RESOLVED",
                ",\"classification\":\"TRUE_POSITIVE\",\"classificationReason\":\"InaccurateData\"");
        assertEquals(400, wrongReason.statusCode());
        assertTrue(wrongReason.body().contains("classificationReason"), wrongReason.body());
        incident = ok(step(ref, version(incident), "RESOLVED",
                ",\"classification\":\"TRUE_POSITIVE\",\"classificationReason\":\"SuspiciousActivity\""));
        Wait.until("the resolution in Sentinel", Duration.ofSeconds(30),
                () -> "Closed".equals(sentinel.property(name, "status")));
        assertEquals("TruePositive", sentinel.property(name, "classification"));
        assertEquals("SuspiciousActivity", sentinel.property(name, "classificationReason"));

        JsonObject pir = ok(PortalClient.api(base, "api/pirs/incident/" + ref, RITA, PASSWORD));
        long pirId = pir.getJsonNumber("id").longValue();
        ok(PortalClient.post(base, "api/pirs/" + pirId + "/submit", RITA, PASSWORD, "{\"version\":" + version(pir)
                + ",\"form\":{\"rootCause\":\"A departing user\",\"systemsAffected\":\"SharePoint\"},\"items\":[]}"));
        pir = ok(PortalClient.api(base, "api/pirs/" + pirId, RITA, PASSWORD));
        ok(PortalClient.post(base, "api/pirs/" + pirId + "/approve", "admin", Deployments.ADMIN_PASSWORD,
                "{\"version\":" + version(pir) + "}"));
        incident = ok(step(ref, version(incident), "CLOSED", ""));

        String writeBacks = "SELECT purpose || ':' || state || ':' || attempts FROM notification WHERE channel ="
                + " 'SENTINEL' AND incident_id = (SELECT id FROM incident WHERE reference = '" + ref + "') ORDER BY id";
        List<String> done = Wait.until("every write-back done", Duration.ofSeconds(40),
                () -> TestDatabase.texts(DB, writeBacks), l -> l.stream().noneMatch(s -> s.contains(":PENDING:")));
        assertEquals(List.of("sentinel-link:SENT:1", "sentinel-assign:SENT:1", "sentinel-declare:SENT:1",
                "sentinel-close:SENT:1", "sentinel-close:SENT:1"), done);
        // Sentinel was written twice: the assignment and the resolution; the rest found it already so
        assertEquals(2, azure.server.findAll(putRequestedFor(urlPathEqualTo(WS + "/incidents/" + name))).size());
        List<String> comments = sentinel.comments(name);
        assertEquals(3, comments.size(), comments.toString());
        assertTrue(comments.get(1).startsWith("Resolved in Attest as " + ref + " (TruePositive, SuspiciousActivity): "),
                comments.toString());
        assertTrue(comments.get(1).endsWith("/incidents/view.xhtml?ref=" + ref), comments.toString());
        assertTrue(comments.get(2).startsWith("Closed in Attest as " + ref), comments.toString());
        // each write-back's calls are kept, and on the timeline
        assertTrue(TestDatabase.number(DB, "SELECT count(*) FROM notification_call c JOIN notification n"
                + " ON n.id = c.notification_id WHERE n.purpose = 'sentinel-close' AND c.method = 'PUT'"
                + " AND c.status = 200 AND c.etag_before IS NOT NULL AND c.etag_after IS NOT NULL"
                + " AND c.request_id IS NOT NULL AND n.target = '" + (WS + "/incidents/" + name).toLowerCase() + "'")
                == 1);
        List<String> timeline = timeline(incident(ref));
        assertEquals(5, timeline.stream().filter(t -> t.startsWith("Written back to Microsoft Sentinel")).count(),
                timeline.toString());
    }

    @Test
    void aChangeInSentinelMeanwhileIsShownAndA412OnAWriteBackIsReadAgain() {
        Instant created = TestClock.now().minus(Duration.ofMinutes(40)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String name = sentinel.add(WS, "Sentinel IT: impossible travel", "High", "Active", null, created);
        String seen = sentinel.etag(name);
        String ref = ok(PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/import", RITA, PASSWORD, ""))
                .getString("reference");
        // the link's comment is written with a PUT under the incident's path: out of the way before failures are
        // staged for the PUTs below
        Wait.until("the link's comment in Sentinel", Duration.ofSeconds(20),
                () -> sentinel.comments(name).stream().anyMatch(c -> c.startsWith("Tracked in Attest as " + ref)));
        sentinel.changeInSentinel(name, "someone.else@contoso.com");

        // what the responder saw is no longer so: nothing written, the incident as it is now shown
        HttpResponse<String> stale = PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/assign", SAM,
                PASSWORD, "{\"owner\":\"" + SAM + "\",\"etag\":\"" + escape(seen) + "\"}");
        assertEquals(409, stale.statusCode(), stale.body());
        JsonObject now = TestJson.read(stale.body());
        assertEquals("someone.else@contoso.com", now.getString("owner"));
        assertEquals("someone.else@contoso.com", sentinel.owner(name));
        // Azure's own 412 between the read and the write: also shown, nothing written
        sentinel.failNext("PUT", "/incidents/" + name, 412, "PreconditionFailed", "The etag does not match.", null);
        HttpResponse<String> raced = PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/assign", SAM,
                PASSWORD, "{\"owner\":\"" + SAM + "\",\"etag\":\"" + escape(now.getString("etag")) + "\"}");
        assertEquals(409, raced.statusCode(), raced.body());
        assertEquals("someone.else@contoso.com", sentinel.owner(name));
        // assigning again over the fresh read writes it
        JsonObject assigned = ok(PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/assign", SAM,
                PASSWORD, "{\"owner\":\"" + SAM + "\",\"etag\":\"" + escape(TestJson.read(raced.body())
                        .getString("etag")) + "\"}"));
        assertEquals(SAM + "@example.com", assigned.getString("owner"));

        // a write-back meeting a 412 reads the incident again and writes over the fresh read
        JsonObject incident = incident(ref);
        sentinel.failNext("PUT", "/incidents/" + name, 412, "PreconditionFailed", "The etag does not match.", null);
        ok(PortalClient.post(base, "api/incidents/" + ref + "/details", SAM, PASSWORD, "{\"version\":"
                + version(incident) + ",\"title\":\"" + incident.getString("title") + "\",\"description\":\"\","
                + "\"category\":\"" + incident.getString("category") + "\",\"personalData\":false,"
                + "\"customersAffected\":false,\"resources\":[],\"users\":[],\"owner\":\"" + RITA + "\"}"));
        String target = (WS + "/incidents/" + name).toLowerCase();
        String calls = "SELECT c.method || ' ' || c.status FROM notification_call c JOIN notification n"
                + " ON n.id = c.notification_id WHERE n.purpose = 'sentinel-assign' AND n.target = '" + target
                + "' AND n.body LIKE '%" + RITA + "@example.com%' ORDER BY c.at, c.id";
        // the write-back's own record, not only what the fake saw: its calls are kept after Azure answered
        Wait.until("the owner written back after a 412", Duration.ofSeconds(30),
                () -> (RITA + "@example.com").equals(sentinel.owner(name))
                        && TestDatabase.texts(DB, calls).contains("PUT 200"));
        assertEquals(List.of("GET 200", "PUT 412", "GET 200", "PUT 200"), TestDatabase.texts(DB, calls),
                () -> String.join("\n", TestDatabase.texts(DB, "SELECT n.id || ' ' || n.purpose || ' ' || n.state"
                        + " || ' ' || n.attempts || ' ' || c.id || ' ' || c.method || ' ' || c.status || ' ' || c.at"
                        + " FROM notification n LEFT JOIN notification_call c ON c.notification_id = n.id WHERE"
                        + " n.target = '" + target + "' ORDER BY n.id, c.id")) + "\nall that name " + RITA + ":\n" + String.join("\n",
                        TestDatabase.texts(DB, "SELECT n.id || ' ' || n.purpose || ' ' || n.state || ' ' || n.target"
                        + " || ' ' || coalesce(n.incident_id::text, '-') || ' ' || n.created_at FROM notification n"
                        + " WHERE n.body LIKE '%" + RITA + "%' ORDER BY n.id")));
        // every write-back to it delivered once
        assertEquals(List.of(), TestDatabase.texts(DB, "SELECT n.id || ' ' || n.state || ' ' || n.attempts FROM"
                + " notification n WHERE n.target = '" + target + "' AND (n.state <> 'SENT' OR n.attempts <> 1)"));
    }

    @Test
    void sentinelsUpdateDeliveryOfWhatWasWrittenChangesNothingAndLoopsNowhere() throws Exception {
        String key = "atk_sentinelit-key-for-tests-000000000000000000";
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('SENTINEL', 'Sentinel IT playbook', '" + key.substring(0, 10) + "', '"
                + com.attest.platform.audit.Sha256.hex(key) + "', " + TestClock.sql() + ", 'admin')");
        String name = sentinel.add(WS, "Sentinel IT: a loop that must not happen", "High", "Active", null,
                TestClock.now().minus(Duration.ofMinutes(25)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String ref = ok(PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/import", RITA, PASSWORD, ""))
                .getString("reference");
        ok(PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/assign", RITA, PASSWORD,
                "{\"owner\":\"" + RITA + "\",\"etag\":\"" + escape(sentinel.etag(name)) + "\"}"));
        String target = (WS + "/incidents/" + name).toLowerCase();
        String pending = "SELECT count(*) FROM notification WHERE target = '" + target + "' AND state = 'PENDING'";
        Wait.until("the write-backs done", Duration.ofSeconds(30), () -> TestDatabase.number(DB, pending) == 0);
        String all = "SELECT count(*) FROM notification WHERE target = '" + target + "'";
        long queued = TestDatabase.number(DB, all);
        long puts = azure.server.findAll(putRequestedFor(urlPathEqualTo(WS + "/incidents/" + name))).size();

        // Sentinel's playbook reports the change the portal made: an Update with the owner and status it wrote
        String update = "{\"objectSchemaType\":\"Incident\",\"objectEventType\":\"Update\",\"eventUniqueId\":\""
                + java.util.UUID.randomUUID() + "\",\"object\":" + sentinel.json(name) + "}";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> delivered = IntakeDeliveries.settled(http, http.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(base + "api/intake/sentinel")).header("Content-Type",
                        "application/json").header("X-Intake-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(update)).build(),
                HttpResponse.BodyHandlers.ofString()), key);
        assertEquals(202, delivered.statusCode(), delivered.body());
        assertEquals(ref, TestJson.read(delivered.body()).getString("incidentReference"));
        Wait.holds("nothing written back again", Duration.ofSeconds(6),
                () -> TestDatabase.number(DB, all) == queued);
        assertEquals(puts, azure.server.findAll(putRequestedFor(urlPathEqualTo(WS + "/incidents/" + name))).size());
        assertEquals(RITA, incident(ref).getString("owner"));
    }

    @Test
    void badInputIsRefusedByNameAndAuditorsNeverReachSentinel() {
        String name = sentinel.add(WS, "Sentinel IT: bad input", "Medium", "New", null,
                TestClock.now().minus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        HttpResponse<String> unknown = PortalClient.api(base, "api/sentinel/nope/incidents", RITA, PASSWORD);
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("workspace") && unknown.body().contains("'nope'"), unknown.body());
        HttpResponse<String> notGuid = PortalClient.post(base, "api/sentinel/soc/incidents/INC-1/import", RITA,
                PASSWORD, "");
        assertEquals(400, notGuid.statusCode());
        assertTrue(notGuid.body().contains("not a Sentinel incident name (a GUID)"), notGuid.body());
        HttpResponse<String> notResponder = PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/assign",
                RITA, PASSWORD, "{\"owner\":\"" + AUDREY + "\",\"etag\":\"\"}");
        assertEquals(400, notResponder.statusCode());
        assertTrue(notResponder.body().contains("assignee") && notResponder.body().contains("is not an active"
                + " responder or compliance lead"), notResponder.body());
        HttpResponse<String> badSeverity = PortalClient.api(base, "api/sentinel/soc/incidents?severity=Urgent", RITA,
                PASSWORD);
        assertEquals(400, badSeverity.statusCode());
        assertTrue(badSeverity.body().contains("'Urgent' is not a Sentinel severity"), badSeverity.body());
        // Azure's refusal in Azure's words
        sentinel.failNext("GET", "/incidents", 403, "AuthorizationFailed", "The client 'attest' with object id"
                + " '0c4e9d2a' does not have authorization to perform action"
                + " 'Microsoft.SecurityInsights/incidents/read'.", null);
        HttpResponse<String> refused = PortalClient.api(base, "api/sentinel/soc/incidents", RITA, PASSWORD);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("AuthorizationFailed") || refused.body().contains("does not have"
                + " authorization"), refused.body());
        // an auditor reaches neither the page nor the API, and nothing was written
        assertEquals(403, PortalClient.api(base, "api/sentinel/soc/incidents", AUDREY, PASSWORD).statusCode());
        assertEquals(403, PortalClient.post(base, "api/sentinel/soc/incidents/" + name + "/assign", AUDREY, PASSWORD,
                "{\"owner\":\"" + RITA + "\"}").statusCode());
        assertTrue(azure.server.findAll(putRequestedFor(urlPathEqualTo(WS + "/incidents/" + name))).isEmpty());
    }

    @Test
    void theListIsPagedByNextLink() {
        Instant created = TestClock.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int i = 0; i < 27; i++) {
            sentinel.add(WS, "Sentinel IT: paged " + i, "Informational", "New", null, created.plusSeconds(i));
        }
        JsonObject first = ok(PortalClient.api(base, "api/sentinel/soc/incidents?severity=Informational&status=New",
                RITA, PASSWORD));
        assertEquals(25, first.getJsonArray("incidents").size());
        String next = first.getString("nextLink");
        assertTrue(next.startsWith("https://management.azure.com/"), next);
        JsonObject second = ok(PortalClient.api(base, "api/sentinel/soc/incidents?severity=Informational&status=New"
                + "&next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8), RITA, PASSWORD));
        assertEquals(2, second.getJsonArray("incidents").size());
        assertTrue(second.isNull("nextLink"));
        HttpResponse<String> elsewhere = PortalClient.api(base, "api/sentinel/soc/incidents?next="
                + java.net.URLEncoder.encode("https://evil.example.com/x", java.nio.charset.StandardCharsets.UTF_8),
                RITA, PASSWORD);
        assertEquals(400, elsewhere.statusCode());
    }

    private HttpResponse<String> step(String ref, long version, String status, String extra) {
        return PortalClient.post(base, "api/incidents/" + ref + "/steps", RITA, PASSWORD, "{\"version\":" + version
                + ",\"status\":\"" + status + "\",\"at\":\"" + TestClock.now() + "\",\"note\":\"\"" + extra + Incidents.OPEN_WORK + "}");
    }

    private JsonObject incident(String ref) {
        return ok(PortalClient.api(base, "api/incidents/" + ref, RITA, PASSWORD));
    }

    private static List<String> timeline(JsonObject incident) {
        return incident.getJsonArray("timeline").stream().map(v -> v.asJsonObject().getString("text")).toList();
    }

    private static long version(JsonObject o) {
        return o.getJsonNumber("version").longValue();
    }

    private static JsonObject row(JsonObject listing, String name) {
        return listing.getJsonArray("incidents").stream().map(v -> v.asJsonObject())
                .filter(o -> name.equals(o.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not listed: " + listing));
    }

    private static List<String> names(JsonObject listing) {
        JsonArray a = listing.getJsonArray("incidents");
        return a.stream().map(v -> v.asJsonObject().getString("name")).toList();
    }

    private static String escape(String etag) {
        return etag.replace("\"", "\\\"");
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return TestJson.read(response.body());
    }
}
