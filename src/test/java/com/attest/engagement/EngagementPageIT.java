package com.attest.engagement;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.engagement.Sampling;
import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Auditor engagements on the real WAR and database: an auditor reads only the evidence and incidents of an open
 * engagement's period (others are not found), never writes, is shut out when the window closes; every request is
 * logged, append-only, and registered as evidence once its day is over; the population with its outcomes and a
 * sample that the same seed draws again; an auditor's journey in the browser with nothing to change. The access
 * windows lie around the portal's clock; the audit period is twenty days of 2021, when no other test of the shared
 * portal has an incident, so the population is this class's own.
 */
@RunAsClient
class EngagementPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    /** The clock's first instant: the engagements' access windows are placed around it. */
    private static final Instant D = TestClock.START;
    private static final LocalDate TODAY = LocalDate.ofInstant(D, ZoneOffset.UTC);
    /** The audit period: the twenty days up to 16 June 2021. */
    private static final LocalDate PERIOD_TO = LocalDate.of(2021, 6, 16);
    private static final LocalDate PERIOD_FROM = PERIOD_TO.minusDays(20);
    /** 10:00 UTC on the period's last day: its incidents are dated back from here. */
    private static final Instant P = PERIOD_TO.atTime(10, 0).toInstant(ZoneOffset.UTC);
    private static final String RITA = "rita.engagement";
    private static final String ANN = "ann.engagement";
    private static final String BOB = "bob.engagement";
    private static final String CAL = "cal.engagement";
    private static final String DAN = "dan.engagement";
    private static final String EVE = "eve.engagement";

    private static final List<String> IN_PERIOD = new ArrayList<>();
    private static String outside;
    private static long engagement;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        for (String auditor : List.of(ANN, BOB, CAL, DAN, EVE)) {
            Accounts.create(DB, auditor, PASSWORD, TODAY.plusDays(60), "AUDITOR");
        }
    }

    /** Six incidents detected in the period (one declared in time, one closed as a false positive), one before it. */
    private synchronized void arrange() {
        if (engagement != 0) {
            return;
        }
        for (int i = 0; i < 6; i++) {
            IN_PERIOD.add(incident("In the period " + i, P.minus(Duration.ofDays(15 - i))));
        }
        outside = incident("Before the period", P.minus(Duration.ofDays(30)));
        long version = json(get("api/incidents/" + IN_PERIOD.get(0), "admin")).getJsonNumber("version").longValue();
        assertEquals(200, PortalClient.post(base, "api/incidents/" + IN_PERIOD.get(0) + "/declare", RITA, PASSWORD,
                "{\"version\":" + version + ",\"at\":\"" + P.minus(Duration.ofDays(15)).plusSeconds(600) + "\"}")
                .statusCode());
        version = json(get("api/incidents/" + IN_PERIOD.get(1), "admin")).getJsonNumber("version").longValue();
        assertEquals(200, PortalClient.post(base, "api/incidents/" + IN_PERIOD.get(1) + "/close", RITA, PASSWORD,
                "{\"version\":" + version + ",\"kind\":\"FALSE_POSITIVE\",\"reason\":\"A scheduled scan\"}")
                .statusCode());
        version = json(get("api/incidents/" + outside, "admin")).getJsonNumber("version").longValue();
        assertEquals(200, PortalClient.post(base, "api/incidents/" + outside + "/close", RITA, PASSWORD,
                "{\"version\":" + version + ",\"kind\":\"FALSE_POSITIVE\",\"reason\":\"A scheduled scan\"}")
                .statusCode());
        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        engagement = create("SOC 2 Type II", D.minus(Duration.ofHours(1)), D.plus(Duration.ofDays(30)), ANN);
    }

    @Test
    void anAuditorReadsOnlyTheOpenEngagementsPeriodAndNeverWrites() {
        arrange();
        String inside = IN_PERIOD.get(1);
        assertEquals(200, get("api/incidents/" + inside, ANN).statusCode());
        assertEquals(404, get("api/incidents/" + outside, ANN).statusCode(), "an incident before the period");
        assertEquals(200, get("api/incidents/" + outside, RITA).statusCode(), "responders are not kept to it");

        long itemIn = itemOf(inside);
        long itemOut = itemOf(outside);
        assertEquals(200, get("api/evidence/items/" + itemIn, ANN).statusCode());
        assertEquals(404, get("api/evidence/items/" + itemOut, ANN).statusCode());
        JsonObject listed = json(get("api/evidence/items?max=1000", ANN));
        assertTrue(listed.getJsonArray("items").stream().allMatch(v -> !LocalDate.parse(v.asJsonObject()
                .getString("periodDate")).isBefore(PERIOD_FROM)), listed.toString());
        assertEquals(listed.getInt("total"), listed.getJsonArray("items").size());
        assertTrue(json(get("api/evidence/items?max=1000", "admin")).getInt("total") > listed.getInt("total"),
                "the lead sees the item outside the period too");

        try (PortalClient ann = PortalClient.signedIn(base, ANN, PASSWORD)) {
            assertEquals(200, ann.raw("evidence/item.xhtml?id=" + itemIn).getStatusCode());
            assertEquals(404, ann.raw("evidence/item.xhtml?id=" + itemOut).getStatusCode());
            assertEquals(404, ann.raw("engagements/incident.xhtml?engagement=" + engagement + "&ref=" + outside)
                    .getStatusCode());
            assertEquals(200, ann.raw("engagements/incident.xhtml?engagement=" + engagement + "&ref=" + inside)
                    .getStatusCode());
            // the incident pages are theirs within the period: the list narrowed to it, a record outside not found
            String list = ann.page("incidents/list.xhtml?state=all").asNormalizedText();
            assertTrue(list.contains(inside), list);
            assertFalse(list.contains(outside), list);
            assertEquals(200, ann.raw("incidents/view.xhtml?ref=" + inside).getStatusCode());
            assertEquals(404, ann.raw("incidents/view.xhtml?ref=" + outside).getStatusCode());
            assertEquals(403, ann.raw("incidents/new.xhtml").getStatusCode());
            assertEquals(403, ann.raw("admin/users.xhtml").getStatusCode());
            // control health is kept to the audit period: by default it shows it, another period is refused
            assertEquals(200, ann.raw("controls/overview.xhtml").getStatusCode());
            assertTrue(ann.page("controls/overview.xhtml?from=" + PERIOD_FROM.minusYears(1) + "&to=" + PERIOD_TO)
                    .asNormalizedText().contains("lies outside the audit period of your engagement"));
            assertEquals(403, ann.raw("audit/trail.xhtml").getStatusCode(), "the whole trail spans every period");
            assertTrue(ann.raw("index.xhtml").getResponseHeaderValue("Location").endsWith("/engagements/list.xhtml"));
        }

        // any write is refused, with a reason
        HttpResponse<String> write = PortalClient.post(base, "api/incidents", ANN, PASSWORD,
                "{\"title\":\"x\",\"category\":\"OTHER\",\"severity\":\"P3\",\"detectedAt\":\"" + D + "\"}");
        assertEquals(403, write.statusCode());
        assertTrue(write.body().contains("Auditors read; they change nothing."), write.body());
        assertEquals(403, PortalClient.post(base, "api/evidence/items/" + itemIn + "/hold", ANN, PASSWORD,
                "{\"version\":0,\"hold\":true,\"reason\":\"x\"}").statusCode());
        assertEquals(403, PortalClient.post(base, "api/engagements", ANN, PASSWORD, "{}").statusCode());
        assertEquals(404, get("api/pirs/1", ANN).statusCode(), "no review in the period");
        assertEquals(403, get("api/exercises", ANN).statusCode(), "the whole list spans every period");
        HttpResponse<String> controls = get("api/controls/CC7.4?from=" + PERIOD_FROM.minusYears(1) + "&to=" + PERIOD_TO,
                ANN);
        assertEquals(400, controls.statusCode());
        assertTrue(controls.body().contains("lies outside the audit period"), controls.body());
        JsonObject health = json(get("api/controls/CC7.4", ANN));
        assertEquals(PERIOD_FROM.toString(), health.getString("from"), health.toString());
        assertEquals(PERIOD_TO.toString(), health.getString("to"));
    }

    @Test
    void accessEndsByItselfWhenTheWindowClosesAndAnotherEngagementIsNotFound() {
        arrange();
        long expired = create("Last year's audit", D.minus(Duration.ofDays(10)), D.minus(Duration.ofDays(1)), BOB);
        create("Next quarter's audit", D.plus(Duration.ofDays(1)), D.plus(Duration.ofDays(10)), CAL);
        long closing = create("Closing audit", D.minus(Duration.ofHours(2)), D.plus(Duration.ofDays(1)), DAN);

        for (String shutOut : List.of(BOB, CAL)) {
            HttpResponse<String> api = get("api/evidence/items", shutOut);
            assertEquals(403, api.statusCode(), shutOut);
            assertTrue(api.body().contains("No engagement of yours is open now"), api.body());
            try (PortalClient client = PortalClient.signedIn(base, shutOut, PASSWORD)) {
                assertTrue(client.page("evidence/register.xhtml").asNormalizedText()
                        .contains("No engagement of yours is open now"), shutOut);
            }
        }
        assertEquals(404, get("api/engagements/" + expired, ANN).statusCode(), "not ann's engagement");
        assertEquals(404, get("api/engagements/" + engagement, DAN).statusCode());

        try (PortalClient dan = PortalClient.signedIn(base, DAN, PASSWORD)) {
            assertEquals(200, dan.raw("evidence/register.xhtml").getStatusCode());
            // the window closes while dan is signed in: the next request finds it closed
            TestDatabase.execute(DB, "UPDATE engagement SET access_from = TIMESTAMPTZ '" + D.minus(Duration.ofHours(3))
                    + "', access_to = TIMESTAMPTZ '" + D.minusSeconds(60) + "' WHERE id = " + closing);
            assertTrue(dan.raw("evidence/register.xhtml").getResponseHeaderValue("Location")
                    .endsWith("/engagements/ended.xhtml"));
            assertEquals(403, get("api/engagements", DAN).statusCode());
        }
    }

    @Test
    void badEngagementsAreRefusedFieldByFieldAndNothingIsWritten() {
        arrange();
        long before = TestDatabase.number(DB, "SELECT count(*) FROM engagement");
        HttpResponse<String> bad = PortalClient.post(base, "api/engagements", "admin", Deployments.ADMIN_PASSWORD,
                "{\"name\":\" \",\"periodFrom\":\"2026-06-30\",\"periodTo\":\"2026-01-01\",\"accessFrom\":\""
                        + D + "\",\"accessTo\":\"" + D.minusSeconds(1) + "\",\"auditors\":[\"" + RITA + "\",\"nobody\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        for (String expected : List.of("\"field\":\"name\"", "The audit period ends before it starts.",
                "The access window ends before it starts.", RITA + " is not an auditor", "There is no account nobody.")) {
            assertTrue(bad.body().contains(expected), expected + " in " + bad.body());
        }
        assertEquals(before, TestDatabase.number(DB, "SELECT count(*) FROM engagement"));
        assertEquals(403, PortalClient.post(base, "api/engagements", RITA, PASSWORD, "{}").statusCode(),
                "only the compliance lead creates engagements");
    }

    @Test
    void thePopulationHasItsOutcomesAndTheSameSeedDrawsTheSameSample() {
        arrange();
        JsonObject population = json(get("api/engagements/" + engagement + "/population.json", ANN));
        assertEquals(6, population.getInt("size"));
        List<String> refs = population.getJsonArray("incidents").stream()
                .map(v -> v.asJsonObject().getString("reference")).toList();
        assertEquals(IN_PERIOD.stream().sorted().toList(), refs);
        JsonObject declared = row(population, IN_PERIOD.get(0));
        assertEquals("MET", declared.getString("sla"));
        assertEquals("NOT_REQUIRED", declared.getString("notification"));
        assertFalse(declared.isNull("declared"));
        assertEquals("NOT_REQUIRED", row(population, IN_PERIOD.get(1)).getString("review"), "a false positive");
        assertEquals("BREACHED", row(population, IN_PERIOD.get(2)).getString("sla"), "undeclared for days");

        HttpResponse<String> csv = get("api/engagements/" + engagement + "/population.csv", ANN);
        assertEquals(200, csv.statusCode());
        String[] lines = csv.body().split("\r\n");
        assertEquals("reference,title,severity,status,detected,declared,contained,resolved,closed,sla,review,"
                + "notification", lines[0]);
        assertEquals(7, lines.length);
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));

        JsonObject first = json(post("api/engagements/" + engagement + "/sample?size=3&seed=777", ANN));
        JsonObject again = json(post("api/engagements/" + engagement + "/sample?size=3&seed=777", "admin"));
        assertEquals(first.getJsonArray("references"), again.getJsonArray("references"));
        assertEquals(Sampling.draw(refs, 3, 777L), first.getJsonArray("references").getValuesAs(
                jakarta.json.JsonString::getString), "the documented algorithm, computed here independently of the portal");
        assertEquals(Sha256.hex(String.join("\n", refs)), first.getString("populationSha256"));
        JsonObject fresh = json(post("api/engagements/" + engagement + "/sample?size=4", ANN));
        long seed = fresh.getJsonNumber("seed").longValue();
        assertEquals(fresh.getJsonArray("references"), json(post("api/engagements/" + engagement + "/sample?size=4&seed="
                + seed, ANN)).getJsonArray("references"), "a seed the portal chose draws the same sample again");
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM engagement_sample WHERE seed = 777 AND size = 3"
                + " AND engagement_id = " + engagement));
        assertTrue(TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action = 'engagement.sample-drawn'"
                + " AND actor = '" + ANN + "'") >= 3);

        HttpResponse<String> tooBig = post("api/engagements/" + engagement + "/sample?size=7&seed=1", ANN);
        assertEquals(400, tooBig.statusCode());
        assertTrue(tooBig.body().contains("The population has 6 incident(s): a sample of 7 is larger than it."),
                tooBig.body());
        assertRefused("UPDATE engagement_sample SET seed = 1");
        assertRefused("DELETE FROM engagement_sample");
    }

    @Test
    void everyRequestOfAnAuditorIsLoggedAppendOnlyAndTheLogOfADayBecomesEvidence() {
        arrange();
        long before = TestDatabase.number(DB, "SELECT count(*) FROM auditor_access WHERE username = '" + EVE + "'");
        long mine = create("Eve's audit", D.minus(Duration.ofHours(1)), D.plus(Duration.ofDays(5)), EVE);
        get("api/engagements/" + mine, EVE);
        get("api/incidents/" + outside, EVE);
        PortalClient.post(base, "api/incidents", EVE, PASSWORD, "{}");
        assertEquals(before + 3, TestDatabase.number(DB, "SELECT count(*) FROM auditor_access WHERE username = '" + EVE + "'"
                + " AND engagement_id = " + mine));
        assertEquals(List.of("GET /api/engagements/" + mine + " 200", "GET /api/incidents/" + outside + " 404",
                        "POST /api/incidents 403"), TestDatabase.texts(DB, "SELECT method || ' ' || path || ' ' || status"
                + " FROM auditor_access WHERE username = '" + EVE + "' ORDER BY id"));
        assertRefused("UPDATE auditor_access SET status = 200 WHERE username = '" + EVE + "'");
        assertRefused("DELETE FROM auditor_access WHERE username = '" + EVE + "'");
        assertRefused("TRUNCATE auditor_access");
        assertEquals(200, get("api/engagements/" + mine + "/access-log", "admin").statusCode());
        assertEquals(403, get("api/engagements/" + mine + "/access-log", EVE).statusCode());

        // a finished day of the log is registered as one evidence item, hashed over its canonical snapshot
        TestDatabase.execute(DB, "INSERT INTO auditor_access (username, engagement_id, at, method, path, query, status)"
                + " VALUES ('" + EVE + "', " + mine + ", TIMESTAMPTZ '" + D.minus(Duration.ofDays(2)) + "', 'GET',"
                + " '/evidence/register.xhtml', 'type=ALERT', 200)");
        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        JsonObject items = json(get("api/evidence/items?type=AUDITOR_ACCESS_LOG", "admin"));
        assertEquals(1, items.getInt("total"), items.toString());
        JsonObject item = items.getJsonArray("items").getJsonObject(0);
        assertEquals(TODAY.minusDays(2).toString(), item.getString("periodDate"));
        assertEquals(TODAY.minusDays(2).plusYears(3).toString(), item.getString("retentionUntil"));
        JsonObject detail = json(get("api/evidence/items/" + item.getJsonNumber("id"), "admin"));
        assertEquals(detail.getString("sha256"), Sha256.hex(detail.getString("snapshot")));
        assertTrue(detail.getString("snapshot").contains("\"query\":\"type=ALERT\""), detail.getString("snapshot"));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM evidence_item WHERE type_code ="
                + " 'AUDITOR_ACCESS_LOG'"), "today's requests wait until the day is over");
    }

    @Test
    void anAuditorBrowsesThePopulationOpensASampleAndFindsNothingToChange() {
        arrange();
        browser.signIn(ANN, PASSWORD);
        browser.waitForText("The engagements open to you now");
        assertFalse(browser.present("nav:home"), "no dashboard of every incident in an auditor's menu");
        assertFalse(browser.present("nav:audit"));
        assertFalse(browser.present("nav:approvals"));
        browser.clickLink("SOC 2 Type II");
        browser.waitForText("Population (6)");
        assertTrue(browser.visible("populationForm:population").getText().contains(IN_PERIOD.get(0)));
        assertFalse(browser.text().contains(outside), "the incident before the period is not in the population");
        browser.screenshot("engagement-population");

        browser.type("sampleForm:size", "9");
        browser.click("sampleForm:draw");
        waitFor("The population has 6 incident(s): a sample of 9 is larger than it.", "engagement-sample-failed");
        browser.screenshot("engagement-sample-too-large");
        browser.type("sampleForm:size", "3");
        browser.type("sampleForm:seed", "777");
        browser.click("sampleForm:draw");
        waitFor("A sample of 3 drawn from 6 incidents with seed 777.", "engagement-sample-failed");
        List<String> expected = Sampling.draw(IN_PERIOD, 3, 777L);
        assertEquals(String.join("\n", expected), browser.visible("drawnRefs").getText());
        // the list of samples drawn shows it at once, not "No sample drawn yet."
        assertFalse(browser.visible("samples").getText().contains("No sample drawn yet."), browser.visible("samples").getText());
        assertTrue(browser.visible("samples").getText().contains("777"), browser.visible("samples").getText());
        browser.screenshot("engagement-sample");

        browser.clickLink(expected.get(0));
        browser.waitForText("Registered evidence");
        browser.waitForText("Timeline");
        assertTrue(browser.driver().findElements(By.cssSelector("main button, main textarea, main select,"
                + " main input:not([type=hidden])")).isEmpty(), "nothing on the incident page changes anything");
        assertFalse(browser.text().contains("ALERT_TRIGGERED"), "labels, never codes, on an auditor's page");
        assertTrue(browser.visible("timeline").getText().contains("Alert triggered"), browser.visible("timeline").getText());
        browser.screenshot("engagement-incident");

        // the incident closed as a false positive was registered: its item, hash and link are on its page
        browser.open("engagements/incident.xhtml?engagement=" + engagement + "&ref=" + IN_PERIOD.get(1));
        browser.waitForText("Registered evidence (1)");
        long item = itemOf(IN_PERIOD.get(1));
        assertTrue(browser.text().contains(TestDatabase.texts(DB, "SELECT sha256 FROM evidence_item WHERE id = " + item)
                .get(0)), "the item's SHA-256 in full");
        browser.screenshot("engagement-incident-evidence");
        browser.clickLink(String.valueOf(item));
        browser.waitForText("Kept until");
        assertFalse(browser.present("holdForm:toggle"), "an auditor has nothing to press on an item either");

        // the incident's own page reads the same, with nothing to press; one outside the period is not found
        browser.open("incidents/view.xhtml?ref=" + expected.get(0));
        browser.waitForText("You can read this incident");
        assertFalse(browser.present("stepForm"));
        assertFalse(browser.present("entryForm"));
        browser.open("incidents/view.xhtml?ref=" + outside);
        browser.waitForText("There is no page at this address.");
        browser.screenshot("engagement-incident-outside-not-found");
        browser.open("engagements/list.xhtml");
        browser.signOut();

        browser.signIn("admin", Deployments.ADMIN_PASSWORD);
        browser.open("engagements/view.xhtml?id=" + engagement);
        browser.waitForText("Auditor access log");
        assertTrue(browser.visible("accessLog").getText().contains(ANN));
        browser.screenshot("engagement-lead-view");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Waits for the text; if it never comes, keeps a screenshot of what the page showed instead. */
    private void waitFor(String text, String screenshot) {
        try {
            browser.waitForText(text);
        } catch (RuntimeException e) {
            browser.screenshot(screenshot);
            throw e;
        }
    }

    private long create(String name, Instant from, Instant to, String auditor) {
        HttpResponse<String> created = PortalClient.post(base, "api/engagements", "admin", Deployments.ADMIN_PASSWORD,
                "{\"name\":\"" + name + "\",\"periodFrom\":\"" + PERIOD_FROM + "\",\"periodTo\":\"" + PERIOD_TO
                        + "\",\"accessFrom\":\"" + from + "\",\"accessTo\":\"" + to + "\",\"auditors\":[\"" + auditor
                        + "\"]}");
        assertEquals(201, created.statusCode(), created.body());
        return json(created).getJsonNumber("id").longValue();
    }

    private String incident(String title, Instant detectedAt) {
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P3\",\"detectedAt\":\""
                        + detectedAt + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        return json(reported).getString("reference");
    }

    private long itemOf(String ref) {
        return TestDatabase.number(DB, "SELECT e.id FROM evidence_item e JOIN incident i ON i.id = e.source_id"
                + " WHERE e.source = 'incident' AND i.reference = '" + ref + "'");
    }

    private static JsonObject row(JsonObject population, String ref) {
        return population.getJsonArray("incidents").stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("reference").equals(ref)).findFirst().orElseThrow();
    }

    /** Drawing a sample records it: a POST. */
    private HttpResponse<String> post(String path, String user) {
        return PortalClient.post(base, path, user, user.equals("admin") ? Deployments.ADMIN_PASSWORD : PASSWORD, "");
    }

    private HttpResponse<String> get(String path, String user) {
        return PortalClient.api(base, path, user, user.equals("admin") ? Deployments.ADMIN_PASSWORD : PASSWORD);
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static void assertRefused(String statement) {
        try {
            TestDatabase.execute(DB, statement);
        } catch (RuntimeException e) {
            return;
        }
        throw new AssertionError("The database allowed: " + statement);
    }
}
