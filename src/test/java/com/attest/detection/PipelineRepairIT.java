package com.attest.detection;

import static com.attest.testing.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeAzureStubs;
import com.attest.testing.PipelineFixtures;
import com.attest.testing.PipelineFixtures.Variant;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.attest.testing.Wait;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Repairing the detection pipeline's action group through the one guarded action flow, against the fake Resource
 * Manager (whose action groups keep what is written): the dry run shows the exact PUT before anything is sent; a
 * responder cannot ask, the requester cannot approve, another lead does; the run writes the whole group, the intake
 * key it issued really lets alerts in, and the check after it passes. Azure refusing the write fails the run in
 * Azure's words with nothing created; a group changed since approval is not written at all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PipelineRepairIT {

    private static final String DB = SharedPortal.DB;
    private static final String LEA = "lea.repair";
    private static final String LEO = "leo.repair";
    private static final String RITA = "rita.repair";
    private static final String SUB = FakeAzure.SUBSCRIPTION;
    private static final String GROUP = PipelineFixtures.group(SUB) + "/providers/Microsoft.Insights/actionGroups/"
            + PipelineFixtures.ACTION_GROUP;
    private static final String PUT_URL = "https://management.azure.com" + GROUP + "?api-version=2023-01-01";
    private static final String REPAIR = "{\"type\":\"repair-action-group\",\"reason\":\"%s\",\"parameters\":"
            + "{\"subscription\":\"%s\",\"resourceGroup\":\"rg-soc\",\"actionGroup\":\"ag-security-oncall\"}}";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void arrange() {
        SharedPortal.azure().reset();
        Accounts.create(DB, LEA, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, LEO, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
    }

    /** The shared portal is left with a passing pipeline, as the other classes expect Azure to be. */
    @AfterAll
    static void putBack() {
        FakeAzureStubs.detectionPipeline(SharedPortal.azure().server, Variant.HEALTHY);
        PortalClient.post(SharedPortal.url(), "api/detection/checks", LEA, PASSWORD, "{\"subscription\":\"" + SUB
                + "\"}");
    }

    @Test
    void aWebhookPostingElsewhereIsRepairedOnceAnotherLeadApprovesAndTheCheckAfterwardsPasses() {
        FakeAzure azure = SharedPortal.azure();
        FakeAzureStubs.detectionPipeline(azure.server, Variant.WEBHOOK_ELSEWHERE);
        azure.server.resetRequests();
        assertEquals("FAIL", check().getString("verdict"));

        // the dry run: read from Azure, the exact PUT with the key masked, the az equivalents; nothing written
        String repair = REPAIR.formatted("The webhook still posts to the old portal", SUB);
        HttpResponse<String> previewed = PortalClient.post(base, "api/detection/repairs/preview", LEA, PASSWORD, repair);
        assertEquals(200, previewed.statusCode(), previewed.body());
        JsonObject preview = TestJson.read(previewed.body());
        JsonObject put = preview.getJsonArray("calls").getJsonObject(1);
        assertEquals("PUT " + PUT_URL, put.getString("method") + " " + put.getString("resource"));
        assertTrue(put.getString("body").contains("\"serviceUri\":\"" + FakeAzureStubs.INTAKE_URL + "?key=<new intake key>\"")
                && put.getString("body").contains("security-oncall@contoso.com"), put.getString("body"));
        assertTrue(preview.getJsonArray("commands").getString(0).startsWith("az rest --method put --url '"
                + PUT_URL + "'"), preview.toString());
        assertEquals(0, azure.server.findAll(putRequestedFor(urlPathEqualTo(GROUP))).size(), "nothing written");

        // who may: a responder neither prepares nor asks; an unconfigured subscription is named
        assertEquals(403, PortalClient.post(base, "api/detection/repairs/preview", RITA, PASSWORD, repair).statusCode());
        assertEquals(403, PortalClient.post(base, "api/detection/repairs", RITA, PASSWORD, repair).statusCode());
        HttpResponse<String> elsewhere = PortalClient.post(base, "api/detection/repairs", LEA, PASSWORD,
                REPAIR.formatted("", FakeAzure.OTHER_SUBSCRIPTION));
        assertEquals(400, elsewhere.statusCode());
        assertTrue(elsewhere.body().contains("param.subscription"), elsewhere.body());

        JsonObject asked = created(repair);
        long id = asked.getJsonNumber("id").longValue();
        assertEquals("AWAITING_APPROVAL", asked.getString("state"));
        assertEquals("DETECTION_PIPELINE", asked.getString("subject"));
        HttpResponse<String> own = decide(id, LEA);
        assertEquals(400, own.statusCode());
        assertTrue(own.body().contains("a second person must approve it"), own.body());
        assertEquals(403, decide(id, RITA).statusCode(), "a responder does not approve a repair");
        assertEquals(0, azure.server.findAll(putRequestedFor(urlPathEqualTo(GROUP))).size(), "nothing before approval");
        assertEquals(200, decide(id, LEO).statusCode());

        JsonObject run = finished(id);
        assertEquals("SUCCEEDED", run.getString("state"), run.toString());
        List<LoggedRequest> written = azure.server.findAll(putRequestedFor(urlPathEqualTo(GROUP)));
        assertEquals(1, written.size());
        assertEquals("2023-01-01", written.get(0).queryParameter("api-version").firstValue());
        JsonObject group = TestJson.read(written.get(0).getBodyAsString());
        JsonObject webhook = group.getJsonObject("properties").getJsonArray("webhookReceivers").getJsonObject(0);
        assertTrue(webhook.getBoolean("useCommonAlertSchema"));
        Matcher key = Pattern.compile(Pattern.quote(FakeAzureStubs.INTAKE_URL) + "\\?key=(atk_[A-Za-z0-9_-]+)")
                .matcher(webhook.getString("serviceUri"));
        assertTrue(key.matches(), webhook.toString());
        assertEquals("security-oncall@contoso.com", group.getJsonObject("properties").getJsonArray("emailReceivers")
                .getJsonObject(0).getString("emailAddress"), "the other receivers are kept");

        // evidence: every exchange, never the key; the key issued by the runner, and it really lets alerts in
        assertEquals(List.of("GET 200", "PUT 200"), TestDatabase.texts(DB, "SELECT method || ' ' || status FROM"
                + " action_call WHERE run_id = " + id + " ORDER BY id"));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM action_call WHERE run_id = " + id
                + " AND (summary LIKE '%atk_%' OR url LIKE '%atk_%')"));
        assertFalse(run.toString().contains(key.group(1)));
        assertEquals("azure-actions", TestDatabase.texts(DB, "SELECT created_by FROM intake_key WHERE name ="
                + " 'Action group ag-security-oncall (repair run " + id + ")' AND source = 'AZURE_MONITOR'").get(0));
        HttpResponse<String> alert = PortalClient.post(base, "api/intake/azure-monitor?key=" + key.group(1), null,
                null, FakeAzureStubs.testAlert(Long.toString(id)));
        assertTrue(alert.statusCode() < 300, alert.statusCode() + " " + alert.body());
        assertEquals(List.of("action.requested " + LEA, "action.approved " + LEO, "action.succeeded azure-actions"),
                TestDatabase.texts(DB, "SELECT action || ' ' || actor FROM audit_event WHERE entity_type = 'ActionRun'"
                        + " AND entity_id = '" + id + "' ORDER BY id"));

        // checked again by itself: passes
        String recheck = Wait.until("the check after the repair", Duration.ofSeconds(30), () -> TestDatabase.texts(DB,
                "SELECT verdict FROM detection_check WHERE requested_by = 'repair run " + id + "'"), l -> !l.isEmpty())
                .get(0);
        assertEquals("PASS", recheck);

        // an audit-period pack of the day carries the check as Azure returned it, its SHA-256 checked
        long checkId = TestDatabase.number(DB, "SELECT id FROM detection_check WHERE requested_by = 'repair run " + id
                + "'");
        assertEquals(List.of("false true"), TestDatabase.texts(DB, "SELECT (position('" + key.group(1) + "' IN"
                + " arm_json) > 0) || ' ' || (position('key=*****' IN arm_json) > 0) FROM detection_check WHERE id = "
                + checkId), "the check keeps what Azure returned but never the live key");
        String path = "detection/prod/check-" + checkId + "-pass.json";
        java.util.Map<String, String> packed = new java.util.HashMap<>();
        try (java.sql.Connection c = TestDatabase.connect(DB)) {
            new com.attest.pack.JdbcPackSource(c, () -> null, pir -> new byte[0]).artefacts(new com.attest.pack
                    .PackScope(com.attest.testing.TestClock.today(), com.attest.testing.TestClock.today(),
                    java.time.ZoneOffset.UTC, null), artefact -> {
                        if (artefact.path().equals(path)) {
                            try (var in = artefact.open()) {
                                packed.put(artefact.path(), com.attest.platform.audit.Sha256.hex(in.readAllBytes()));
                            }
                        }
                        return true;
                    });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(TestDatabase.texts(DB, "SELECT sha256 FROM detection_check WHERE id = " + checkId).get(0),
                packed.get(path), packed.toString());
    }

    @Test
    void anAutomationRoutingToAGoneLogicAppIsPointedAtAnEnabledOneAndThePipelinePasses() {
        FakeAzure azure = SharedPortal.azure();
        FakeAzureStubs.detectionPipeline(azure.server, Variant.LOGIC_APP_MISSING);
        azure.server.resetRequests();
        String automation = PipelineFixtures.group(SUB) + "/providers/Microsoft.Security/automations/"
                + PipelineFixtures.AUTOMATION;
        String route = PipelineFixtures.workflowId(SUB, PipelineFixtures.ROUTE_LOGIC_APP);
        try {
            String body = "{\"type\":\"repair-automation\",\"parameters\":{\"subscription\":\"" + SUB + "\","
                    + "\"resourceGroup\":\"rg-soc\",\"automation\":\"route-high-alerts\",\"logicApp\":\"%s\"}}";
            HttpResponse<String> gone = PortalClient.post(base, "api/detection/repairs/preview", LEA, PASSWORD,
                    body.formatted(PipelineFixtures.GONE_LOGIC_APP));
            assertEquals(400, gone.statusCode());
            assertTrue(gone.body().contains("param.logicApp") && gone.body().contains("does not exist"), gone.body());

            JsonObject preview = TestJson.read(PortalClient.post(base, "api/detection/repairs/preview", LEA, PASSWORD,
                    body.formatted(PipelineFixtures.ROUTE_LOGIC_APP)).body());
            assertEquals(List.of("GET", "GET", "POST", "PUT"), preview.getJsonArray("calls").stream()
                    .map(c -> c.asJsonObject().getString("method")).toList());
            assertEquals("https://management.azure.com" + automation + "?api-version=2023-12-01-preview",
                    preview.getJsonArray("calls").getJsonObject(3).getString("resource"));

            long id = created(body.formatted(PipelineFixtures.ROUTE_LOGIC_APP)).getJsonNumber("id").longValue();
            assertEquals(200, decide(id, LEO).statusCode());
            assertEquals("SUCCEEDED", finished(id).getString("state"));
            List<LoggedRequest> written = azure.server.findAll(putRequestedFor(urlPathEqualTo(automation)));
            assertEquals(1, written.size());
            assertEquals("2023-12-01-preview", written.get(0).queryParameter("api-version").firstValue());
            JsonObject action = TestJson.read(written.get(0).getBodyAsString()).getJsonObject("properties")
                    .getJsonArray("actions").getJsonObject(0);
            assertEquals(route, action.getString("logicAppResourceId"));
            assertEquals(FakeAzureStubs.callbackUrl(PipelineFixtures.ROUTE_LOGIC_APP), action.getString("uri"));
            assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM action_call WHERE run_id = " + id
                    + " AND summary LIKE '%fakeSignature%'"), "the callback's signature is never kept");
            assertEquals(List.of("GET 200", "GET 200", "POST 200", "PUT 200"), TestDatabase.texts(DB, "SELECT method"
                    + " || ' ' || status FROM action_call WHERE run_id = " + id + " ORDER BY id"));
            assertEquals("PASS", Wait.until("the check after the repair", Duration.ofSeconds(30), () ->
                    TestDatabase.texts(DB, "SELECT verdict FROM detection_check WHERE requested_by = 'repair run " + id
                            + "'"), l -> !l.isEmpty()).get(0));
        } finally {
            FakeAzureStubs.detectionPipeline(azure.server, Variant.HEALTHY);
        }
    }

    @Test
    void azureRefusingTheWriteFailsTheRunInItsWordsWithNothingCreated() {
        FakeAzure azure = SharedPortal.azure();
        FakeAzureStubs.detectionPipeline(azure.server, Variant.WEBHOOK_ELSEWHERE);
        azure.server.stubFor(put(urlPathEqualTo(GROUP)).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-ms-request-id", "ag-put-403")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'attest-reader' does"
                        + " not have authorization to perform action 'microsoft.insights/actionGroups/write' over"
                        + " scope '" + GROUP + "'.\"}}")));
        try {
            long id = created(REPAIR.formatted("", SUB)).getJsonNumber("id").longValue();
            assertEquals(200, decide(id, LEO).statusCode());
            JsonObject run = finished(id);
            assertEquals("FAILED", run.getString("state"));
            assertEquals(403, run.getInt("errorStatus"));
            assertTrue(run.getString("errorText").contains("does not have authorization to perform action"
                    + " 'microsoft.insights/actionGroups/write'"), run.getString("errorText"));
            // nothing half-created: no key, the group as it was, no check after it
            assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM intake_key WHERE name = 'Action group"
                    + " ag-security-oncall (repair run " + id + ")'"));
            assertTrue(azure.resources.get(GROUP).toString().contains("old-portal.example.net"));
            assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM detection_check WHERE requested_by ="
                    + " 'repair run " + id + "'"));
        } finally {
            FakeAzureStubs.detectionPipeline(azure.server, Variant.HEALTHY);
        }
    }

    @Test
    void aGroupChangedSinceApprovalIsNotWritten() {
        FakeAzure azure = SharedPortal.azure();
        FakeAzureStubs.detectionPipeline(azure.server, Variant.ACTION_GROUP_DISABLED);
        try {
            long id = created(REPAIR.formatted("", SUB)).getJsonNumber("id").longValue();
            azure.resources.serve(com.attest.testing.FakeArmResources.ACTION_GROUPS, PipelineFixtures.actionGroups(SUB, Variant.WEBHOOK_ELSEWHERE,
                    FakeAzureStubs.INTAKE_URL));
            azure.server.resetRequests();
            assertEquals(200, decide(id, LEO).statusCode());
            JsonObject run = finished(id);
            assertEquals("FAILED", run.getString("state"));
            assertTrue(run.getString("errorText").startsWith("Action group ag-security-oncall is not as it was when"
                    + " this repair was approved"), run.getString("errorText"));
            assertEquals(0, azure.server.findAll(putRequestedFor(urlPathEqualTo(GROUP))).size());
        } finally {
            FakeAzureStubs.detectionPipeline(azure.server, Variant.HEALTHY);
        }
    }

    private JsonObject check() {
        HttpResponse<String> r = PortalClient.post(base, "api/detection/checks", LEA, PASSWORD,
                "{\"subscription\":\"" + SUB + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return TestJson.read(r.body());
    }

    private JsonObject created(String body) {
        HttpResponse<String> r = PortalClient.post(base, "api/detection/repairs", LEA, PASSWORD, body);
        assertEquals(201, r.statusCode(), r.body());
        return TestJson.read(r.body());
    }

    private HttpResponse<String> decide(long id, String who) {
        long version = TestJson.read(PortalClient.api(base, "api/action-runs/" + id, LEA, PASSWORD).body())
                .getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/action-runs/" + id + "/approve", who, PASSWORD,
                "{\"version\":" + version + ",\"note\":\"Checked the requests\"}");
    }

    private JsonObject finished(long id) {
        return Wait.until("run " + id + " finished", Duration.ofSeconds(30), () -> TestJson.read(PortalClient.api(base,
                "api/action-runs/" + id, LEA, PASSWORD).body()), r -> List.of("SUCCEEDED", "FAILED")
                .contains(r.getString("state")));
    }
}
