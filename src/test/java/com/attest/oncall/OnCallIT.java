package com.attest.oncall;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static com.attest.testing.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.incident.Source;
import com.attest.testing.Accounts;
import com.attest.testing.AlertSamples;
import com.attest.testing.IntakeDeliveries;
import com.attest.testing.FakeOnCall;
import com.attest.testing.IntakeSettings;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.Wait;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Paging the on-call person: incidents that alerts open or raise page Teams and PagerDuty through the real channel
 * clients against local fakes, after commit, retried on failure, resolved when the incident closes, and e-mail through
 * the real Graph client, whose refusal is shown. The on-call settings are the whole portal's: this class sets the
 * e-mail recipients and the severity that pages, and puts back what it found; the fakes take pages only while it
 * runs (at other times every P1 and P2 of the shared portal would page them).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OnCallIT {

    private static final String DB = SharedPortal.DB;
    private static final String MONITOR_KEY = "atk_ocmonitor-key-for-tests-0000000000000000000";
    private static final String DEFENDER_KEY = "atk_ocdefender-key-for-tests-000000000000000000";
    private static final String RITA = "rita.oncall";
    private static final FakeOnCall ONCALL = SharedPortal.onCall();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static IntakeSettings found;

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void keysPeopleChannelsAndSettings() {
        key(Source.AZURE_MONITOR, MONITOR_KEY);
        key(Source.DEFENDER, DEFENDER_KEY);
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");

        ONCALL.reset();
        ONCALL.server.stubFor(post("/teams").willReturn(aResponse().withStatus(202)));
        ONCALL.server.stubFor(post("/pagerduty").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}")));
        // one incident's page fails once with a 500 before PagerDuty takes it
        ONCALL.server.stubFor(post("/pagerduty").withRequestBody(matchingJsonPath("$.payload.summary",
                        containing("Retry drill"))).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("failed once").willReturn(aResponse().withStatus(500).withBody("upstream hiccup")));
        ONCALL.server.stubFor(post("/pagerduty").withRequestBody(matchingJsonPath("$.payload.summary",
                        containing("Retry drill"))).inScenario("retry").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"retry\"}")));
        // e-mail through the real Graph client, which Graph refuses: shown as a failure
        SharedPortal.azure().reset();
        SharedPortal.azure().server.stubFor(post(urlPathMatching("/v1.0/users/.*/sendMail")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json").withHeader("request-id", "denied")
                .withBody("{\"error\":{\"code\":\"ErrorAccessDenied\",\"message\":\"Access is denied. Check"
                        + " credentials and try again.\"}}")));

        found = IntakeSettings.read(SharedPortal.url());
        new IntakeSettings(60, "P2", "oncall@contoso.com").apply(SharedPortal.url());
    }

    @AfterAll
    static void putBack() {
        try {
            if (found != null) {
                found.apply(SharedPortal.url());
            }
        } finally {
            ONCALL.reset();
        }
    }

    private static void key(Source source, String secret) {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('" + source + "', 'on-call " + source + "', '" + secret.substring(0, 10) + "', '"
                + Sha256.hex(secret) + "', " + TestClock.sql() + ", 'admin')");
    }

    @Test
    void takingTheRecipientsAwayShowsMailAsNotConfiguredOnTheOnCallPage() {
        new IntakeSettings(60, "P2", "oncall@contoso.com").apply(base);
        try (PortalClient lead = PortalClient.signedIn(base, "admin", com.attest.testing.Deployments.ADMIN_PASSWORD)) {
            String before = lead.page("admin/oncall.xhtml").getHtmlElementById("channels:table").asNormalizedText();
            assertTrue(before.contains("oncall@contoso.com"), before);
            new IntakeSettings(60, "P2", "").apply(base);
            String after = lead.page("admin/oncall.xhtml").getHtmlElementById("channels:table").asNormalizedText();
            assertFalse(after.contains("oncall@contoso.com"), "still shows the recipients taken away:\n" + after);
            assertTrue(after.contains("needs recipients on this page"), after);
        } finally {
            new IntakeSettings(60, "P2", "oncall@contoso.com").apply(base);
        }
    }

    @Test
    void aNewP2PagesTeamsAndPagerDutyAfterCommitRetriesAFailureAndResolvesThePageWhenClosed() throws Exception {
        JsonObject alert = Json.createReader(new StringReader(new String(sample("defender/workflow-automation.json"),
                StandardCharsets.UTF_8))).readObject();
        String body = Json.createObjectBuilder(alert)
                .add("SystemAlertId", "2516978999999999999_99999999-2222-4333-8444-555555555555")
                .add("AlertDisplayName", "Retry drill: brute force on vm-drill")
                .add("CompromisedEntity", "vm-drill-01")
                .remove("Entities").remove("ResourceIdentifiers").build().toString();
        String ref = accepted(send("defender", body.getBytes(StandardCharsets.UTF_8), DEFENDER_KEY))
                .getString("incidentReference");
        String incident = "(SELECT id FROM incident WHERE reference = '" + ref + "')";
        Wait.until("both channels delivered", Duration.ofSeconds(30), () -> TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE state = 'SENT'"
                + " AND incident_id = " + incident) == 2);
        assertEquals(2L, TestDatabase.number(DB, "SELECT attempts FROM notification WHERE channel = 'PAGERDUTY'"
                + " AND incident_id = " + incident), "PagerDuty answered 500 once, then 202");
        assertEquals("RETRY", text("SELECT a.outcome FROM notification_attempt a JOIN notification n"
                + " ON n.id = a.notification_id WHERE n.channel = 'PAGERDUTY' AND n.incident_id = " + incident
                + " ORDER BY a.id LIMIT 1"));
        assertEquals(1L, TestDatabase.number(DB, "SELECT count(*) FROM timeline_entry WHERE milestone ="
                + " 'ON_CALL_NOTIFIED' AND incident_id = " + incident), "stamped once, by the first success");
        ONCALL.server.verify(postRequestedFor(urlEqualTo("/teams")).withRequestBody(containing(ref)));
        Wait.until("an e-mail attempt recorded", Duration.ofSeconds(30), () -> TestDatabase.number(DB, "SELECT count(*) FROM notification_attempt a JOIN notification n"
                + " ON n.id = a.notification_id WHERE n.channel = 'EMAIL' AND a.outcome <> 'IN_FLIGHT'"
                + " AND n.incident_id = " + incident) > 0);
        assertTrue(text("SELECT last_error FROM notification WHERE channel = 'EMAIL' AND incident_id = " + incident)
                .contains("Microsoft Graph"), "the real Graph client ran inside the portal; its failure is shown");
        ONCALL.server.verify(postRequestedFor(urlEqualTo("/pagerduty"))
                .withRequestBody(matchingJsonPath("$.event_action", containing("trigger")))
                .withRequestBody(matchingJsonPath("$.dedup_key", containing(ref))));

        long version = TestDatabase.number(DB, "SELECT version FROM incident WHERE reference = '" + ref + "'");
        HttpResponse<String> closed = PortalClient.post(base, "api/incidents/" + ref + "/close", RITA, PASSWORD,
                "{\"version\":" + version + ",\"kind\":\"FALSE_POSITIVE\",\"reason\":\"Drill\"}");
        assertEquals(200, closed.statusCode(), closed.body());
        Wait.until("PagerDuty page resolved", Duration.ofSeconds(30), () -> TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE action = 'RESOLVE'"
                + " AND state = 'SENT' AND incident_id = " + incident) == 1);
        ONCALL.server.verify(postRequestedFor(urlEqualTo("/pagerduty"))
                .withRequestBody(matchingJsonPath("$.event_action", containing("resolve")))
                .withRequestBody(matchingJsonPath("$.dedup_key", containing(ref))));
    }

    @Test
    void pagesANodeDiedWithInFlightAreTakenOverAtOnceSentAgainAndShownAsOfUnknownOutcome() throws Exception {
        // a node that stopped beating five minutes ago had claimed two pages for another hour, and had both on their
        // way: the portal's outbox takes them over at its next sweep, not when the claims' lease ends
        String dead = "oncall-it-dead-node";
        TestDatabase.execute(DB, "INSERT INTO portal_node (id, host, started_at, heartbeat_at, schema_version)"
                + " VALUES ('" + dead + "', 'gone', now() - interval '1 hour', now() - interval '5 minutes', '37')");
        try {
            long pagerDuty = page(dead, "PAGERDUTY", "Takeover drill via PagerDuty");
            long teams = page(dead, "TEAMS", "Takeover drill via Teams");
            Wait.until("both pages sent by the node that took them over", Duration.ofSeconds(30),
                    () -> TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE state = 'SENT' AND id IN ("
                            + pagerDuty + ", " + teams + ")") == 2);
            for (long id : List.of(pagerDuty, teams)) {
                assertEquals("UNKNOWN " + dead + " | SENT", text("SELECT string_agg(outcome || CASE WHEN node = '"
                        + dead + "' THEN ' ' || node ELSE '' END, ' | ' ORDER BY id) FROM notification_attempt"
                        + " WHERE notification_id = " + id));
                assertEquals(1L, TestDatabase.number(DB, "SELECT unknown_attempts FROM notification WHERE id = " + id));
                assertTrue(text("SELECT detail FROM notification_attempt WHERE outcome = 'UNKNOWN' AND notification_id = "
                        + id).contains("whether the channel received it is unknown"));
            }
            ONCALL.server.verify(postRequestedFor(urlEqualTo("/pagerduty"))
                    .withRequestBody(matchingJsonPath("$.dedup_key", containing("takeover-drill-" + pagerDuty))));
            try (PortalClient lead = PortalClient.signedIn(base, "admin",
                    com.attest.testing.Deployments.ADMIN_PASSWORD)) {
                String page = lead.page("admin/oncall.xhtml").asNormalizedText();
                assertTrue(page.contains("An attempt ended without a known outcome (the portal node sending it"
                        + " stopped): it is sent again, and PagerDuty takes a repeat as the same message"), page);
                assertTrue(page.contains("Microsoft Teams cannot tell a repeat from a new message, so the recipients"
                        + " may have received it twice"), page);
            }
        } finally {
            TestDatabase.execute(DB, "DELETE FROM portal_node WHERE id = '" + dead + "'");
        }
    }

    @Test
    void pagesDueTogetherGoOutTogetherAndASlowChannelHoldsNoneBack() {
        // six pages fall due at once and PagerDuty takes 1.5 s to answer each: one after the other, the last would
        // leave 7.5 s after the first
        ONCALL.server.stubFor(post("/pagerduty").atPriority(1).withRequestBody(matchingJsonPath("$.dedup_key",
                containing("parallel-drill"))).willReturn(aResponse().withStatus(202).withFixedDelay(1500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"p\"}")));
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(TestDatabase.number(DB, "INSERT INTO notification (channel, action, subject, state,"
                    + " next_attempt_at, created_at, created_by, purpose, body, body_sha256) VALUES ('PAGERDUTY',"
                    + " 'TRIGGER', 'Parallel drill " + i + "', 'PENDING', " + TestClock.sql() + ", " + TestClock.sql()
                    + ", 'system:test', 'parallel-drill', 'Six pages at once', '" + Sha256.hex("Six pages at once")
                    + "') RETURNING id"));
        }
        String in = ids.toString().replace('[', '(').replace(']', ')');
        Wait.until("all six pages sent", Duration.ofSeconds(30), () -> TestDatabase.number(DB,
                "SELECT count(*) FROM notification WHERE state = 'SENT' AND id IN " + in) == 6);
        List<Long> received = ONCALL.server.findAll(postRequestedFor(urlEqualTo("/pagerduty"))
                        .withRequestBody(matchingJsonPath("$.dedup_key", containing("parallel-drill"))))
                .stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertEquals(6, received.size(), "each page once");
        long spread = received.get(5) - received.get(0);
        assertTrue(spread < 1500, "the pages reached PagerDuty " + spread + " ms apart: one waited for another's"
                + " answer");
    }

    /** A page about no incident, claimed by {@code node} for another hour and in flight there; returns its id. */
    private static long page(String node, String channel, String subject) {
        long id = TestDatabase.number(DB, "INSERT INTO notification (channel, action, subject, state, next_attempt_at,"
                + " created_at, created_by, purpose, body, body_sha256, claimed_by) VALUES ('" + channel + "', 'TRIGGER',"
                + " '" + subject + "', 'PENDING', " + TestClock.sql() + " + interval '1 hour', " + TestClock.sql()
                + ", 'system:test', 'takeover-drill', 'A page a node had on its way when it died', '"
                + Sha256.hex("A page a node had on its way when it died") + "', '" + node + "') RETURNING id");
        TestDatabase.execute(DB, "INSERT INTO notification_attempt (notification_id, attempted_at, duration_ms, outcome,"
                + " node) VALUES (" + id + ", " + TestClock.sql() + ", 0, 'IN_FLIGHT', '" + node + "')");
        return id;
    }

    @Test
    void aP3RaisedToP1ByAJoinedAlertPagesTheOnCallPerson() throws Exception {
        JsonObject alert = Json.createReader(new StringReader(new String(sample("monitor/metric-fired.json"),
                StandardCharsets.UTF_8))).readObject();
        JsonObject essentials = Json.createObjectBuilder(alert.getJsonObject("data").getJsonObject("essentials"))
                .add("alertId", "/subscriptions/00000000-1111-2222-3333-444444444444/providers/"
                        + "Microsoft.AlertsManagement/alerts/55555555-5555-4555-8555-555555555555")
                .add("alertTargetIDs", Json.createArrayBuilder()).add("configurationItems",
                        Json.createArrayBuilder().add("vm-esc-01")).build();
        byte[] p3 = Json.createObjectBuilder(alert).add("data", Json.createObjectBuilder(alert.getJsonObject("data"))
                .add("essentials", essentials)).build().toString().getBytes(StandardCharsets.UTF_8);
        String ref = accepted(send("azure-monitor", p3, MONITOR_KEY)).getString("incidentReference");
        String incident = "(SELECT id FROM incident WHERE reference = '" + ref + "')";
        assertEquals(0L, TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE incident_id = " + incident),
                "a P3 pages nobody");

        JsonObject defender = Json.createReader(new StringReader(new String(sample("defender/workflow-automation.json"),
                StandardCharsets.UTF_8))).readObject();
        String mining = Json.createObjectBuilder(defender)
                .add("SystemAlertId", "2516978555555555555_55555555-2222-4333-8444-555555555555")
                .add("AlertDisplayName", "Digital currency mining related behavior detected")
                .add("CompromisedEntity", "vm-esc-01").add("TimeGeneratedUtc", "2026-11-27T21:30:00Z")
                .remove("Entities").remove("ResourceIdentifiers").build().toString();
        assertEquals(ref, accepted(send("defender", mining.getBytes(StandardCharsets.UTF_8), DEFENDER_KEY))
                .getString("incidentReference"));
        assertEquals("P1", text("SELECT severity FROM incident WHERE reference = '" + ref + "'"));
        Wait.until("Teams and PagerDuty paged", Duration.ofSeconds(30), () -> TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE action = 'TRIGGER'"
                + " AND state = 'SENT' AND incident_id = " + incident) == 2);
    }

    @Test
    void aP4DoesNotPageAnyone() throws Exception {
        String ref = accepted(send("azure-monitor", sample("monitor/log-alert-v2-fired.json").length > 0
                ? lowSeverity() : null, MONITOR_KEY)).getString("incidentReference");
        Wait.holds("nobody is paged for " + ref, Duration.ofMillis(1500), () -> TestDatabase.number(DB,
                "SELECT count(*) FROM notification n JOIN incident i ON i.id = n.incident_id WHERE i.reference = '"
                        + ref + "'") == 0);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static byte[] lowSeverity() {
        JsonObject alert = Json.createReader(new StringReader(new String(sample("monitor/metric-fired.json"),
                StandardCharsets.UTF_8))).readObject();
        JsonObject essentials = Json.createObjectBuilder(alert.getJsonObject("data").getJsonObject("essentials"))
                .add("alertId", "/subscriptions/00000000-1111-2222-3333-444444444444/providers/"
                        + "Microsoft.AlertsManagement/alerts/44444444-4444-4444-8444-444444444444")
                .add("severity", "Sev4").add("alertTargetIDs", Json.createArrayBuilder())
                .add("configurationItems", Json.createArrayBuilder()).build();
        return Json.createObjectBuilder(alert).add("data", Json.createObjectBuilder(alert.getJsonObject("data"))
                .add("essentials", essentials)).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sample(String name) {
        return AlertSamples.read(name);
    }

    private HttpResponse<String> send(String source, byte[] body, String key) throws Exception {
        return IntakeDeliveries.settled(HTTP, HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/intake/" + source))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("X-Intake-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()), key);
    }

    private static JsonObject accepted(HttpResponse<String> response) {
        assertEquals(202, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String text(String query) {
        List<String> all = TestDatabase.texts(DB, query);
        return all.isEmpty() ? null : all.get(0);
    }
}
