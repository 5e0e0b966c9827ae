package com.attest.detection;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeAzureStubs;
import com.attest.testing.IntakeSettings;
import com.attest.testing.PipelineFixtures;
import com.attest.testing.PipelineFixtures.Variant;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.attest.testing.Wait;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
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
 * The pipeline proven end to end through the real intake: the lead sends a test alert, the fake Azure really POSTs a
 * common-schema test alert to the portal's intake as the action group's webhook would, and the proof is verified with
 * the delivery and the seconds it took; when the fake drops the notification, no delivery within the deadline fails
 * the proof and pages the on-call as a P2 would. Only the lead sends one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DetectionProofIT {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.detectionproof";
    private static final String MONITOR_KEY = "atk_dpmonitor-key-for-tests-0000000000000000000";
    private static IntakeSettings before;

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void arrange() {
        FakeAzure azure = SharedPortal.azure().reset();
        FakeAzureStubs.detectionPipeline(azure.server, Variant.HEALTHY);
        SharedPortal.onCall().reset();
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('AZURE_MONITOR', 'detection proof', '" + MONITOR_KEY.substring(0, 10) + "', '"
                + Sha256.hex(MONITOR_KEY) + "', " + TestClock.sql() + ", 'admin')");
        before = IntakeSettings.read(SharedPortal.url());
        new IntakeSettings(before.correlationWindowMinutes(), "P2", before.emailRecipients()).apply(SharedPortal.url());
    }

    @AfterAll
    static void putBack() {
        before.apply(SharedPortal.url());
    }

    @Test
    void aTestAlertThroughTheRealIntakeProvesThePipelineEndToEnd() {
        FakeAzure azure = SharedPortal.azure();
        azure.server.resetRequests();
        FakeAzureStubs.testNotifications(azure.server, base + "api/intake/azure-monitor?key=" + MONITOR_KEY, false);
        String body = "{\"subscription\":\"" + FakeAzure.SUBSCRIPTION + "\"}";
        assertEquals(403, PortalClient.post(base, "api/detection/proofs", RITA, PASSWORD, body).statusCode());

        JsonObject sent = send(body);
        assertEquals("WAITING", sent.getString("state"), sent.toString());
        assertFalse(sent.getString("request").contains("key="), "the intake key is not kept: " + sent);
        JsonObject proof = Wait.until("the test alert verified", Duration.ofSeconds(40), () -> proof(sent),
                p -> !p.getString("state").equals("WAITING"));
        assertEquals("VERIFIED", proof.getString("state"), proof.toString());
        assertTrue(proof.getString("outcome").startsWith("Pipeline verified end to end at "), proof.toString());
        long delivery = proof.getJsonNumber("deliveryId").longValue();
        assertEquals("AZURE_MONITOR", TestDatabase.texts(DB, "SELECT source FROM intake_delivery WHERE id = "
                + delivery).get(0));

        // what Azure was asked: the action group's own webhook receiver, common alert schema on
        List<LoggedRequest> asked = azure.server.findAll(WireMock.postRequestedFor(WireMock.urlPathMatching(
                ".*/actionGroups/" + PipelineFixtures.ACTION_GROUP + "/createNotifications")));
        assertEquals(1, asked.size());
        assertEquals("2023-01-01", asked.get(0).queryParameter("api-version").firstValue());
        JsonObject request = TestJson.read(asked.get(0).getBodyAsString());
        JsonObject receiver = request.getJsonArray("webhookReceivers").getJsonObject(0);
        assertEquals("attest-intake", receiver.getString("name"));
        assertTrue(receiver.getBoolean("useCommonAlertSchema"));
        assertEquals(FakeAzureStubs.INTAKE_URL + "?key=fake-intake-key", receiver.getString("serviceUri"));
        long id = sent.getJsonNumber("id").longValue();
        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode(), "registered now, as the lead can, rather than waited for from the minute's sweep");
        Wait.until("the proof registered", Duration.ofSeconds(90), () -> TestDatabase.number(DB, "SELECT count(*)"
                + " FROM evidence_item WHERE source = 'detection_proof' AND type_code = 'DETECTION_PIPELINE'"
                + " AND source_id = " + id) == 1);

        // its evidence as registered, byte for byte, and as an audit-period pack of the day carries it
        HttpResponse<String> evidence = PortalClient.api(base, "api/detection/proofs/" + id + "/evidence.json",
                "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, evidence.statusCode());
        assertEquals(proof.getString("sha256"), Sha256.hex(evidence.body()));
        assertEquals(403, PortalClient.api(base, "api/detection/proofs/" + id + "/evidence.json", RITA, PASSWORD)
                .statusCode());
        String path = "detection/prod/proof-" + id + "-verified.json";
        java.util.Map<String, String> packed = new java.util.HashMap<>();
        try (java.sql.Connection c = TestDatabase.connect(DB)) {
            new com.attest.pack.JdbcPackSource(c, () -> null, pir -> new byte[0]).withProofs(p -> PortalClient.api(
                    base, "api/detection/proofs/" + p + "/evidence.json", "admin", Deployments.ADMIN_PASSWORD).body()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).artefacts(new com.attest.pack.PackScope(
                    TestClock.today(), TestClock.today(), java.time.ZoneOffset.UTC, null), artefact -> {
                        if (artefact.path().equals(path)) {
                            try (var in = artefact.open()) {
                                packed.put(path, Sha256.hex(in.readAllBytes()));
                            }
                        }
                        return true;
                    });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(proof.getString("sha256"), packed.get(path), packed.toString());
    }

    @Test
    void aDroppedNotificationIsNoDeliveryAndPagesTheOnCall() {
        FakeAzure azure = SharedPortal.azure();
        FakeAzureStubs.testNotifications(azure.server, base + "api/intake/azure-monitor?key=" + MONITOR_KEY, true);
        JsonObject sent = send("{\"subscription\":\"" + FakeAzure.SUBSCRIPTION + "\"}");
        JsonObject proof = Wait.until("the proof given up", Duration.ofSeconds(45), () -> proof(sent),
                p -> !p.getString("state").equals("WAITING"));
        assertEquals("NO_DELIVERY", proof.getString("state"), proof.toString());
        assertEquals("No delivery within 12 seconds: the test alert sent through action group ag-security-oncall"
                + " never reached this portal's intake.", proof.getString("outcome"));
        Wait.until("the on-call paged", Duration.ofSeconds(30), () -> SharedPortal.onCall().server.findAll(
                WireMock.postRequestedFor(WireMock.urlPathEqualTo("/teams"))).stream().anyMatch(r ->
                r.getBodyAsString().contains("Detection pipeline of prod not proven end to end")));
        assertTrue(TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE purpose = 'detection-pipeline'"
                + " AND incident_id IS NULL AND action = 'TRIGGER'") >= 1);
    }

    private JsonObject send(String body) {
        HttpResponse<String> r = PortalClient.post(base, "api/detection/proofs", "admin", Deployments.ADMIN_PASSWORD,
                body);
        assertEquals(200, r.statusCode(), r.body());
        return TestJson.read(r.body());
    }

    private JsonObject proof(JsonObject sent) {
        return TestJson.read(PortalClient.api(base, "api/detection/proofs/" + sent.getJsonNumber("id").longValue(),
                "admin", Deployments.ADMIN_PASSWORD).body());
    }
}
