package com.attest.control;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.Drill;
import com.attest.testing.Incidents;
import com.attest.testing.OwnDatabasePortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.Runbooks;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.attest.testing.WithBrowser;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * Control health on the real WAR and database, with gaps made through the API the way they happen: a P1 never
 * declared, a P2 declared late and resolved fifteen days ago whose review is past due, no exercise, the seeded
 * runbook and policy still in review, an audit row altered behind the application's back. The JSON names each gap
 * under its control with its severity, sentence and links; putting things right takes the gaps away; the lead sees
 * the states on the dashboard and the overview and follows a gap to its incident. Control health judges the whole
 * portal as it stands (documents in force, every exercise, the last twelve months), so this runs on the portal with
 * a database of its own (the outage test's alerts there are of 2019, outside every period looked at here).
 */
@Drill
class ControlHealthPageIT extends WithBrowser {

    private static final String DB = OwnDatabasePortal.DB;
    private static final String LEAD_PASSWORD = Deployments.ADMIN_PASSWORD;
    private static final String RITA = "rita.control";
    private static final String ANN = "ann.control";

    private static URL base;

    @BeforeAll
    static void portalAndAccounts() {
        base = OwnDatabasePortal.url();
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        // the auditor's engagement covers the last 12 months, the period control health shows by default
        LocalDate today = TestClock.today();
        Accounts.auditor(DB, ANN, PASSWORD, today.plusDays(30), today.minusMonths(12), today);
    }

    @Override
    protected URL base() {
        return base;
    }

    @Test
    void gapsFoundInTheRecordsAreAnsweredAsJsonAndShownOnThePages() throws Exception {
        Instant now = TestClock.now();
        String p1 = report("Credentials used from a new country", "P1", now.minus(Duration.ofHours(2)));
        Instant detected = now.minus(Duration.ofDays(20));
        String p2 = report("Brute force on the VPN gateway", "P2", detected);
        declare(p2, detected.plus(Duration.ofHours(3))); // the P2 target is 2 hours
        int hour = 4;
        for (String step : List.of("CONTAINED", "ERADICATED", "RECOVERED")) {
            step(p2, step, detected.plus(Duration.ofHours(hour++)));
        }
        step(p2, "RESOLVED", now.minus(Duration.ofDays(15)));
        long review = get("api/pirs/incident/" + p2, RITA).getJsonNumber("id").longValue();

        // CC7.3, evaluation: the undeclared P1 fails, the late P2 and its missing Entra log need attention
        JsonObject evaluate = get("api/controls/CC7.3", ANN);
        assertEquals("RED", evaluate.getString("state"));
        assertEquals(TestClock.today().minusMonths(12).toString(), evaluate.getString("from"), "the engagement's period: the last 12 months");
        Map<String, JsonObject> gaps = gaps(evaluate);
        assertEquals(List.of("SLA_OVERDUE", "POLICY_NOT_IN_FORCE", "SLA_BREACHED", "ENTRA_LOG_MISSING"),
                List.copyOf(gaps.keySet()), "failing first");
        JsonObject overdue = gaps.get("SLA_OVERDUE");
        assertEquals("FAILING", overdue.getString("severity"));
        assertEquals("1 incident is past the response target and not yet declared.", overdue.getString("sentence"));
        assertEquals(1, overdue.getInt("count"));
        JsonObject record = overdue.getJsonArray("records").getJsonObject(0);
        assertEquals(p1, record.getString("key"));
        assertEquals("incidents/view.xhtml?ref=" + p1, record.getString("href"));
        assertTrue(record.getString("note").startsWith("P1 · Credentials used from a new country"), record.toString());
        assertEquals("ATTENTION", gaps.get("SLA_BREACHED").getString("severity"));
        assertEquals(List.of(p2), keys(gaps.get("SLA_BREACHED")));
        assertEquals(List.of(p2), keys(gaps.get("ENTRA_LOG_MISSING")), "only declared incidents need their log");

        // CC7.4 and CC7.5: the overdue review, no exercise, the runbook and policy not in force
        for (String control : List.of("CC7.4", "CC7.5")) {
            JsonObject c = get("api/controls/" + control, ANN);
            assertEquals("RED", c.getString("state"), control);
            Map<String, JsonObject> g = gaps(c);
            assertTrue(g.keySet().containsAll(List.of("PIR_OVERDUE", "EXERCISE_OVERDUE", "RUNBOOK_NOT_IN_FORCE",
                    "POLICY_NOT_IN_FORCE")), control + ": " + g.keySet());
            assertFalse(g.containsKey("SLA_OVERDUE"), "the response SLA is evaluation");
            JsonObject pir = g.get("PIR_OVERDUE").getJsonArray("records").getJsonObject(0);
            assertEquals("pirs/view.xhtml?id=" + review, pir.getString("href"));
            assertEquals("Review of " + p2, pir.getString("label"));
            assertEquals("No incident-response exercise has been signed off: one is due now.",
                    g.get("EXERCISE_OVERDUE").getString("sentence"));
            assertEquals("runbooks/view.xhtml?doc=incident-response-runbook", g.get("RUNBOOK_NOT_IN_FORCE")
                    .getJsonArray("records").getJsonObject(0).getString("href"));
        }
        assertTrue(gaps(get("api/controls/CC7.4", ANN)).containsKey("ENTRA_LOG_MISSING"),
                "the catalogue lists the Entra log for CC7.3 and CC7.4");
        assertFalse(gaps(get("api/controls/CC7.5", ANN)).containsKey("ENTRA_LOG_MISSING"));

        // another period: the incidents are outside it, what stands now is not
        JsonObject january = get("api/controls/CC7.3?from=2025-01-01&to=2025-01-31", "admin");
        assertEquals("2025-01-01", january.getString("from"));
        assertEquals("2025-01-31", january.getString("to"));
        assertEquals(List.of("POLICY_NOT_IN_FORCE"), List.copyOf(gaps(january).keySet()));

        // an audit row altered behind the application's back fails all three; put back, the gap goes
        long altered = TestDatabase.number(DB, "SELECT min(id) + (max(id) - min(id)) / 2 FROM audit_event");
        String actor = TestDatabase.texts(DB, "SELECT actor FROM audit_event WHERE id = " + altered).get(0);
        behindTheApplicationsBack("UPDATE audit_event SET actor = 'mallory' WHERE id = " + altered);
        try {
            for (String control : List.of("CC7.3", "CC7.4", "CC7.5")) {
                JsonObject broken = gaps(get("api/controls/" + control, ANN)).get("AUDIT_TRAIL_BROKEN");
                assertEquals("FAILING", broken.getString("severity"), control);
                assertTrue(broken.getString("sentence").contains("row " + altered), broken.getString("sentence"));
                assertEquals("audit/trail.xhtml", broken.getJsonArray("records").getJsonObject(0).getString("href"));
            }
        } finally {
            behindTheApplicationsBack("UPDATE audit_event SET actor = '" + actor + "' WHERE id = " + altered);
        }
        assertFalse(gaps(get("api/controls/CC7.5", ANN)).containsKey("AUDIT_TRAIL_BROKEN"));

        // the runbook and policy approved and the P1 declared, late: evaluation only needs attention now
        Runbooks.approveSeed(base);
        HttpResponse<String> policy = PortalClient.post(base, "api/documents/incident-response-policy/versions/1/approve",
                "admin", LEAD_PASSWORD, "{}");
        assertEquals(200, policy.statusCode(), policy.body());
        declare(p1, TestClock.now().minusSeconds(60));
        evaluate = get("api/controls/CC7.3", ANN);
        assertEquals("AMBER", evaluate.getString("state"));
        gaps = gaps(evaluate);
        assertEquals(List.of("SLA_BREACHED", "ENTRA_LOG_MISSING"), List.copyOf(gaps.keySet()));
        assertEquals("2 incidents were declared after the response target.", gaps.get("SLA_BREACHED").getString("sentence"));
        assertFalse(gaps(get("api/controls/CC7.4", ANN)).containsKey("RUNBOOK_NOT_IN_FORCE"));
        List<String> states = get("api/controls", ANN).getJsonArray("controls").getValuesAs(JsonObject.class)
                .stream().map(c -> c.getString("control") + " " + c.getString("state")).toList();
        assertEquals(List.of("CC7.3 AMBER", "CC7.4 RED", "CC7.5 RED"), states);

        // the lead: the dashboard's card, the overview with its sentences, a gap followed to its incident
        browser.signIn("admin", LEAD_PASSWORD).waitForText("Welcome, admin.");
        String card = browser.visible("controlHealthCard").getText();
        assertTrue(card.contains("CC7.3 Needs attention"), card);
        assertTrue(card.contains("CC7.4 Failing"), card);
        browser.screenshot("control-health-dashboard");
        browser.menu("auditMenu", "controls");
        browser.waitForText("1 post-incident review is past the due date and not approved.");
        assertTrue(browser.visible("control-CC7-3").getText().contains("2 incidents were declared after the response"
                + " target."), browser.text());
        assertTrue(browser.visible("control-CC7-5").getText().contains("Failing"), browser.text());
        browser.screenshot("control-health-overview");
        browser.clickLink("CC7.3 · Incident evaluation");
        browser.waitForText("Brute force on the VPN gateway");
        browser.screenshot("control-health-cc7-3");
        browser.clickLink(p1);
        browser.waitForText("Credentials used from a new country");
        assertTrue(browser.path().endsWith("/incidents/view.xhtml"), browser.path());
        browser.screenshot("control-health-followed-to-incident");

        // another period, chosen on the page: January 2025 had no incidents, and what stands now is in order for CC7.3
        browser.menu("auditMenu", "controls");
        browser.waitForText("Period: " + TestClock.today().minusMonths(12));
        // the fields show the period shown: select what is there and type over it, as a person does
        browser.visible("period:from_input").sendKeys(Keys.chord(Keys.CONTROL, "a"), "2025-01-01");
        browser.visible("period:to_input").sendKeys(Keys.chord(Keys.CONTROL, "a"), "2025-01-31");
        browser.click("period:show");
        browser.waitForText("Period: 2025-01-01 to 2025-01-31, both days included.");
        String evaluation = browser.visible("control-CC7-3").getText();
        assertTrue(evaluation.contains("Healthy") && evaluation.contains("No gaps in this period."), evaluation);
        assertTrue(browser.visible("control-CC7-4").getText().contains("No incident-response exercise"),
                "the annual rule on the period's last day");
        browser.screenshot("control-health-january");
    }

    @Test
    void leadsAndAuditorsReadRespondersDoNotAndWrongRequestsAreRefusedByName() {
        assertEquals(403, PortalClient.api(base, "api/controls/CC7.3", RITA, PASSWORD).statusCode());
        try (PortalClient rita = PortalClient.signedIn(base, RITA, PASSWORD)) {
            assertEquals(403, rita.raw("controls/overview.xhtml").getStatusCode());
            assertFalse(rita.page("index.xhtml").asNormalizedText().contains("Control health"),
                    "no card or menu for responders");
        }
        assertEquals(401, PortalClient.api(base, "api/controls/CC7.3", null, null).statusCode());
        assertEquals(404, PortalClient.api(base, "api/controls/CC7.9", ANN, PASSWORD).statusCode());
        HttpResponse<String> notADate = PortalClient.api(base, "api/controls/CC7.4?from=2026-13-01", ANN, PASSWORD);
        assertEquals(400, notADate.statusCode());
        assertTrue(notADate.body().contains("{\"field\":\"from\",\"message\":\"'2026-13-01' is not a date (YYYY-MM-DD).\"}"),
                notADate.body());
        HttpResponse<String> backwards = PortalClient.api(base, "api/controls/CC7.4?from=2026-03-01&to=2026-02-01",
                ANN, PASSWORD);
        assertEquals(400, backwards.statusCode());
        assertTrue(backwards.body().contains("The period starts on 2026-03-01, after it ends on 2026-02-01."),
                backwards.body());
        try (PortalClient ann = PortalClient.signedIn(base, ANN, PASSWORD)) {
            assertEquals(200, ann.raw("controls/control.xhtml?id=CC7.5").getStatusCode());
            assertEquals(404, ann.raw("controls/control.xhtml?id=CC9.1").getStatusCode());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private String report(String title, String severity, Instant detectedAt) {
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"" + severity
                        + "\",\"detectedAt\":\"" + detectedAt + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        return TestJson.read(reported.body()).getString("reference");
    }

    private void declare(String ref, Instant at) {
        HttpResponse<String> declared = PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + version(ref) + ",\"owner\":\"" + RITA + "\",\"at\":\"" + at + "\"}");
        assertEquals(200, declared.statusCode(), declared.body());
    }

    private void step(String ref, String status, Instant at) {
        HttpResponse<String> moved = PortalClient.post(base, "api/incidents/" + ref + "/steps", RITA, PASSWORD,
                "{\"version\":" + version(ref) + ",\"status\":\"" + status + "\",\"at\":\"" + at + "\"" + Incidents.OPEN_WORK + "}");
        assertEquals(200, moved.statusCode(), moved.body());
    }

    private long version(String ref) {
        return get("api/incidents/" + ref, RITA).getJsonNumber("version").longValue();
    }

    private JsonObject get(String path, String user) {
        HttpResponse<String> response = PortalClient.api(base, path, user, user.equals("admin") ? LEAD_PASSWORD : PASSWORD);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return TestJson.read(response.body());
    }

    /** The gaps of a control's JSON by kind, in the order given. */
    private static Map<String, JsonObject> gaps(JsonObject control) {
        Map<String, JsonObject> gaps = new LinkedHashMap<>();
        control.getJsonArray("gaps").getValuesAs(JsonObject.class).forEach(g -> gaps.put(g.getString("kind"), g));
        return gaps;
    }

    private static List<String> keys(JsonObject gap) {
        return gap.getJsonArray("records").getValuesAs(JsonObject.class).stream().map(r -> r.getString("key")).toList();
    }

    /** What someone with database-owner rights could do: switch the guard off, change a row, switch it on. */
    private static void behindTheApplicationsBack(String statement) {
        TestDatabase.execute(DB, "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
        try {
            TestDatabase.execute(DB, statement);
        } finally {
            TestDatabase.execute(DB, "ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
        }
    }
}
