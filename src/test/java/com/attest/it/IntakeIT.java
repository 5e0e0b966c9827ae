package com.attest.it;

import static com.attest.it.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.incident.Source;
import com.attest.intake.EntraTokens;
import com.attest.intake.PayloadMutations;
import com.attest.platform.audit.Sha256;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
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
 * Alert intake end to end: the real WAR and database, the sample payloads of every shape, intake keys and Entra ID
 * tokens, idempotency and correlation, the answers Azure's retry logic relies on, a fuzz corpus, and on-call
 * notification through the real Teams and PagerDuty clients against a local fake server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntakeIT {

    private static final String DB = "intake_it";
    static final String MONITOR_KEY = "atk_monitor-key-for-tests-000000000000000000000";
    static final String DEFENDER_KEY = "atk_defender-key-for-tests-00000000000000000000";
    static final String SENTINEL_KEY = "atk_sentinel-key-for-tests-00000000000000000000";
    private static final String REVOKED_KEY = "atk_revoked-key-for-tests-000000000000000000000";
    private static final String EXPIRED_KEY = "atk_expired-key-for-tests-000000000000000000000";
    private static final String ROUTING_KEY = "R0ut1ngKeyForTests00000000000000";

    private static final WireMockServer FAKE = new WireMockServer(options().dynamicPort());
    private static final EntraTokens ENTRA = new EntraTokens();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        FAKE.start();
        FAKE.stubFor(post("/teams").willReturn(aResponse().withStatus(202)));
        FAKE.stubFor(post("/pagerduty").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}")));
        // one incident's page fails once with a 500 before PagerDuty takes it
        FAKE.stubFor(post("/pagerduty").withRequestBody(matchingJsonPath("$.payload.summary", containing("Retry drill")))
                .inScenario("retry").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(500).withBody("upstream hiccup")));
        FAKE.stubFor(post("/pagerduty").withRequestBody(matchingJsonPath("$.payload.summary", containing("Retry drill")))
                .inScenario("retry").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"retry\"}")));
        String fake = "http://localhost:" + FAKE.port();
        return Deployments.portal(DB,
                "attest.intake.entra.jwks=" + ENTRA.jwks(),
                "attest.intake.entra.issuers=" + EntraTokens.ISSUER,
                "attest.intake.entra.audiences=" + EntraTokens.AUDIENCE,
                "attest.teams.webhook-url=" + fake + "/teams",
                "attest.pagerduty.events-url=" + fake + "/pagerduty",
                "attest.pagerduty.routing-key=" + ROUTING_KEY,
                "attest.notify.backoff-seconds=1",
                // e-mail through the real Graph client, whose sign-in endpoint refuses at once: shown as a failure
                "attest.mail.sender=soc-alerts@contoso.com",
                "attest.graph.tenant-id=" + EntraTokens.TENANT,
                "attest.graph.client-id=0c4e9d2a-1b3f-4a5c-8d6e-7f8091a2b3c4",
                "attest.graph.client-secret=not-a-real-secret",
                "attest.graph.authority-host=https://localhost:1/",
                "attest.graph.instance-discovery=false",
                "attest.notify.max-attempts=2");
    }

    @BeforeAll
    static void keysAndPeople() {
        key(Source.AZURE_MONITOR, MONITOR_KEY, "NULL", "NULL");
        key(Source.DEFENDER, DEFENDER_KEY, "NULL", "NULL");
        key(Source.SENTINEL, SENTINEL_KEY, "NULL", "NULL");
        key(Source.DEFENDER, REVOKED_KEY, "NULL", "now()");
        key(Source.DEFENDER, EXPIRED_KEY, "now() - interval '1 minute'", "NULL");
        Accounts.create(DB, "sam", PASSWORD, null, "RESPONDER");
        TestDatabase.execute(DB, "UPDATE app_user SET email = 'soc.analyst@contoso.com' WHERE username = 'sam'");
        Accounts.create(DB, "rita", PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, "ann", PASSWORD, java.time.LocalDate.now().plusDays(30));
        TestDatabase.execute(DB, "UPDATE oncall_settings SET email_recipients = 'oncall@contoso.com'");
    }

    @AfterAll
    static void stopFake() {
        FAKE.stop();
    }

    private static void key(Source source, String secret, String expires, String revoked) {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by,"
                + " expires_at, revoked_at) VALUES ('" + source + "', 'test " + source + "', '"
                + secret.substring(0, 10) + "', '" + Sha256.hex(secret) + "', now(), 'admin', " + expires + ", "
                + revoked + ")");
    }

    // --- intake, idempotency, correlation ---------------------------------------------------------------

    @Test
    void aMonitorAlertOpensAnIncidentAtItsFiredTimeAndARedeliveryIsTheSameAlert() throws Exception {
        byte[] fired = sample("monitor/metric-fired.json");
        JsonObject first = accepted(send("azure-monitor", fired, MONITOR_KEY));
        assertFalse(first.getBoolean("duplicate"));
        String ref = first.getString("incidentReference");
        assertEquals("DETECTED", text("SELECT status FROM incident WHERE reference = '" + ref + "'"));
        assertEquals("P3", text("SELECT severity FROM incident WHERE reference = '" + ref + "'"), "Sev2 gives P3");
        Instant firedAt = Instant.parse("2026-11-27T21:14:03.451234Z");
        assertEquals(firedAt, instant("SELECT detected_at FROM incident WHERE reference = '" + ref + "'"));
        assertEquals(firedAt.plus(Duration.ofHours(24)),
                instant("SELECT response_due_at FROM incident WHERE reference = '" + ref + "'"), "P3: 24 hours");
        assertEquals(firedAt, instant("SELECT occurred_at FROM timeline_entry t JOIN incident i ON i.id = t.incident_id"
                + " WHERE i.reference = '" + ref + "' AND milestone = 'ALERT_TRIGGERED'"));
        long alertId = first.getJsonNumber("alertId").longValue();
        try (Connection c = TestDatabase.connect(DB); PreparedStatement q = c.prepareStatement(
                "SELECT body, sha256, caller FROM alert_payload WHERE alert_id = ?")) {
            q.setLong(1, alertId);
            ResultSet rs = q.executeQuery();
            assertTrue(rs.next());
            assertArrayEquals(fired, rs.getBytes(1), "kept byte for byte");
            assertEquals(Sha256.hex(fired), rs.getString(2));
            assertTrue(rs.getString(3).startsWith("key atk_monit"), rs.getString(3));
        }

        long incidents = count("incident");
        JsonObject again = accepted(send("azure-monitor", fired, MONITOR_KEY));
        assertTrue(again.getBoolean("duplicate"));
        assertEquals(alertId, again.getJsonNumber("alertId").longValue());
        assertEquals(ref, again.getString("incidentReference"));
        assertEquals(incidents, count("incident"));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM alert_payload WHERE alert_id = " + alertId));

        // Resolved closes the alert, not the incident
        JsonObject resolved = accepted(send("azure-monitor", sample("monitor/metric-resolved.json"), MONITOR_KEY));
        assertFalse(resolved.getBoolean("duplicate"));
        assertEquals(alertId, resolved.getJsonNumber("alertId").longValue());
        assertEquals("RESOLVED", text("SELECT state FROM alert WHERE id = " + alertId));
        assertEquals("DETECTED", text("SELECT status FROM incident WHERE reference = '" + ref + "'"));
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM alert_payload WHERE alert_id = " + alertId));
        assertTrue(timeline(ref).contains("Alert resolved in Azure Monitor"), timeline(ref));
        assertTrue(accepted(send("azure-monitor", sample("monitor/metric-resolved.json"), MONITOR_KEY))
                .getBoolean("duplicate"));
    }

    @Test
    void defenderAlertsInEveryShapeAreClassifiedAndAnAlertOnTheSameEntityJoinsTheOpenIncident() throws Exception {
        JsonObject mining = accepted(send("defender", sample("defender/arm-alert.json"), DEFENDER_KEY));
        String miningRef = mining.getString("incidentReference");
        assertEquals("P1", text("SELECT severity FROM incident WHERE reference = '" + miningRef + "'"),
                "crypto-mining is one of the seed's P1 examples");
        assertEquals("CRYPTOMINER", text("SELECT category FROM incident WHERE reference = '" + miningRef + "'"));
        assertTrue(text("SELECT description FROM incident WHERE reference = '" + miningRef + "'")
                .contains("Remediation"), "remediation steps kept with the incident");

        JsonObject scored = accepted(send("defender", sample("defender/with-score.json"), DEFENDER_KEY));
        assertEquals("P1", text("SELECT severity FROM incident WHERE reference = '"
                + scored.getString("incidentReference") + "'"), "score 9 gives P1");
        assertEquals(9L, TestDatabase.number(DB, "SELECT defender_score FROM incident WHERE reference = '"
                + scored.getString("incidentReference") + "'"));

        JsonObject stringSteps = accepted(send("defender", sample("defender/activity-log-string-remediation.json"),
                DEFENDER_KEY));
        assertEquals("P3", text("SELECT severity FROM incident WHERE reference = '"
                + stringSteps.getString("incidentReference") + "'"), "Medium gives P3");

        JsonObject jump = accepted(send("defender", sample("defender/workflow-automation.json"), DEFENDER_KEY));
        String jumpRef = jump.getString("incidentReference");
        assertEquals("P2", text("SELECT severity FROM incident WHERE reference = '" + jumpRef + "'"));
        assertEquals(Set.of(miningRef, scored.getString("incidentReference"),
                stringSteps.getString("incidentReference"), jumpRef).size(), 4, "four unrelated incidents");

        // a second alert on VM-JUMP-01 twenty minutes later joins; the same alert in ARM shape is the same alert
        JsonObject second = Json.createReader(new StringReader(new String(sample("defender/workflow-automation.json"),
                StandardCharsets.UTF_8))).readObject();
        String secondBody = Json.createObjectBuilder(second)
                .add("SystemAlertId", "2516978000000000000_11111111-2222-4333-8444-555555555555")
                .add("AlertDisplayName", "Suspicious process executed")
                .add("TimeGeneratedUtc", "2026-11-27T04:11:02Z").build().toString();
        long incidents = count("incident");
        JsonObject joined = accepted(send("defender", secondBody.getBytes(StandardCharsets.UTF_8), DEFENDER_KEY));
        assertEquals(jumpRef, joined.getString("incidentReference"));
        assertFalse(joined.getBoolean("duplicate"));
        assertEquals(incidents, count("incident"));
        assertTrue(timeline(jumpRef).contains("Alert joined from Defender for Cloud (High): Suspicious process executed"),
                timeline(jumpRef));

        JsonObject resolved = accepted(send("defender", sample("defender/resolved.json"), DEFENDER_KEY));
        assertEquals(jump.getJsonNumber("alertId").longValue(), resolved.getJsonNumber("alertId").longValue());
        assertEquals("RESOLVED", text("SELECT state FROM alert WHERE id = " + jump.getJsonNumber("alertId")));
        assertEquals("DETECTED", text("SELECT status FROM incident WHERE reference = '" + jumpRef + "'"));
    }

    @Test
    void aSentinelIncidentIsCreatedOnceAndItsUpdatesChangeTheLinkedIncident() throws Exception {
        JsonObject created = accepted(send("sentinel", sample("sentinel/playbook-create.json"), SENTINEL_KEY));
        String ref = created.getString("incidentReference");
        assertEquals("P2", text("SELECT severity FROM incident WHERE reference = '" + ref + "'"));
        long incidents = count("incident");

        JsonObject active = accepted(send("sentinel", sample("sentinel/playbook-update.json"), SENTINEL_KEY));
        assertEquals(ref, active.getString("incidentReference"));
        assertFalse(active.getBoolean("duplicate"));
        assertEquals(incidents, count("incident"), "an update changes the incident, it does not create one");
        assertEquals("DECLARED", text("SELECT status FROM incident WHERE reference = '" + ref + "'"));
        assertEquals("sam", text("SELECT owner FROM incident WHERE reference = '" + ref + "'"),
                "the Sentinel owner's e-mail is sam's");
        assertTrue(timeline(ref).contains("Sentinel incident updated"), timeline(ref));

        accepted(send("sentinel", sample("sentinel/playbook-update-closed.json"), SENTINEL_KEY));
        assertEquals("FALSE_POSITIVE", text("SELECT status FROM incident WHERE reference = '" + ref + "'"));
        assertEquals("RESOLVED", text("SELECT state FROM alert WHERE id = " + created.getJsonNumber("alertId")));
        assertEquals(incidents, count("incident"));

        JsonObject bare = accepted(send("sentinel", sample("sentinel/incident-resource.json"), SENTINEL_KEY));
        assertNotEquals(ref, bare.getString("incidentReference"));
        assertEquals("P1", text("SELECT severity FROM incident WHERE reference = '"
                + bare.getString("incidentReference") + "'"), "data exfiltration is a seed P1 example");
    }

    // --- authentication -----------------------------------------------------------------------------------

    @Test
    void keysAreCheckedPerSourceAndAcceptedInTheUrl() throws Exception {
        byte[] body = sample("monitor/log-alert-v2-fired.json");
        assertEquals(401, send("azure-monitor", body, null).statusCode());
        assertEquals(401, send("azure-monitor", body, "atk_not-a-key-we-issued").statusCode());
        assertEquals(401, send("defender", sample("defender/arm-alert.json"), REVOKED_KEY).statusCode());
        assertEquals(401, send("defender", sample("defender/arm-alert.json"), EXPIRED_KEY).statusCode());
        HttpResponse<String> wrongSource = send("azure-monitor", body, DEFENDER_KEY);
        assertEquals(403, wrongSource.statusCode());
        assertTrue(wrongSource.body().contains("issued for Defender for Cloud"), wrongSource.body());
        HttpResponse<String> inUrl = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base + "api/intake/azure-monitor?key=" + MONITOR_KEY))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, inUrl.statusCode(), inUrl.body());
    }

    @Test
    void entraSecureWebhookTokensNeedTheRightSignatureAudienceAndRole() throws Exception {
        byte[] body = sample("monitor/activity-log-fired.json");
        Instant now = Instant.now();
        Instant later = now.plus(Duration.ofHours(1));
        assertEquals(202, bearer(body, ENTRA.token(EntraTokens.ISSUER, EntraTokens.AUDIENCE,
                Set.of(EntraTokens.ROLE), later)).statusCode());
        HttpResponse<String> noRole = bearer(body, ENTRA.token(EntraTokens.ISSUER, EntraTokens.AUDIENCE, Set.of(), later));
        assertEquals(403, noRole.statusCode(), noRole.body());
        assertEquals(401, bearer(body, ENTRA.token(EntraTokens.ISSUER, "api://someone-else",
                Set.of(EntraTokens.ROLE), later)).statusCode());
        assertEquals(401, bearer(body, ENTRA.token(EntraTokens.ISSUER, EntraTokens.AUDIENCE,
                Set.of(EntraTokens.ROLE), now.minus(Duration.ofHours(1)))).statusCode());
        assertEquals(401, bearer(body, new EntraTokens(ENTRA.kid()).token(EntraTokens.ISSUER, EntraTokens.AUDIENCE,
                Set.of(EntraTokens.ROLE), later)).statusCode(), "same kid, another key: bad signature");
        assertEquals("entra app " + EntraTokens.ACTION_GROUPS_APP_ID,
                text("SELECT caller FROM alert_payload WHERE caller LIKE 'entra%' LIMIT 1"));
    }

    // --- answers ----------------------------------------------------------------------------------------------

    @Test
    void answersSayWhatIsWrongInTermsAzureRetriesOn() throws Exception {
        long before = count("alert");
        HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/intake/defender"))
                .header("Content-Type", "text/plain").header("X-Intake-Key", DEFENDER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, text.statusCode());
        byte[] huge = ("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(413, send("defender", huge, DEFENDER_KEY).statusCode());
        HttpResponse<String> missing = send("azure-monitor", ("{\"schemaId\":\"azureMonitorCommonAlertSchema\","
                + "\"data\":{\"essentials\":{\"severity\":\"Sev1\",\"monitorCondition\":\"Fired\","
                + "\"alertRule\":\"x\",\"firedDateTime\":\"2026-11-20T10:00:00Z\"}}}").getBytes(StandardCharsets.UTF_8),
                MONITOR_KEY);
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("data.essentials.alertId"), missing.body());
        assertEquals(400, send("defender", "{not json".getBytes(StandardCharsets.UTF_8), DEFENDER_KEY).statusCode());
        assertEquals(404, send("splunk", "{}".getBytes(StandardCharsets.UTF_8), DEFENDER_KEY).statusCode());
        assertEquals(before, count("alert"));
    }

    @Test
    void fuzzedPayloadsAreAllRefusedWithA4xxAndWriteNothing() throws Exception {
        long alerts = count("alert");
        long payloads = count("alert_payload");
        long incidents = count("incident");
        List<PayloadMutations.Mutation> corpus = PayloadMutations.corpus(20261128L);
        assertTrue(corpus.size() >= 200, "corpus of " + corpus.size());
        for (PayloadMutations.Mutation m : corpus) {
            String key = switch (m.source()) {
                case AZURE_MONITOR -> MONITOR_KEY;
                case SENTINEL -> SENTINEL_KEY;
                default -> DEFENDER_KEY;
            };
            HttpResponse<String> r;
            try {
                r = send(path(m.source()), m.body(), key);
            } catch (java.io.IOException e) {
                throw new AssertionError(m.name() + ": " + e, e);
            }
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, m.name() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
        assertEquals(alerts, count("alert"));
        assertEquals(payloads, count("alert_payload"));
        assertEquals(incidents, count("incident"));
    }

    // --- on-call ------------------------------------------------------------------------------------------

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
        waitUntil(() -> TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE state = 'SENT'"
                + " AND incident_id = " + incident) == 2, "both channels delivered");
        assertEquals(2L, TestDatabase.number(DB, "SELECT attempts FROM notification WHERE channel = 'PAGERDUTY'"
                + " AND incident_id = " + incident), "PagerDuty answered 500 once, then 202");
        assertEquals("RETRY", text("SELECT a.outcome FROM notification_attempt a JOIN notification n"
                + " ON n.id = a.notification_id WHERE n.channel = 'PAGERDUTY' AND n.incident_id = " + incident
                + " ORDER BY a.id LIMIT 1"));
        assertEquals(1L, TestDatabase.number(DB, "SELECT count(*) FROM timeline_entry WHERE milestone ="
                + " 'ON_CALL_NOTIFIED' AND incident_id = " + incident), "stamped once, by the first success");
        FAKE.verify(postRequestedFor(urlEqualTo("/teams")).withRequestBody(containing(ref)));
        waitUntil(() -> TestDatabase.number(DB, "SELECT count(*) FROM notification_attempt a JOIN notification n"
                + " ON n.id = a.notification_id WHERE n.channel = 'EMAIL' AND n.incident_id = " + incident) > 0,
                "an e-mail attempt recorded");
        assertTrue(text("SELECT last_error FROM notification WHERE channel = 'EMAIL' AND incident_id = " + incident)
                .contains("Microsoft Graph"), "the real Graph client ran inside the portal; its failure is shown");
        FAKE.verify(postRequestedFor(urlEqualTo("/pagerduty"))
                .withRequestBody(matchingJsonPath("$.event_action", containing("trigger")))
                .withRequestBody(matchingJsonPath("$.dedup_key", containing(ref))));

        long version = TestDatabase.number(DB, "SELECT version FROM incident WHERE reference = '" + ref + "'");
        HttpResponse<String> closed = PortalClient.post(base, "api/incidents/" + ref + "/close", "rita", PASSWORD,
                "{\"version\":" + version + ",\"kind\":\"FALSE_POSITIVE\",\"reason\":\"Drill\"}");
        assertEquals(200, closed.statusCode(), closed.body());
        waitUntil(() -> TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE action = 'RESOLVE'"
                + " AND state = 'SENT' AND incident_id = " + incident) == 1, "PagerDuty page resolved");
        FAKE.verify(postRequestedFor(urlEqualTo("/pagerduty"))
                .withRequestBody(matchingJsonPath("$.event_action", containing("resolve")))
                .withRequestBody(matchingJsonPath("$.dedup_key", containing(ref))));
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
        waitUntil(() -> TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE action = 'TRIGGER'"
                + " AND state = 'SENT' AND incident_id = " + incident) == 2, "Teams and PagerDuty paged");
    }

    @Test
    void aP4DoesNotPageAnyone() throws Exception {
        String ref = accepted(send("azure-monitor", sample("monitor/log-alert-v2-fired.json").length > 0
                ? lowSeverity() : null, MONITOR_KEY)).getString("incidentReference");
        Thread.sleep(1500);
        assertEquals(0L, TestDatabase.number(DB, "SELECT count(*) FROM notification n JOIN incident i"
                + " ON i.id = n.incident_id WHERE i.reference = '" + ref + "'"));
    }

    // --- roles and downloads --------------------------------------------------------------------------

    @Test
    void onlyTheLeadReachesIntakeSettingsAndEveryoneSignedInReadsPayloadsVerbatim() throws Exception {
        for (String user : new String[]{"rita", "ann"}) {
            try (PortalClient client = PortalClient.signedIn(base, user, PASSWORD)) {
                assertEquals(403, client.raw("admin/intake.xhtml").getStatusCode(), user);
                assertEquals(403, client.raw("admin/oncall.xhtml").getStatusCode(), user);
            }
        }
        byte[] body = sample("monitor/activity-log-fired.json");
        JsonObject receipt = accepted(send("azure-monitor", body, MONITOR_KEY));
        long payload = TestDatabase.number(DB, "SELECT min(id) FROM alert_payload WHERE alert_id = "
                + receipt.getJsonNumber("alertId"));
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/alert-payloads/"
                        + payload)).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("ann:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(body, download.body(), "byte for byte");
        assertEquals(Sha256.hex(body), download.headers().firstValue("X-Content-SHA256").orElse(null));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/alert-payloads/" + payload)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static byte[] lowSeverity() throws IOException {
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

    static byte[] sample(String name) throws IOException {
        try (InputStream in = IntakeIT.class.getResourceAsStream("/intake/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        }
    }

    private static String path(Source source) {
        return switch (source) {
            case AZURE_MONITOR -> "azure-monitor";
            case SENTINEL -> "sentinel";
            default -> "defender";
        };
    }

    private HttpResponse<String> send(String source, byte[] body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/intake/" + source))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("X-Intake-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> bearer(byte[] body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/intake/azure-monitor"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject accepted(HttpResponse<String> response) {
        assertEquals(202, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static long count(String table) {
        return TestDatabase.number(DB, "SELECT count(*) FROM " + table);
    }

    private static String timeline(String ref) {
        return String.join("\n", texts("SELECT t.text FROM timeline_entry t JOIN incident i ON i.id = t.incident_id"
                + " WHERE i.reference = '" + ref + "' ORDER BY t.id"));
    }

    static String text(String query) {
        List<String> all = texts(query);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<String> texts(String query) {
        try (Connection c = TestDatabase.connect(DB); ResultSet rs = c.createStatement().executeQuery(query)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static Instant instant(String query) {
        try (Connection c = TestDatabase.connect(DB); ResultSet rs = c.createStatement().executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(200);
        }
    }
}
