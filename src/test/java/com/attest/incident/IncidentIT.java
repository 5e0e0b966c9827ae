package com.attest.incident;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
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
import java.time.Year;
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

/** The incident register's rules and permissions, through its HTTP API, against the real WAR and database. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncidentIT {

    private static final String DB = "incident_it";
    private static final String RESOURCE =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portal(DB);
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, "rita", PASSWORD, null, "RESPONDER");
        Accounts.create(DB, "sam", PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, "ann", PASSWORD, java.time.LocalDate.now().plusDays(30));
    }

    @Test
    void aP2FromScoreSevenGoesThroughEveryStepInOrder() {
        Instant detected = Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.SECONDS);
        JsonObject incident = created(report("rita", "Brute force on vm-web", "P2", 7, null, detected));
        String ref = incident.getString("reference");
        assertTrue(ref.matches("INC-" + Year.now().getValue() + "-\\d{3}"), ref);
        assertEquals("DETECTED", incident.getString("status"));
        assertEquals("RUNNING", incident.getJsonObject("sla").getString("state"));
        assertEquals(detected.plus(Duration.ofHours(2)).toString(), incident.getString("responseDueAt"));

        // a step cannot be skipped, and the message names the missing one
        HttpResponse<String> skipped = step("rita", ref, version(incident), "CONTAINED", Instant.now());
        assertEquals(400, skipped.statusCode());
        assertTrue(skipped.body().contains("missing step: Declare"), skipped.body());

        JsonObject declared = ok(post("rita", "api/incidents/" + ref + "/declare",
                "{\"version\":" + version(incident) + ",\"at\":\"" + Instant.now().minusSeconds(60) + "\"}"));
        assertEquals("DECLARED", declared.getString("status"));
        assertEquals("rita", declared.getString("owner"));
        assertEquals("MET", declared.getJsonObject("sla").getString("state"));

        // someone who saw the old version is told who changed it, and nothing is overwritten
        HttpResponse<String> stale = step("sam", ref, version(incident), "CONTAINED", Instant.now());
        assertEquals(409, stale.statusCode());
        assertTrue(stale.body().contains("Changed by rita"), stale.body());

        HttpResponse<String> future = step("rita", ref, version(declared), "CONTAINED", Instant.now().plusSeconds(3600));
        assertEquals(400, future.statusCode());
        assertTrue(future.body().contains("in the future"), future.body());

        JsonObject contained = ok(step("rita", ref, version(declared), "CONTAINED", Instant.now().minusSeconds(30)));
        HttpResponse<String> skip = step("rita", ref, version(contained), "RESOLVED", Instant.now());
        assertTrue(skip.body().contains("missing step: Eradicate"), skip.body());
        JsonObject current = contained;
        for (String status : List.of("ERADICATED", "RECOVERED", "RESOLVED")) {
            current = ok(step("rita", ref, version(current), status, Instant.now()));
            assertEquals(status, current.getString("status"));
        }
        // closing waits for the post-incident review: rita files it, the lead approves it
        HttpResponse<String> early = step("rita", ref, version(current), "CLOSED", Instant.now());
        assertEquals(400, early.statusCode());
        assertTrue(early.body().contains("post-incident review of " + ref + " is draft"), early.body());
        JsonObject pir = ok(PortalClient.api(base, "api/pirs/incident/" + ref, "rita", Accounts.PASSWORD));
        long pirId = pir.getJsonNumber("id").longValue();
        ok(post("rita", "api/pirs/" + pirId + "/submit", "{\"version\":" + version(pir) + ",\"form\":{\"rootCause\":"
                + "\"Phished credentials\",\"systemsAffected\":\"Mailbox of one user\"},\"items\":[]}"));
        pir = ok(PortalClient.api(base, "api/pirs/" + pirId, "rita", Accounts.PASSWORD));
        ok(PortalClient.post(base, "api/pirs/" + pirId + "/approve", "admin", Deployments.ADMIN_PASSWORD,
                "{\"version\":" + version(pir) + "}"));
        current = ok(step("rita", ref, version(current), "CLOSED", Instant.now()));
        assertEquals("CLOSED", current.getString("status"));
        List<String> milestones = current.getJsonArray("timeline").stream()
                .map(v -> v.asJsonObject().isNull("milestone") ? "-" : v.asJsonObject().getString("milestone"))
                .collect(Collectors.toList());
        assertEquals(List.of("ALERT_TRIGGERED", "DECLARED", "CONTAINMENT_ACTION_TAKEN", "ROOT_CAUSE_IDENTIFIED",
                "SYSTEM_RESTORED", "RESOLVED", "CLOSED"), milestones);
        assertEquals(7, count("SELECT count(*) FROM audit_event WHERE entity_type = 'Incident' AND entity_id = '"
                + ref + "'"));
    }

    @Test
    void classificationFollowsTheTableAndADifferentSeverityNeedsAReason() {
        long before = count("SELECT count(*) FROM incident");
        HttpResponse<String> noReason = report("rita", "Odd sign-in", "P1", 7, null, Instant.now());
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("Score 7 means P2; say why this incident is P1."), noReason.body());
        HttpResponse<String> bad = report("rita", "", "P2", 0, null, Instant.now());
        assertTrue(bad.body().contains("Title is required.") && bad.body().contains("not 0"), bad.body());
        assertEquals(400, report("rita", "x", "P2", 11, null, Instant.now()).statusCode());
        assertEquals(before, count("SELECT count(*) FROM incident"), "nothing half-written");

        JsonObject raised = created(report("rita", "Admin sign-in from new country", "P1", 7,
                "The account is a global administrator", Instant.now()));
        assertEquals("P1", raised.getString("severity"));
        assertEquals("The account is a global administrator", raised.getString("severityReason"));
    }

    @Test
    void aP4ReportedFridayEveningIsDueWhenMondayCloses() {
        JsonObject p4 = created(report("rita", "Informational alert", "P4", 2, null,
                Instant.parse("2026-11-27T19:00:00Z")));
        assertEquals("2026-11-30T17:00:00Z", p4.getString("responseDueAt"));
        assertTrue(p4.getString("reference").startsWith("INC-2026-"));
        JsonObject older = created(report("rita", "Last year's alert", "P4", 1, null,
                Instant.parse("2025-06-02T10:00:00Z")));
        assertEquals("INC-2025-001", older.getString("reference"), "numbered per year");
    }

    @Test
    void timelineEntriesAreAppendOnlyAndCorrectionsPointBack() {
        String ref = created(report("sam", "Key vault access spike", "P2", 8, null, Instant.now())).getString("reference");
        HttpResponse<String> future = post("sam", "api/incidents/" + ref + "/timeline",
                "{\"at\":\"" + Instant.now().plusSeconds(600) + "\",\"text\":\"Will happen\"}");
        assertEquals(400, future.statusCode());
        assertTrue(future.body().contains("in the future"), future.body());

        JsonObject entry = created(post("sam", "api/incidents/" + ref + "/timeline",
                "{\"at\":\"" + Instant.now().minusSeconds(300) + "\",\"text\":\"On-call paged\","
                        + "\"milestone\":\"ON_CALL_NOTIFIED\"}"));
        JsonObject correction = created(post("sam", "api/incidents/" + ref + "/timeline",
                "{\"at\":\"" + Instant.now().minusSeconds(240) + "\",\"text\":\"Paged at 10:02, not 10:01\","
                        + "\"corrects\":" + entry.getJsonNumber("id") + "}"));
        assertEquals(entry.getJsonNumber("id").longValue(), correction.getJsonNumber("corrects").longValue());
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (var c = TestDatabase.connect(DB)) {
                c.createStatement().executeUpdate("UPDATE timeline_entry SET text = 'edited'");
            }
        });
        assertTrue(refused.getMessage().contains("append-only"));
    }

    @Test
    void falsePositivesAndDuplicatesCloseWithAReasonAndALink() {
        JsonObject original = created(report("rita", "Exposed storage account", "P3", 5, null, Instant.now()));
        JsonObject dup = created(report("sam", "Exposed storage account again", "P3", 5, null, Instant.now()));
        String ref = dup.getString("reference");
        HttpResponse<String> noLink = post("sam", "api/incidents/" + ref + "/close",
                "{\"version\":" + version(dup) + ",\"kind\":\"DUPLICATE\",\"reason\":\"Same alert\"}");
        assertTrue(noLink.body().contains("Name the incident this one duplicates"), noLink.body());
        HttpResponse<String> badLink = post("sam", "api/incidents/" + ref + "/close", "{\"version\":" + version(dup)
                + ",\"kind\":\"DUPLICATE\",\"reason\":\"Same alert\",\"duplicateOf\":\"INC-1999-001\"}");
        assertTrue(badLink.body().contains("is not another incident"), badLink.body());
        JsonObject closed = ok(post("sam", "api/incidents/" + ref + "/close", "{\"version\":" + version(dup)
                + ",\"kind\":\"DUPLICATE\",\"reason\":\"Same alert\",\"duplicateOf\":\""
                + original.getString("reference") + "\"}"));
        assertEquals("DUPLICATE", closed.getString("status"));
        assertEquals("MET", closed.getJsonObject("sla").getString("state"), "closing stops the response clock");
        assertEquals(original.getString("reference"), closed.getString("duplicateOf"));
        HttpResponse<String> after = step("sam", ref, version(closed), "CONTAINED", Instant.now());
        assertTrue(after.body().contains("already closed"), after.body());
    }

    @Test
    void auditorsReadButNeverWriteAndStrangersGetNothing() {
        String ref = created(report("rita", "Cryptominer on vm-batch", "P1", 9, null, Instant.now()))
                .getString("reference");
        assertEquals(200, PortalClient.api(base, "api/incidents/" + ref, "ann", PASSWORD).statusCode());
        assertEquals(403, report("ann", "Auditor's incident", "P3", 5, null, Instant.now()).statusCode());
        assertEquals(403, post("ann", "api/incidents/" + ref + "/declare", "{\"version\":1}").statusCode());
        assertEquals(403, post("ann", "api/incidents/" + ref + "/timeline",
                "{\"at\":\"" + Instant.now() + "\",\"text\":\"x\"}").statusCode());
        assertEquals(401, PortalClient.api(base, "api/incidents/" + ref, null, null).statusCode());

        try (PortalClient auditor = PortalClient.signedIn(base, "ann", PASSWORD);
             PortalClient responder = PortalClient.signedIn(base, "rita", PASSWORD)) {
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
        JsonObject incident = created(report("rita", "Anomalous sign-in", "P2", 7, null, Instant.now()));
        String ref = incident.getString("reference");
        HttpResponse<String> bad = post("rita", "api/incidents/" + ref + "/details", "{\"version\":"
                + version(incident) + ",\"title\":\"Anomalous sign-in\",\"category\":\"ANOMALOUS_SIGN_IN\","
                + "\"resources\":[\"vm-web\"],\"users\":[\"not a upn\"],\"owner\":\"ann\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("is not an Azure resource id") && bad.body().contains("not a user principal")
                && bad.body().contains("'ann' is not an active responder"), bad.body());
        JsonObject changed = ok(post("rita", "api/incidents/" + ref + "/details", "{\"version\":"
                + version(incident) + ",\"title\":\"Anomalous sign-in from Lagos\",\"category\":"
                + "\"ANOMALOUS_SIGN_IN\",\"personalData\":true,\"users\":[\"eve@contoso.example\"],"
                + "\"owner\":\"sam\"}"));
        assertTrue(changed.getBoolean("personalData"));
        assertEquals("sam", changed.getString("owner"));
        assertEquals("P2", changed.getString("severity"), "classification is not touched by a details change");
        assertEquals(403, post("ann", "api/incidents/" + ref + "/details", "{\"version\":"
                + version(changed) + ",\"title\":\"x\",\"category\":\"OTHER\"}").statusCode());
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'incident.updated' AND entity_id = '"
                + ref + "' AND before_state LIKE '%\"personalData\":false%' AND after_state LIKE"
                + " '%\"personalData\":true%'"));
    }

    @Test
    void theListIsFilteredByWhatItsAddressSays() {
        String p1 = created(report("rita", "Data exfiltration from storage", "P1", 10, null,
                Instant.now().minus(Duration.ofHours(3)))).getString("reference");
        String p3 = created(report("rita", "Misconfigured NSG", "P3", 4, null, Instant.now())).getString("reference");
        try (PortalClient client = PortalClient.signedIn(base, "ann", PASSWORD)) {
            String severityP1 = client.page("incidents/list.xhtml?state=all&severity=P1").asNormalizedText();
            assertTrue(severityP1.contains(p1) && !severityP1.contains(p3), severityP1);
            // the P1 was detected three hours ago and nobody declared it: its 30 minutes are long gone
            String overdue = client.page("incidents/list.xhtml?state=open&sla=OVERDUE").asNormalizedText();
            assertTrue(overdue.contains(p1) && !overdue.contains(p3), overdue);
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
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
                "{\"version\":" + version + ",\"status\":\"" + status + "\",\"at\":\"" + at + "\"}");
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
