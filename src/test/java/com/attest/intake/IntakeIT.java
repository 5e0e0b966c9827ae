package com.attest.intake;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.incident.Source;
import com.attest.intake.EntraTokens;
import com.attest.intake.PayloadMutations;
import com.attest.testing.Accounts;
import com.attest.testing.AlertSamples;
import com.attest.testing.IntakeDeliveries;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alert intake end to end: the real WAR and database, the sample payloads of every shape, intake keys and Entra ID
 * tokens, idempotency and correlation, the answers Azure's retry logic relies on, a fuzz corpus. (Paging the on-call
 * person is {@code OnCallIT}'s.) The samples keep their alert ids: they are this class's alone on the shared portal.
 * A test counts incidents and alerts before and after what it sends; nothing else on the portal makes either while it
 * runs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntakeIT {

    private static final String DB = SharedPortal.DB;
    static final String MONITOR_KEY = "atk_monitor-key-for-tests-000000000000000000000";
    static final String DEFENDER_KEY = "atk_defender-key-for-tests-00000000000000000000";
    static final String SENTINEL_KEY = "atk_sentinel-key-for-tests-00000000000000000000";
    private static final String REVOKED_KEY = "atk_revoked-key-for-tests-000000000000000000000";
    private static final String EXPIRED_KEY = "atk_expired-key-for-tests-000000000000000000000";
    private static final String RITA = "rita.intake";
    private static final String SAM = "sam.intake";
    private static final String ANN = "ann.intake";
    private static final String LINDA = "linda.intake";

    private static final EntraTokens ENTRA = SharedPortal.entra();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void keysAndPeople() {
        String now = TestClock.sql();
        key(Source.AZURE_MONITOR, MONITOR_KEY, "NULL", "NULL");
        key(Source.DEFENDER, DEFENDER_KEY, "NULL", "NULL");
        key(Source.SENTINEL, SENTINEL_KEY, "NULL", "NULL");
        key(Source.DEFENDER, REVOKED_KEY, "NULL", now);
        key(Source.DEFENDER, EXPIRED_KEY, now + " - interval '1 minute'", "NULL");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        // the Sentinel samples name their owner by this address
        TestDatabase.execute(DB, "UPDATE app_user SET email = 'soc.analyst@contoso.com' WHERE username = '" + SAM + "'");
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
        Accounts.create(DB, LINDA, PASSWORD, null, "COMPLIANCE_LEAD");
    }

    private static void key(Source source, String secret, String expires, String revoked) {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by,"
                + " expires_at, revoked_at) VALUES ('" + source + "', 'test " + source + "', '"
                + secret.substring(0, 10) + "', '" + Sha256.hex(secret) + "', " + TestClock.sql() + ", 'admin', "
                + expires + ", "
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
                "crypto-mining is one of the policy's P1 examples");
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
        assertEquals(SAM, text("SELECT owner FROM incident WHERE reference = '" + ref + "'"),
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

    // --- every valid Azure shape -------------------------------------------------------------------------

    @Test
    void costServiceHealthAndResourceHealthNotificationsAreKeptAsAlertsWithoutIncidents() throws Exception {
        long incidents = count("incident");
        long pages = count("notification");
        for (String file : List.of("monitor/cost-budget-actual.json", "monitor/service-health.json",
                "monitor/resource-health.json")) {
            byte[] body = sample(file);
            JsonObject done = accepted(send("azure-monitor", body, MONITOR_KEY));
            assertEquals("processed", done.getString("status"), file + ": " + done);
            assertFalse(done.containsKey("incidentReference"), file + ": " + done);
            assertFalse(done.getBoolean("openedIncident"), file);
            long alertId = done.getJsonNumber("alertId").longValue();
            assertEquals(0, TestDatabase.number(DB, "SELECT count(incident_id) FROM alert WHERE id = " + alertId));
            assertEquals(Sha256.hex(body), text("SELECT sha256 FROM alert_payload WHERE alert_id = " + alertId),
                    "the payload is kept as evidence all the same");
            assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action = 'alert.kept'"
                    + " AND entity_type = 'Alert' AND entity_id = '" + alertId + "'"), file);
            JsonObject again = accepted(send("azure-monitor", body, MONITOR_KEY));
            assertTrue(again.getBoolean("duplicate"), file);
        }
        assertEquals(incidents, count("incident"), "none of them opened an incident");
        assertEquals(pages, count("notification"), "nobody was paged");

        String budget = "/subscriptions/00000000-1111-2222-3333-444444444444/providers/Microsoft.CostManagement/alerts/"
                + "budget-prod-monthly-actual-100";
        assertEquals("Budget budget-prod-monthly", text("SELECT title FROM alert WHERE external_id = '" + budget + "'"),
                "no alert rule: the budget names it");
        assertEquals("", text("SELECT severity_label FROM alert WHERE external_id = '" + budget + "'"));
        assertTrue(text("SELECT classification_reason FROM alert WHERE external_id = '" + budget + "'")
                .contains("rule 'Cost and budget alerts'"));
        assertEquals(Instant.parse("2026-11-27T11:42:18.062317Z"), instant("SELECT fired_at FROM alert"
                + " WHERE title = 'Service issues in West Europe'"), "a time without an offset is UTC");
        assertTrue(text("SELECT classification_reason FROM alert WHERE title = 'VM availability changed'")
                .contains("rule 'Resource health'"));

        // the lead finds them on the intake page, each linking to its verbatim payload
        try (PortalClient lead = PortalClient.signedIn(base, LINDA, PASSWORD)) {
            String page = lead.page("admin/intake.xhtml").asNormalizedText();
            assertTrue(page.contains("Budget budget-prod-monthly") && page.contains("Service issues in West Europe")
                    && page.contains("rule 'Service health'"), page);
        }
    }

    @Test
    void aCommonSchemaAlertWithoutRuleSeverityOrConditionIsAcceptedAndClassifiedByRule() throws Exception {
        byte[] body = new String(sample("monitor/cost-budget-actual.json"), StandardCharsets.UTF_8)
                .replace("\"CostAlerts\"", "\"Platform\"").replace("budget-prod-monthly-actual-100", "platform-null-1")
                .getBytes(StandardCharsets.UTF_8);
        JsonObject done = accepted(send("azure-monitor", body, MONITOR_KEY));
        String ref = done.getString("incidentReference");
        assertEquals("P3", text("SELECT severity FROM incident WHERE reference = '" + ref + "'"));
        assertTrue(text("SELECT severity_reason FROM incident WHERE reference = '" + ref + "'")
                .contains("no severity given: P3 until classified"),
                text("SELECT severity_reason FROM incident WHERE reference = '" + ref + "'"));
        assertEquals("Budget budget-prod-monthly", text("SELECT title FROM incident WHERE reference = '" + ref + "'"));
        assertEquals("DETECTED", text("SELECT status FROM incident WHERE reference = '" + ref + "'"), "counted as fired");
    }

    @Test
    void aSentinelIncidentFirstSeenClosedIsRecordedClosedAsSentinelClassifiedIt() throws Exception {
        JsonObject falsePositive = accepted(send("sentinel", sample("sentinel/playbook-update-closed-first-seen.json"),
                SENTINEL_KEY));
        String fp = falsePositive.getString("incidentReference");
        assertEquals("FALSE_POSITIVE", text("SELECT status FROM incident WHERE reference = '" + fp + "'"));
        assertEquals("FALSE_POSITIVE", text("SELECT classification FROM incident WHERE reference = '" + fp + "'"));
        assertEquals(Instant.parse("2026-11-26T23:05:31.908765Z"),
                instant("SELECT detected_at FROM incident WHERE reference = '" + fp + "'"), "created in Sentinel");
        assertEquals(Instant.parse("2026-11-27T09:30:05.443322Z"),
                instant("SELECT closed_at FROM incident WHERE reference = '" + fp + "'"), "closed in Sentinel");
        assertTrue(timeline(fp).contains("Closed in Microsoft Sentinel as FalsePositive before the portal received it"),
                timeline(fp));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM notification n JOIN incident i"
                + " ON i.id = n.incident_id WHERE i.reference = '" + fp + "'"), "nobody is paged for it");

        JsonObject truePositive = accepted(send("sentinel",
                sample("sentinel/playbook-update-closed-true-positive.json"), SENTINEL_KEY));
        String tp = truePositive.getString("incidentReference");
        assertNotEquals(fp, tp, "closed incidents are never joined");
        assertEquals("CLOSED", text("SELECT status FROM incident WHERE reference = '" + tp + "'"));
        assertEquals("TRUE_POSITIVE", text("SELECT classification FROM incident WHERE reference = '" + tp + "'"));
        assertEquals(Instant.parse("2026-11-27T09:30:05.443322Z"),
                instant("SELECT closed_at FROM incident WHERE reference = '" + tp + "'"));
        assertTrue(timeline(tp).contains("its response steps are recorded there, not here"), timeline(tp));
    }

    // --- authentication -----------------------------------------------------------------------------------

    @Test
    void deliveriesRefusedBeforeTheCallerIsKnownAreCountedButNotKept() throws Exception {
        try (PortalClient lead = PortalClient.signedIn(base, LINDA, PASSWORD)) {
            lead.page("admin/intake.xhtml"); // adds what this node counted so far
            long unknownKey = refusals(Source.DEFENDER, 401);
            long otherSource = refusals(Source.AZURE_MONITOR, 403);
            long kept = count("intake_delivery");
            for (int i = 0; i < 3; i++) {
                assertEquals(401, send("defender", sample("defender/arm-alert.json"), "atk_not-a-key-we-issued")
                        .statusCode());
            }
            assertEquals(403, send("azure-monitor", sample("monitor/metric-fired.json"), DEFENDER_KEY).statusCode());
            assertEquals(kept, count("intake_delivery"), "nothing of them is kept");

            String page = lead.page("admin/intake.xhtml").asNormalizedText();
            assertEquals(unknownKey + 3, refusals(Source.DEFENDER, 401));
            assertEquals(otherSource + 1, refusals(Source.AZURE_MONITOR, 403));
            assertTrue(page.contains("401 — no valid key or token") && page.contains("403 — a key or token of another"
                    + " source"), page);
        }
    }

    private static long refusals(Source source, int status) {
        return TestDatabase.number(DB, "SELECT coalesce(sum(count), 0) FROM intake_refusal_count WHERE source = '"
                + source + "' AND status = " + status);
    }

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
        Instant now = TestClock.now();
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

    // --- accepted, then processed -----------------------------------------------------------------------------

    @Test
    void aDeliveryIsAnswered202WhenKeptAndItsStatusSaysWhatBecameOfIt() throws Exception {
        JsonObject alert = Json.createReader(new StringReader(new String(sample("monitor/metric-fired.json"),
                StandardCharsets.UTF_8))).readObject();
        String id = "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.AlertsManagement/alerts/"
                + "0a0b0c0d-1111-4222-8333-acceptedfirst";
        JsonObject essentials = Json.createObjectBuilder(alert.getJsonObject("data").getJsonObject("essentials"))
                .add("alertId", id).add("alertTargetIDs", Json.createArrayBuilder().add("/subscriptions/11111111-2222-"
                        + "3333-4444-555555555555/resourcegroups/rg-accept/providers/microsoft.compute/"
                        + "virtualmachines/vm-accepted-01"))
                .add("configurationItems", Json.createArrayBuilder().add("vm-accepted-01")).build();
        byte[] fired = Json.createObjectBuilder(alert).add("data", Json.createObjectBuilder(alert.getJsonObject("data"))
                .add("essentials", essentials)).build().toString().getBytes(StandardCharsets.UTF_8);
        byte[] resolved = Json.createObjectBuilder(alert).add("data", Json.createObjectBuilder(alert
                .getJsonObject("data")).add("essentials", Json.createObjectBuilder(essentials)
                .add("monitorCondition", "Resolved").add("resolvedDateTime", "2026-11-27T21:44:03Z")))
                .build().toString().getBytes(StandardCharsets.UTF_8);

        // the Resolved right behind its Fired, before either is processed: processed in the order they came
        HttpResponse<String> first = post("azure-monitor", fired, MONITOR_KEY);
        HttpResponse<String> second = post("azure-monitor", resolved, MONITOR_KEY);
        JsonObject accepted = accepted(first);
        long delivery = accepted.getJsonNumber("deliveryId").longValue();
        URI status = URI.create(accepted.getString("statusUrl"));
        assertEquals(status.toString(), first.headers().firstValue("Location").orElse(null));
        // past the container's authentication step at once, yet with the portal's headers, and no session
        assertEquals("nosniff", first.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(first.headers().firstValue("Content-Security-Policy").isPresent());
        assertTrue(first.headers().allValues("Set-Cookie").isEmpty(), first.headers().toString());
        assertTrue(status.getPath().endsWith("/api/intake/deliveries/" + delivery), status.toString());
        assertArrayEquals(fired, bytes("SELECT body FROM intake_delivery WHERE id = " + delivery), "kept verbatim");
        assertEquals(Sha256.hex(fired), text("SELECT sha256 FROM intake_delivery WHERE id = " + delivery));

        JsonObject done = accepted(IntakeDeliveries.settled(HTTP, second, MONITOR_KEY));
        JsonObject firstDone = Json.createReader(new StringReader(IntakeDeliveries.get(HTTP, status, "X-Intake-Key",
                MONITOR_KEY))).readObject();
        assertEquals("processed", firstDone.getString("status"));
        assertEquals("processed", done.getString("status"));
        assertFalse(firstDone.getBoolean("duplicate"));
        assertEquals(firstDone.getJsonNumber("alertId"), done.getJsonNumber("alertId"), "one alert");
        assertEquals(firstDone.getString("incidentReference"), done.getString("incidentReference"));
        assertEquals("RESOLVED", text("SELECT state FROM alert WHERE id = " + done.getJsonNumber("alertId")),
                "the Resolved did not overtake its Fired");
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM alert_payload WHERE alert_id = "
                + done.getJsonNumber("alertId")));

        // the status is its sender's: another source's key, no key, and an unknown delivery learn nothing
        HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(status).header("X-Intake-Key", DEFENDER_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, foreign.statusCode(), foreign.body());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        URI unknown = URI.create(base + "api/intake/deliveries/987654321987");
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(unknown).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode(), "no key: the same answer whether it exists or not");
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(unknown).header("X-Intake-Key", MONITOR_KEY).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void anAuthenticatedDeliveryThatCannotBeReadIsRefusedAndKeptAnUnauthenticatedOneIsNot() throws Exception {
        byte[] unknownShape = "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertRule\":\"kept-when-refused\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        long kept = count("intake_delivery");
        HttpResponse<String> refused = post("azure-monitor", unknownShape, MONITOR_KEY);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("data.essentials.alertId"), refused.body());
        assertEquals(kept + 1, count("intake_delivery"));
        assertEquals("UNDELIVERABLE", text("SELECT state FROM intake_delivery WHERE sha256 = '"
                + Sha256.hex(unknownShape) + "'"));
        assertTrue(text("SELECT refusal FROM intake_delivery WHERE sha256 = '" + Sha256.hex(unknownShape) + "'")
                .contains("data.essentials.alertId"));
        assertArrayEquals(unknownShape, bytes("SELECT body FROM intake_delivery WHERE sha256 = '"
                + Sha256.hex(unknownShape) + "'"));

        byte[] anonymous = "{\"anonymous\":true}".getBytes(StandardCharsets.UTF_8);
        assertEquals(401, post("azure-monitor", anonymous, null).statusCode());
        assertEquals(401, post("azure-monitor", anonymous, "atk_not-a-key-we-issued").statusCode());
        assertEquals(kept + 1, count("intake_delivery"), "nothing kept of an unauthenticated delivery");
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
        HttpResponse<String> splunk = send("splunk", "{}".getBytes(StandardCharsets.UTF_8), DEFENDER_KEY);
        assertEquals(404, splunk.statusCode());
        assertTrue(splunk.body().contains("\"field\":\"source\"") && splunk.body().contains("azure-monitor"),
                splunk.body());
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/intake/defender"))
                .header("X-Intake-Key", DEFENDER_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, read.statusCode(), "an intake takes deliveries, nothing else");
        assertTrue(read.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), read.body());
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

    // --- roles and downloads --------------------------------------------------------------------------

    @Test
    void onlyTheLeadReachesIntakeSettingsAndEveryoneSignedInReadsPayloadsVerbatim() throws Exception {
        for (String user : new String[]{RITA, ANN}) {
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
                        .encodeToString((ANN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
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

    static byte[] sample(String name) {
        return AlertSamples.read(name);
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
        return IntakeDeliveries.settled(HTTP, HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()), key);
    }

    /** Posts without waiting for processing: the 202 as intake gave it. */
    private HttpResponse<String> post(String source, byte[] body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/intake/" + source))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("X-Intake-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String query) {
        try (Connection c = TestDatabase.connect(DB); ResultSet rs = c.createStatement().executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getBytes(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private HttpResponse<String> bearer(byte[] body, String token) throws Exception {
        return IntakeDeliveries.settled(HTTP, HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "api/intake/azure-monitor")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString()), "Authorization", "Bearer " + token);
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
}
