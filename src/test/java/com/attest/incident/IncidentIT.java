package com.attest.incident;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.Incidents;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The incident register's rules and permissions, through its HTTP API, against the real WAR and database. Its
 * people are its own (*.incident); 2025 is its year: no other test reports an incident detected then, so the first
 * one it reports there is INC-2025-001.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncidentIT {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.incident";
    private static final String SAM = "sam.incident";
    private static final String ANN = "ann.incident";
    private static final String RESOURCE =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
    }

    @Test
    void aP2FromScoreSevenGoesThroughEveryStepInOrder() {
        Instant detected = TestClock.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.SECONDS);
        JsonObject incident = created(report(RITA, "Brute force on vm-web", "P2", 7, null, detected));
        String ref = incident.getString("reference");
        assertTrue(ref.matches("INC-" + TestClock.today().getYear() + "-\\d{3}"), ref);
        assertEquals("DETECTED", incident.getString("status"));
        assertEquals("RUNNING", incident.getJsonObject("sla").getString("state"));
        assertEquals(detected.plus(Duration.ofHours(2)).toString(), incident.getString("responseDueAt"));

        // a step cannot be skipped, and the message names the missing one
        HttpResponse<String> skipped = step(RITA, ref, version(incident), "CONTAINED", TestClock.now());
        assertEquals(400, skipped.statusCode());
        assertTrue(skipped.body().contains("missing step: Declare"), skipped.body());

        JsonObject declared = ok(post(RITA, "api/incidents/" + ref + "/declare",
                "{\"version\":" + version(incident) + ",\"at\":\"" + TestClock.now().minusSeconds(60) + "\"}"));
        assertEquals("DECLARED", declared.getString("status"));
        assertEquals(RITA, declared.getString("owner"));
        assertEquals("MET", declared.getJsonObject("sla").getString("state"));

        // someone who saw the old version is told who changed it, and nothing is overwritten
        HttpResponse<String> stale = step(SAM, ref, version(incident), "CONTAINED", TestClock.now());
        assertEquals(409, stale.statusCode());
        assertTrue(stale.body().contains("Changed by " + RITA), stale.body());

        HttpResponse<String> future = step(RITA, ref, version(declared), "CONTAINED", TestClock.now().plusSeconds(3600));
        assertEquals(400, future.statusCode());
        assertTrue(future.body().contains("in the future"), future.body());

        JsonObject contained = ok(step(RITA, ref, version(declared), "CONTAINED", TestClock.now().minusSeconds(30)));
        HttpResponse<String> skip = step(RITA, ref, version(contained), "RESOLVED", TestClock.now());
        assertTrue(skip.body().contains("missing step: Eradicate"), skip.body());
        JsonObject current = contained;
        for (String status : List.of("ERADICATED", "RECOVERED", "RESOLVED")) {
            current = ok(step(RITA, ref, version(current), status, TestClock.now()));
            assertEquals(status, current.getString("status"));
        }
        // closing waits for the post-incident review: rita files it, the lead approves it
        HttpResponse<String> early = step(RITA, ref, version(current), "CLOSED", TestClock.now());
        assertEquals(400, early.statusCode());
        assertTrue(early.body().contains("post-incident review of " + ref + " is draft"), early.body());
        JsonObject pir = ok(PortalClient.api(base, "api/pirs/incident/" + ref, RITA, Accounts.PASSWORD));
        long pirId = pir.getJsonNumber("id").longValue();
        ok(post(RITA, "api/pirs/" + pirId + "/submit", "{\"version\":" + version(pir) + ",\"form\":{\"rootCause\":"
                + "\"Phished credentials\",\"systemsAffected\":\"Mailbox of one user\"},\"items\":[]}"));
        pir = ok(PortalClient.api(base, "api/pirs/" + pirId, RITA, Accounts.PASSWORD));
        ok(PortalClient.post(base, "api/pirs/" + pirId + "/approve", "admin", Deployments.ADMIN_PASSWORD,
                "{\"version\":" + version(pir) + "}"));
        current = ok(step(RITA, ref, version(current), "CLOSED", TestClock.now()));
        assertEquals("CLOSED", current.getString("status"));
        // (a runbook in force, approved by another class of the suite, adds the note of the items left open)
        List<String> milestones = current.getJsonArray("timeline").stream()
                .filter(v -> !v.asJsonObject().isNull("milestone"))
                .map(v -> v.asJsonObject().getString("milestone"))
                .collect(Collectors.toList());
        assertEquals(List.of("ALERT_TRIGGERED", "DECLARED", "CONTAINMENT_ACTION_TAKEN", "ROOT_CAUSE_IDENTIFIED",
                "SYSTEM_RESTORED", "RESOLVED", "CLOSED"), milestones);
        // each of the seven changes audited once (pinning the runbook in force, when one is, is the walkthrough's)
        assertEquals(7, count("SELECT count(*) FROM audit_event WHERE entity_type = 'Incident' AND entity_id = '"
                + ref + "' AND action NOT LIKE 'incident.runbook-%'"));
    }

    @Test
    void classificationFollowsTheTableAndADifferentSeverityNeedsAReason() {
        String reportedByRita = "SELECT count(*) FROM incident WHERE created_by = '" + RITA + "'";
        long before = count(reportedByRita);
        HttpResponse<String> noReason = report(RITA, "Odd sign-in", "P1", 7, null, TestClock.now());
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("Score 7 means P2; say why this incident is P1."), noReason.body());
        HttpResponse<String> bad = report(RITA, "", "P2", 0, null, TestClock.now());
        assertTrue(bad.body().contains("Title is required.") && bad.body().contains("not 0"), bad.body());
        assertEquals(400, report(RITA, "x", "P2", 11, null, TestClock.now()).statusCode());
        assertEquals(before, count(reportedByRita), "nothing half-written");

        JsonObject raised = created(report(RITA, "Admin sign-in from new country", "P1", 7,
                "The account is a global administrator", TestClock.now()));
        assertEquals("P1", raised.getString("severity"));
        assertEquals("The account is a global administrator", raised.getString("severityReason"));
    }

    @Test
    void aP4ReportedFridayEveningIsDueWhenMondayCloses() {
        JsonObject p4 = created(report(RITA, "Informational alert", "P4", 2, null,
                Instant.parse("2026-11-27T19:00:00Z")));
        assertEquals("2026-11-30T17:00:00Z", p4.getString("responseDueAt"));
        assertTrue(p4.getString("reference").startsWith("INC-2026-"));
        JsonObject older = created(report(RITA, "Last year's alert", "P4", 1, null,
                Instant.parse("2025-06-02T10:00:00Z")));
        assertEquals("INC-2025-001", older.getString("reference"), "numbered per year");
    }

    @Test
    void timelineEntriesAreAppendOnlyAndCorrectionsPointBack() {
        String ref = created(report(SAM, "Key vault access spike", "P2", 8, null, TestClock.now())).getString("reference");
        HttpResponse<String> future = post(SAM, "api/incidents/" + ref + "/timeline",
                "{\"at\":\"" + TestClock.now().plusSeconds(600) + "\",\"text\":\"Will happen\"}");
        assertEquals(400, future.statusCode());
        assertTrue(future.body().contains("in the future"), future.body());

        JsonObject entry = created(post(SAM, "api/incidents/" + ref + "/timeline",
                "{\"at\":\"" + TestClock.now().minusSeconds(300) + "\",\"text\":\"On-call paged\","
                        + "\"milestone\":\"ON_CALL_NOTIFIED\"}"));
        JsonObject correction = created(post(SAM, "api/incidents/" + ref + "/timeline",
                "{\"at\":\"" + TestClock.now().minusSeconds(240) + "\",\"text\":\"Paged at 10:02, not 10:01\","
                        + "\"corrects\":" + entry.getJsonNumber("id") + "}"));
        assertEquals(entry.getJsonNumber("id").longValue(), correction.getJsonNumber("corrects").longValue());
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (var c = TestDatabase.connect(DB)) {
                c.createStatement().executeUpdate("UPDATE timeline_entry SET text = 'edited' WHERE incident_id ="
                        + " (SELECT id FROM incident WHERE reference = '" + ref + "')");
            }
        });
        assertTrue(refused.getMessage().contains("append-only"));
    }

    @Test
    void falsePositivesAndDuplicatesCloseWithAReasonAndALink() {
        JsonObject original = created(report(RITA, "Exposed storage account", "P3", 5, null, TestClock.now()));
        JsonObject dup = created(report(SAM, "Exposed storage account again", "P3", 5, null, TestClock.now()));
        String ref = dup.getString("reference");
        HttpResponse<String> noLink = post(SAM, "api/incidents/" + ref + "/close",
                "{\"version\":" + version(dup) + ",\"kind\":\"DUPLICATE\",\"reason\":\"Same alert\"}");
        assertTrue(noLink.body().contains("Name the incident this one duplicates"), noLink.body());
        HttpResponse<String> badLink = post(SAM, "api/incidents/" + ref + "/close", "{\"version\":" + version(dup)
                + ",\"kind\":\"DUPLICATE\",\"reason\":\"Same alert\",\"duplicateOf\":\"INC-1999-001\"}");
        assertTrue(badLink.body().contains("is not another incident"), badLink.body());
        JsonObject closed = ok(post(SAM, "api/incidents/" + ref + "/close", "{\"version\":" + version(dup)
                + ",\"kind\":\"DUPLICATE\",\"reason\":\"Same alert\",\"duplicateOf\":\""
                + original.getString("reference") + "\"}"));
        assertEquals("DUPLICATE", closed.getString("status"));
        assertEquals("MET", closed.getJsonObject("sla").getString("state"), "closing stops the response clock");
        assertEquals(original.getString("reference"), closed.getString("duplicateOf"));
        HttpResponse<String> after = step(SAM, ref, version(closed), "CONTAINED", TestClock.now());
        assertTrue(after.body().contains("already closed"), after.body());
    }

    @Test
    void auditorsReadButNeverWriteAndStrangersGetNothing() {
        String ref = created(report(RITA, "Cryptominer on vm-batch", "P1", 9, null, TestClock.now()))
                .getString("reference");
        assertEquals(200, PortalClient.api(base, "api/incidents/" + ref, ANN, PASSWORD).statusCode());
        assertEquals(403, report(ANN, "Auditor's incident", "P3", 5, null, TestClock.now()).statusCode());
        assertEquals(403, post(ANN, "api/incidents/" + ref + "/declare", "{\"version\":1}").statusCode());
        assertEquals(403, post(ANN, "api/incidents/" + ref + "/timeline",
                "{\"at\":\"" + TestClock.now() + "\",\"text\":\"x\"}").statusCode());
        assertEquals(401, PortalClient.api(base, "api/incidents/" + ref, null, null).statusCode());

        try (PortalClient auditor = PortalClient.signedIn(base, ANN, PASSWORD);
             PortalClient responder = PortalClient.signedIn(base, RITA, PASSWORD)) {
            assertEquals(200, auditor.raw("incidents/list.xhtml").getStatusCode());
            assertEquals(200, auditor.raw("incidents/view.xhtml?ref=" + ref).getStatusCode());
            assertEquals(403, auditor.raw("incidents/new.xhtml").getStatusCode());
            assertEquals(403, auditor.raw("admin/calendar.xhtml").getStatusCode());
            assertEquals(200, responder.raw("incidents/new.xhtml").getStatusCode());
            assertEquals(403, responder.raw("admin/calendar.xhtml").getStatusCode());
            assertEquals(404, responder.raw("incidents/view.xhtml?ref=INC-1999-999").getStatusCode());
        }
    }

    @Test
    void detailsAndOwnerChangeWithTheirRules() {
        JsonObject incident = created(report(RITA, "Anomalous sign-in", "P2", 7, null, TestClock.now()));
        String ref = incident.getString("reference");
        HttpResponse<String> bad = post(RITA, "api/incidents/" + ref + "/details", "{\"version\":"
                + version(incident) + ",\"title\":\"Anomalous sign-in\",\"category\":\"ANOMALOUS_SIGN_IN\","
                + "\"resources\":[\"vm-web\"],\"users\":[\"not a upn\"],\"owner\":\"" + ANN + "\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("is not an Azure resource id") && bad.body().contains("not a user principal")
                && bad.body().contains("'" + ANN + "' is not an active responder"), bad.body());
        JsonObject changed = ok(post(RITA, "api/incidents/" + ref + "/details", "{\"version\":"
                + version(incident) + ",\"title\":\"Anomalous sign-in from Lagos\",\"category\":"
                + "\"ANOMALOUS_SIGN_IN\",\"personalData\":true,\"users\":[\"eve@contoso.example\"],"
                + "\"owner\":\"" + SAM + "\"}"));
        assertTrue(changed.getBoolean("personalData"));
        assertEquals(SAM, changed.getString("owner"));
        assertEquals("P2", changed.getString("severity"), "classification is not touched by a details change");
        assertEquals(403, post(ANN, "api/incidents/" + ref + "/details", "{\"version\":"
                + version(changed) + ",\"title\":\"x\",\"category\":\"OTHER\"}").statusCode());
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'incident.updated' AND entity_id = '"
                + ref + "' AND before_state LIKE '%\"personalData\":false%' AND after_state LIKE"
                + " '%\"personalData\":true%'"));
    }

    @Test
    void theListIsFilteredByWhatItsAddressSays() {
        String p1 = created(report(RITA, "Data exfiltration from storage", "P1", 10, null,
                TestClock.now().minus(Duration.ofHours(3)))).getString("reference");
        String p3 = created(report(RITA, "Misconfigured NSG", "P3", 4, null, TestClock.now())).getString("reference");
        try (PortalClient client = PortalClient.signedIn(base, ANN, PASSWORD)) {
            String severityP1 = client.page("incidents/list.xhtml?state=all&severity=P1").asNormalizedText();
            assertTrue(severityP1.contains(p1) && !severityP1.contains(p3), severityP1);
            // the P1 was detected three hours ago and nobody declared it: its 30 minutes are long gone
            String overdue = client.page("incidents/list.xhtml?state=open&sla=OVERDUE").asNormalizedText();
            assertTrue(overdue.contains(p1) && !overdue.contains(p3), overdue);
            String today = TestClock.today().toString();
            String dated = client.page("incidents/list.xhtml?state=all&from=" + today + "&to=" + today)
                    .asNormalizedText();
            assertTrue(dated.contains(p3), dated);
        }
    }

    private HttpResponse<String> report(String user, String title, String severity, Integer score, String reason,
                                        Instant detected) {
        return post(user, "api/incidents", "{\"title\":" + Json.createValue(title) + ",\"category\":\"BRUTE_FORCE\","
                + "\"severity\":\"" + severity + "\"" + (score == null ? "" : ",\"defenderScore\":" + score)
                + (reason == null ? "" : ",\"severityReason\":" + Json.createValue(reason))
                + ",\"resources\":[\"" + RESOURCE + "\"],\"detectedAt\":\"" + detected + "\"}");
    }

    private HttpResponse<String> step(String user, String ref, long version, String status, Instant at) {
        return post(user, "api/incidents/" + ref + "/steps",
                "{\"version\":" + version + ",\"status\":\"" + status + "\",\"at\":\"" + at + "\"" + Incidents.OPEN_WORK
                        + "}");
    }

    private HttpResponse<String> post(String user, String path, String json) {
        return PortalClient.post(base, path, user, PASSWORD, json);
    }

    private static JsonObject created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return parse(response.body());
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return parse(response.body());
    }

    private static JsonObject parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static long version(JsonObject incident) {
        return incident.getJsonNumber("version").longValue();
    }

    private static long count(String query) {
        return TestDatabase.number(DB, query);
    }
}
