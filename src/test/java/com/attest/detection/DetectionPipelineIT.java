package com.attest.detection;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeAzureStubs;
import com.attest.testing.PipelineFixtures.Variant;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.attest.testing.Wait;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
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
 * The detection pipeline checked against the fake Resource Manager: a healthy pipeline passes and is registered as
 * evidence with what Azure returned, verbatim; each broken variant (action group disabled, route to a Logic App that
 * no longer exists, webhook pointing elsewhere) and a refusal by Azure gives its sentence and a failing CC7.3 gap,
 * which a passing check takes away; only the lead checks, auditors read within their period.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DetectionPipelineIT {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.detection";
    private static final String ANN = "ann.detection";
    private static final String OLD_AUDITOR = "otto.detection";
    private static final String SUB = FakeAzure.SUBSCRIPTION;

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
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, null);
        Accounts.auditor(DB, OLD_AUDITOR, PASSWORD, null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
    }

    /** The shared portal is left with a passing pipeline, as the other classes expect Azure to be. */
    @AfterAll
    static void putBack() {
        FakeAzureStubs.detectionPipeline(SharedPortal.azure().server, Variant.HEALTHY);
        PortalClient.post(SharedPortal.url(), "api/detection/checks", "admin", Deployments.ADMIN_PASSWORD,
                "{\"subscription\":\"" + SUB + "\"}");
    }

    @Test
    void aHealthyPipelinePassesAndIsKeptVerbatimAsEvidence() {
        JsonObject check = check();
        assertEquals("PASS", check.getString("verdict"), check.toString());
        List<String> sentences = sentences(check, "PASS");
        assertEquals(5, sentences.size(), sentences.toString());
        assertTrue(sentences.get(0).startsWith("Action group ag-security-oncall is enabled, posts to this portal"),
                sentences.get(0));
        assertTrue(sentences.contains("Workflow automation route-high-alerts routes High alerts to"
                + " logic-defender-route."), sentences.toString());
        long id = check.getJsonNumber("id").longValue();

        // verbatim: the bytes kept hash to the SHA-256, and hold Azure's answers as they came
        assertEquals(check.getString("sha256"), TestDatabase.texts(DB, "SELECT encode(sha256(convert_to(arm_json,"
                + " 'UTF8')), 'hex') FROM detection_check WHERE id = " + id).get(0));
        HttpResponse<String> arm = PortalClient.api(base, "api/detection/checks/" + id + "/arm.json", "admin",
                Deployments.ADMIN_PASSWORD);
        assertEquals(200, arm.statusCode());
        JsonObject kept = TestJson.read(arm.body());
        assertEquals(List.of("actionGroups", "automations", "workflows", "automationRules", "runs", "runs"),
                kept.getJsonArray("answers").stream().map(a -> a.asJsonObject().getString("what")).toList());
        assertTrue(kept.getJsonArray("answers").getJsonObject(0).getString("url").startsWith(
                "https://management.azure.com/subscriptions/" + SUB + "/providers/Microsoft.Insights/actionGroups"
                        + "?api-version=2023-01-01"), arm.body());
        TestDatabase.assertRefused(DB, "UPDATE detection_check SET verdict = 'FAIL' WHERE id = " + id);

        // registered under its row of the evidence table, with the same SHA-256, and in the audit trail (the
        // registration run now, as the lead can, rather than waited for from the minute's sweep)
        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        String registered = Wait.until("the check registered", Duration.ofSeconds(90), () -> TestDatabase.texts(DB,
                "SELECT type_code || ' ' || sha256 FROM evidence_item WHERE source = 'detection_check' AND source_id"
                        + " = " + id), l -> !l.isEmpty()).get(0);
        assertEquals("DETECTION_PIPELINE " + check.getString("sha256"), registered);
        assertEquals("CC7.3 1", TestDatabase.texts(DB, "SELECT controls || ' ' || retention_years FROM evidence_type"
                + " WHERE code = 'DETECTION_PIPELINE'").get(0));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action = 'detection.checked'"
                + " AND entity_id = '" + id + "' AND actor = 'admin'"));
        assertNull(gap());
    }

    @Test
    void eachBrokenVariantFailsInItsOwnWordsAndIsACc73GapUntilItPasses() {
        FakeAzure azure = SharedPortal.azure();
        try {
            FakeAzureStubs.detectionPipeline(azure.server, Variant.ACTION_GROUP_DISABLED);
            assertEquals(List.of("Action group ag-security-oncall is disabled."), sentences(failing(), "FAIL"));
            JsonObject gap = gap();
            assertEquals("FAILING", gap.getString("severity"), gap.toString());
            assertEquals("The detection pipeline of 1 subscription fails its latest check or could not be read:"
                    + " Action group ag-security-oncall is disabled.", gap.getString("sentence"));

            FakeAzureStubs.detectionPipeline(azure.server, Variant.LOGIC_APP_MISSING);
            assertEquals(List.of("The automation routes High alerts to a Logic App that no longer exists"
                    + " (logic-defender-route-old)."), sentences(failing(), "FAIL"));

            FakeAzureStubs.detectionPipeline(azure.server, Variant.WEBHOOK_ELSEWHERE);
            assertEquals(List.of("Action group ag-security-oncall posts elsewhere (attest-intake →"
                    + " old-portal.example.net), not to this portal's intake."), sentences(failing(), "FAIL"));
            assertTrue(gap().getString("sentence").contains("old-portal.example.net"));

            // Azure refuses: "could not be read", in Azure's words, never a pass
            FakeAzureStubs.actionGroupsRefused(azure.server);
            JsonObject refused = check();
            assertEquals("UNREADABLE", refused.getString("verdict"));
            String sentence = sentences(refused, "UNREADABLE").get(0);
            assertTrue(sentence.startsWith("Action group ag-security-oncall could not be read: Listing the action"
                    + " groups of subscription " + SUB) && sentence.contains("AuthorizationFailed")
                    && sentence.contains("does not have authorization"), sentence);
            assertEquals("FAILING", gap().getString("severity"));
        } finally {
            FakeAzureStubs.detectionPipeline(azure.server, Variant.HEALTHY);
        }
        assertEquals("PASS", check().getString("verdict"));
        assertNull(gap(), "a passing check takes the gap away");
    }

    @Test
    void onlyTheLeadChecksAndAuditorsReadWithinTheirPeriod() {
        String body = "{\"subscription\":\"" + SUB + "\"}";
        assertEquals(403, PortalClient.post(base, "api/detection/checks", RITA, PASSWORD, body).statusCode());
        assertEquals(403, PortalClient.post(base, "api/detection/checks", ANN, PASSWORD, body).statusCode());
        assertEquals(401, PortalClient.post(base, "api/detection/checks", null, null, body).statusCode());
        assertEquals(403, PortalClient.api(base, "api/detection/checks?subscription=" + SUB, RITA, PASSWORD)
                .statusCode());

        HttpResponse<String> unknown = PortalClient.post(base, "api/detection/checks", "admin",
                Deployments.ADMIN_PASSWORD, "{\"subscription\":\"" + FakeAzure.OTHER_SUBSCRIPTION + "\"}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("subscription") && unknown.body().contains("Subscription "
                + FakeAzure.OTHER_SUBSCRIPTION + " is not among the configured Azure subscriptions"), unknown.body());

        long before = TestDatabase.number(DB, "SELECT count(*) FROM detection_check");
        long id = check().getJsonNumber("id").longValue();
        assertEquals(before + 1, TestDatabase.number(DB, "SELECT count(*) FROM detection_check"));
        assertEquals(200, PortalClient.api(base, "api/detection/checks/" + id, ANN, PASSWORD).statusCode());
        assertEquals(200, PortalClient.api(base, "api/detection/checks/" + id + "/arm.json", ANN, PASSWORD)
                .statusCode());
        // an auditor of 2024 does not see a check of today
        assertEquals(404, PortalClient.api(base, "api/detection/checks/" + id, OLD_AUDITOR, PASSWORD).statusCode());
    }

    @Test
    void aCheckPastItsRetentionIsDisposedOfOnlyThroughTheDisposalQueue() {
        String arm = "{\"subscriptionId\":\"" + SUB + "\",\"answers\":[]}";
        String sha = com.attest.platform.audit.Sha256.hex(arm);
        long id = TestDatabase.number(DB, "INSERT INTO detection_check (subscription_id, subscription_label, trigger,"
                + " requested_by, checked_at, verdict, findings, arm_json, sha256, size_bytes) VALUES ('" + SUB + "',"
                + " 'retired', 'DAILY', 'system:detection', TIMESTAMPTZ '2020-02-03 06:00:00+00', 'PASS', '[]', '" + arm
                + "', '" + sha + "', " + arm.length() + ") RETURNING id");
        TestDatabase.execute(DB, "INSERT INTO evidence_item (type_code, source, source_id, title, period_date, sha256,"
                + " registered_at, retention_until) VALUES ('DETECTION_PIPELINE', 'detection_check', " + id + ","
                + " 'Detection pipeline configuration, check " + id + "', DATE '2020-02-03', '" + sha + "', "
                + TestClock.sql() + ", DATE '2021-02-03') ON CONFLICT DO NOTHING");
        long item = TestDatabase.number(DB, "SELECT id FROM evidence_item WHERE source = 'detection_check' AND"
                + " source_id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM detection_check WHERE id = " + id);
        assertEquals(200, PortalClient.post(base, "api/evidence/disposal-queue", "admin", Deployments.ADMIN_PASSWORD,
                "{}").statusCode());
        long version = TestJson.read(PortalClient.api(base, "api/evidence/items/" + item, "admin",
                Deployments.ADMIN_PASSWORD).body()).getJsonNumber("version").longValue();
        HttpResponse<String> disposed = PortalClient.post(base, "api/evidence/items/" + item + "/dispose", "admin",
                Deployments.ADMIN_PASSWORD, "{\"version\":" + version + ",\"reason\":\"Kept a year; no hold\"}");
        assertEquals(200, disposed.statusCode(), disposed.body());
        assertEquals("the detection pipeline's configuration as Azure returned it", TestJson.read(disposed.body())
                .getString("removed"));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM detection_check WHERE id = " + id));
    }

    private JsonObject check() {
        HttpResponse<String> r = PortalClient.post(base, "api/detection/checks", "admin", Deployments.ADMIN_PASSWORD,
                "{\"subscription\":\"" + SUB + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return TestJson.read(r.body());
    }

    private JsonObject failing() {
        JsonObject check = check();
        assertEquals("FAIL", check.getString("verdict"), check.toString());
        return check;
    }

    private static List<String> sentences(JsonObject check, String verdict) {
        return check.getJsonArray("findings").stream().map(f -> f.asJsonObject())
                .filter(f -> f.getString("verdict").equals(verdict)).map(f -> f.getString("sentence")).toList();
    }

    private JsonObject gap() {
        String today = TestClock.today().toString();
        JsonObject control = TestJson.read(PortalClient.api(base, "api/controls/CC7.3?from=" + today + "&to=" + today,
                "admin", Deployments.ADMIN_PASSWORD).body());
        assertFalse(control.isEmpty());
        return control.getJsonArray("gaps").stream().map(v -> v.asJsonObject())
                .filter(g -> g.getString("kind").equals("DETECTION_PIPELINE_FAILING")).findFirst().orElse(null);
    }
}
