package com.attest.action;

import static com.attest.testing.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.Wait;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeAzureStubs;
import com.attest.testing.PortalClient;
import com.attest.testing.Runbooks;
import com.attest.testing.TestDatabase;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runbook actions end to end: the real WAR and database, the real Azure SDK and Graph clients against a local fake
 * Azure. Four eyes, break glass, the exact requests with their Authorization header, evidence of every call,
 * results with their SHA-256, Azure's failures in its own words, and bad input refused before any call leaves.
 * The fake Azure is the shared portal's: this class starts it afresh, with its VM, and counts only the calls an
 * action makes (mail the portal sends meanwhile is not one).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ActionsIT {

    private static final String DB = SharedPortal.DB;
    private static final FakeAzure AZURE = SharedPortal.azure();
    private static final String RITA = "rita.action";
    private static final String SAM = "sam.action";
    private static final String ANN = "ann.action";
    private static final String SUB = FakeAzure.SUBSCRIPTION;
    private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-prod";
    private static final String VM = RG + "/providers/Microsoft.Compute/virtualMachines/vm-web-01";
    private static final String NIC = RG + "/providers/Microsoft.Network/networkInterfaces/vm-web-01-nic";
    private static final String OLD_NSG = RG + "/providers/Microsoft.Network/networkSecurityGroups/vm-web-01-nsg";
    private static final String QUARANTINE_NSG = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-quarantine";
    private static final String ALERTS = "/subscriptions/" + SUB + "/resourceGroups/rg-prod/providers/Microsoft.Security/locations/eastus/alerts/";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void peopleAndAzure() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
        AZURE.reset();
        FakeAzureStubs.vm(AZURE.server, VM, NIC, OLD_NSG, QUARANTINE_NSG);
    }

    // --- four eyes, the exact requests, evidence, re-run ------------------------------------------------

    @Test
    void aQuarantineWaitsForASecondPersonThenRunsKeepingEveryCallAndIsAlreadyInEffectTheSecondTime() throws Exception {
        String ref = declaredIncident("Quarantine drill", "P2");
        int armBefore = armRequests();
        JsonObject requested = created(request(ref, RITA, "contain-1", "quarantine-vm",
                "{\"vm\":\"" + VM + "\"}", false, null));
        long id = requested.getJsonNumber("id").longValue();
        assertEquals("AWAITING_APPROVAL", requested.getString("state"));
        assertEquals(armBefore, armRequests(), "nothing leaves before approval");

        HttpResponse<String> own = decide(id, "approve", RITA, 0, "looks right");
        assertEquals(400, own.statusCode());
        assertTrue(own.body().contains("a second person must approve it"), own.body());
        assertEquals(403, decide(id, "approve", ANN, 0, null).statusCode(), "auditors never write");
        assertEquals(200, decide(id, "approve", SAM, 0, "Checked the VM id against the alert").statusCode());

        JsonObject run = finished(id);
        assertEquals("SUCCEEDED", run.getString("state"), run.toString());
        assertEquals(SAM, run.getString("decidedBy"));
        assertTrue(run.getJsonNumber("durationMs").longValue() >= 0);
        JsonObject before = read(run.getString("beforeState"));
        assertEquals(NIC.toLowerCase(), before.getString("nic").toLowerCase(), run.getString("beforeState"));
        assertEquals(OLD_NSG.toLowerCase(), before.getString("networkSecurityGroup").toLowerCase());

        // the exact requests, each with a bearer token
        AZURE.server.verify(getRequestedFor(urlPathEqualTo(VM)).withHeader("Authorization", matching("Bearer .+")));
        AZURE.server.verify(putRequestedFor(urlPathEqualTo(QUARANTINE_NSG))
                .withHeader("Authorization", equalTo("Bearer " + FakeAzure.TOKEN))
                .withRequestBody(matchingJsonPath("$.location", equalTo("eastus")))
                .withRequestBody(matchingJsonPath("$.properties.securityRules[?(@.properties.direction == 'Inbound'"
                        + " && @.properties.access == 'Deny' && @.properties.sourceAddressPrefix == '*')]"))
                .withRequestBody(matchingJsonPath("$.properties.securityRules[?(@.properties.direction == 'Outbound'"
                        + " && @.properties.access == 'Deny')]")));
        AZURE.server.verify(putRequestedFor(urlPathEqualTo(NIC))
                .withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(matchingJsonPath("$.properties.networkSecurityGroup.id",
                        equalTo(QUARANTINE_NSG))));

        // every exchange is evidence, with Azure's request ids
        List<JsonObject> calls = run.getJsonArray("calls").getValuesAs(JsonObject.class);
        assertTrue(calls.size() >= 4, calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.getString("method").equals("PUT")
                && c.getString("url").contains("/networkInterfaces/vm-web-01-nic") && c.getInt("status") == 200
                && "nic-put-request".equals(c.getString("requestId", null))), calls.toString());
        assertTrue(calls.stream().allMatch(c -> c.getString("url").startsWith("https://management.azure.com/")),
                "kept as the SDK addressed Azure, not the test redirect: " + calls);
        assertEquals(calls.size(), TestDatabase.number(DB, "SELECT count(*) FROM action_call WHERE run_id = " + id));

        // the milestone, the timeline, the audit trail
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM timeline_entry t JOIN incident i ON i.id ="
                + " t.incident_id WHERE i.reference = '" + ref + "' AND milestone = 'CONTAINMENT_ACTION_TAKEN'"));
        assertEquals(3, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE entity_type = 'ActionRun'"
                + " AND entity_id = '" + id + "' AND action IN ('action.requested', 'action.approved',"
                + " 'action.succeeded')"));

        // the same quarantine again: already in effect, not an error
        JsonObject again = created(request(ref, SAM, "contain-1", "quarantine-vm", "{\"vm\":\"" + VM + "\"}",
                false, null));
        long againId = again.getJsonNumber("id").longValue();
        assertEquals(200, decide(againId, "approve", RITA, 0, null).statusCode());
        JsonObject second = finished(againId);
        assertEquals("ALREADY_IN_EFFECT", second.getString("state"), second.toString());
        assertTrue(second.getString("summary").contains("already quarantined"), second.getString("summary"));

        // the evidence cannot be edited or removed, even by the application's own account
        TestDatabase.assertRefused(DB, "UPDATE action_run SET parameters = '{}' WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE action_run SET state = 'FAILED' WHERE id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM action_run WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE action_call SET status = 500 WHERE run_id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM action_call WHERE run_id = " + id);

        // the quarantine undone: the NSG it had goes back on the NIC, again with a second person
        JsonObject release = created(request(ref, RITA, "contain-1", "release-vm", "{\"nic\":\"" + NIC
                + "\",\"previousNsg\":\"" + OLD_NSG + "\"}", false, null));
        long releaseId = release.getJsonNumber("id").longValue();
        assertEquals("AWAITING_APPROVAL", release.getString("state"));
        assertEquals(200, decide(releaseId, "approve", SAM, 0, null).statusCode());
        assertEquals("SUCCEEDED", finished(releaseId).getString("state"));
        AZURE.server.verify(putRequestedFor(urlPathEqualTo(NIC)).withRequestBody(matchingJsonPath(
                "$.properties.networkSecurityGroup.id", equalTo(OLD_NSG))));
    }

    @Test
    void aRejectionNeedsAReasonAndNothingRuns() {
        String ref = declaredIncident("Rejection drill", "P3");
        long id = created(request(ref, RITA, "contain-2", "disable-user", "{\"user\":\"mallory@contoso.com\"}",
                false, null)).getJsonNumber("id").longValue();
        HttpResponse<String> bare = decide(id, "reject", SAM, 0, " ");
        assertEquals(400, bare.statusCode());
        assertTrue(bare.body().contains("\"field\":\"decisionNote\""), bare.body());
        HttpResponse<String> rejected = decide(id, "reject", SAM, 0, "Wrong user: mallory is the victim");
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals("REJECTED", read(rejected.body()).getString("state"));
        assertEquals(0, AZURE.server.findAll(anyRequestedFor(urlPathMatching("/v1.0/users/mallory.*"))).size());
    }

    @Test
    void onAP1AResponderMayBreakGlassAloneAndTheLeadReviewsIt() throws Exception {
        String ref = declaredIncident("Break glass drill", "P1");
        AZURE.server.stubFor(get(urlPathMatching("/v1.0/users/eve(@|%40)contoso.com")).willReturn(okJson(
                "{\"id\":\"5c2f5e8c-0000-4000-8000-000000000001\",\"userPrincipalName\":\"eve@contoso.com\","
                        + "\"accountEnabled\":true}").withHeader("request-id", "graph-get-eve")));
        AZURE.server.stubFor(patch(urlPathMatching("/v1.0/users/eve(@|%40)contoso.com")).willReturn(aResponse()
                .withStatus(204).withHeader("request-id", "graph-patch-eve")));

        HttpResponse<String> noReason = request(ref, RITA, "contain-2", "disable-user",
                "{\"user\":\"eve@contoso.com\"}", true, "");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("\"field\":\"breakGlassReason\""), noReason.body());

        JsonObject glass = created(request(ref, RITA, "contain-2", "disable-user", "{\"user\":\"eve@contoso.com\"}",
                true, "Attacker is exfiltrating mail right now; no second responder reachable"));
        assertEquals("QUEUED", glass.getString("state"));
        long id = glass.getJsonNumber("id").longValue();
        JsonObject run = finished(id);
        assertEquals("SUCCEEDED", run.getString("state"), run.toString());
        assertTrue(run.getBoolean("breakGlass"));
        AZURE.server.verify(patchRequestedFor(urlPathMatching("/v1.0/users/eve(@|%40)contoso.com"))
                .withHeader("Authorization", equalTo("Bearer " + FakeAzure.TOKEN))
                .withRequestBody(matchingJsonPath("$.accountEnabled", equalTo("false"))));
        assertTrue(timeline(ref).contains("BREAK GLASS"), timeline(ref));

        // flagged until the lead reviews it; a responder may not review
        assertTrue(PortalClient.api(base, "api/action-runs/" + id, RITA, PASSWORD).body().contains("\"reviewedBy\":null"));
        assertEquals(403, decide(id, "review", SAM, run.getJsonNumber("version").longValue(), "fine").statusCode());
        HttpResponse<String> reviewed = decide(id, "review", "admin", run.getJsonNumber("version").longValue(),
                "Justified: active exfiltration, reviewed with the CISO");
        assertEquals(200, reviewed.statusCode(), reviewed.body());
        assertEquals("admin", read(reviewed.body()).getString("reviewedBy"));

        // break glass is for P1 only
        String p3 = declaredIncident("No glass to break", "P3");
        HttpResponse<String> refused = request(p3, RITA, "contain-2", "disable-user",
                "{\"user\":\"eve@contoso.com\"}", true, "in a hurry");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Break glass is for P1 incidents only"), refused.body());
    }

    // --- investigation: KQL with bound values, Defender alert ---------------------------------------------

    @Test
    void aKqlQueryRunsAtOnceWithItsValueBoundAndItsResultIsKeptWithItsHash() throws Exception {
        String ref = declaredIncident("Investigation drill", "P2");
        AZURE.server.stubFor(post(urlPathEqualTo("/v1/workspaces/" + FakeAzure.WORKSPACE + "/query"))
                .willReturn(okJson("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\","
                        + "\"type\":\"datetime\"},{\"name\":\"OperationName\",\"type\":\"string\"}],\"rows\":[["
                        + "\"2026-11-28T01:02:03Z\",\"Add member to role\"]]}]}").withHeader("x-ms-request-id",
                        "la-query-1")));
        JsonObject run = finished(created(request(ref, RITA, "investigate-1", "run-kql-user-audit",
                "{\"workspace\":\"" + FakeAzure.WORKSPACE + "\",\"user\":\"o'neil@contoso.com\",\"hours\":\"24\"}",
                false, null)).getJsonNumber("id").longValue());
        assertEquals("SUCCEEDED", run.getString("state"), run.toString());
        String encoded = Base64.getEncoder().encodeToString("o'neil@contoso.com".getBytes(StandardCharsets.UTF_8));
        AZURE.server.verify(postRequestedFor(urlPathEqualTo("/v1/workspaces/" + FakeAzure.WORKSPACE + "/query"))
                .withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(matchingJsonPath("$.query", containing("base64_decode_tostring('" + encoded + "')")))
                .withRequestBody(matchingJsonPath("$.query", containing("AuditLogs"))));
        JsonObject result = run.getJsonObject("result");
        HttpResponse<byte[]> file = bytes("api/action-runs/" + run.getJsonNumber("id") + "/result", ANN);
        assertEquals(200, file.statusCode(), "an auditor reads the evidence");
        assertEquals(result.getString("sha256"), Sha256.hex(file.body()));
        assertEquals(result.getString("sha256"), file.headers().firstValue("X-Content-SHA256").orElseThrow());
        assertTrue(new String(file.body(), StandardCharsets.UTF_8).contains("Add member to role"));
    }

    @Test
    void badInputIsRefusedBeforeAnyCallLeavesThePortal() {
        String ref = declaredIncident("Bad input drill", "P2");
        int before = azureCalls();
        assertField(request(ref, RITA, "contain-1", "quarantine-vm", "{\"vm\":\"vm-web-01\"}", false, null),
                "param.vm", "is not the resource id of a virtual machine");
        assertField(request(ref, RITA, "contain-1", "quarantine-vm", "{\"vm\":\"" + VM.replace(SUB,
                FakeAzure.OTHER_SUBSCRIPTION) + "\"}", false, null), "param.vm", "is not configured in this portal");
        assertField(request(ref, RITA, "investigate-1", "run-kql-user-audit", "{\"workspace\":\"" + FakeAzure.WORKSPACE
                + "\",\"user\":\"x' or 1==1 | take 100000 //\",\"hours\":\"24\"}", false, null), "param.user",
                "quotes, spaces, pipes");
        assertField(request(ref, RITA, "investigate-2", "run-kql-ip-activity", "{\"workspace\":\"" + FakeAzure.WORKSPACE
                + "\",\"ip\":\"10.0.0.1' | union *\",\"hours\":\"24\"}", false, null), "param.ip",
                "is not an IPv4 or IPv6 address");
        assertField(request(ref, RITA, "contain-1", "disable-user", "{\"user\":\"eve@contoso.com\"}", false, null),
                "item", "does not call for disable an entra id user");
        assertEquals(before, azureCalls(), "no request reached the fake Azure");
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM action_run r JOIN incident i ON i.id ="
                + " r.incident_id WHERE i.reference = '" + ref + "'"), "nothing half-written");
        assertEquals(403, request(ref, ANN, "investigate-3", "fetch-defender-alert",
                "{\"alert\":\"" + ALERTS + "x\"}", false, null).statusCode(), "auditors never write");
    }

    @Test
    void theEntraAuditLogOfTheIncidentPeriodIsCollectedAsAHashedEvidenceFile() throws Exception {
        String ref = declaredIncident("Audit log drill", "P2");
        AZURE.server.stubFor(get(urlPathEqualTo("/v1.0/auditLogs/directoryAudits")).willReturn(okJson(
                "{\"value\":[{\"id\":\"Directory_7\",\"activityDisplayName\":\"Add app role assignment\","
                        + "\"activityDateTime\":\"" + TestClock.now().minusSeconds(300) + "\"}]}")
                .withHeader("request-id", "audit-page-1")));
        String from = TestClock.now().minusSeconds(7200).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String to = TestClock.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertField(PortalClient.post(base, "api/incidents/" + ref + "/actions", RITA, PASSWORD,
                "{\"type\":\"collect-entra-audit\",\"parameters\":{\"from\":\"" + to + "\",\"to\":\"" + from
                        + "\"}}"), "param.to", "must end after it starts");
        JsonObject run = finished(created(PortalClient.post(base, "api/incidents/" + ref + "/actions", RITA, PASSWORD,
                "{\"type\":\"collect-entra-audit\",\"parameters\":{\"from\":\"" + from + "\",\"to\":\"" + to
                        + "\"}}")).getJsonNumber("id").longValue());
        assertEquals("SUCCEEDED", run.getString("state"), run.toString());
        AZURE.server.verify(getRequestedFor(urlPathEqualTo("/v1.0/auditLogs/directoryAudits"))
                .withHeader("Authorization", equalTo("Bearer " + FakeAzure.TOKEN))
                .withQueryParam("$filter", equalTo("activityDateTime ge " + from + " and activityDateTime le " + to)));
        HttpResponse<byte[]> file = bytes("api/action-runs/" + run.getJsonNumber("id") + "/result", ANN);
        assertTrue(new String(file.body(), StandardCharsets.UTF_8).contains("\"id\":\"Directory_7\""));

        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        HttpResponse<String> items = PortalClient.api(base, "api/evidence/items?type=ENTRA_AUDIT_LOG", "admin",
                Deployments.ADMIN_PASSWORD);
        assertTrue(items.body().contains("\"sha256\":\"" + Sha256.hex(file.body()) + "\""), items.body());
    }

    // --- Azure's failures, in its own words ----------------------------------------------------------------

    @Test
    void azureFailuresAreKeptInItsOwnWords() throws Exception {
        String ref = declaredIncident("Failure drill", "P2");
        AZURE.server.stubFor(get(urlPathEqualTo(ALERTS + "forbidden")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-ms-request-id", "denied-1")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'attest' does not"
                        + " have authorization to perform action 'Microsoft.Security/locations/alerts/read'.\"}}")));
        AZURE.server.stubFor(get(urlPathEqualTo(ALERTS + "throttled")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Rate limit exceeded.\"}}")));
        AZURE.server.stubFor(get(urlPathEqualTo(ALERTS + "slow")).willReturn(okJson("{}").withFixedDelay(5000)));

        JsonObject forbidden = finished(fetch(ref, "forbidden"));
        assertEquals("FAILED", forbidden.getString("state"));
        assertEquals(403, forbidden.getInt("errorStatus"));
        assertEquals("AuthorizationFailed", forbidden.getString("errorCode"));
        assertTrue(forbidden.getString("errorText").contains("does not have authorization"), forbidden.toString());

        JsonObject missing = finished(fetch(ref, "gone"));
        assertEquals(404, missing.getInt("errorStatus"));
        assertEquals("ResourceNotFound", missing.getString("errorCode"));

        JsonObject throttled = finished(fetch(ref, "throttled"));
        assertEquals(429, throttled.getInt("errorStatus"), throttled.toString());
        assertEquals(1, throttled.getInt("retryAfterSeconds"));
        assertEquals(2, AZURE.server.findAll(getRequestedFor(urlPathEqualTo(ALERTS + "throttled"))).size(),
                "one retry, as configured");

        JsonObject slow = finished(fetch(ref, "slow"));
        assertEquals("FAILED", slow.getString("state"));
        assertTrue(slow.getBoolean("timedOut"), slow.toString());
        assertTrue(timeline(ref).contains("failed (run " + slow.getJsonNumber("id")), timeline(ref));
    }

    // --- rotation: the secret never reaches the evidence -------------------------------------------------

    @Test
    void aRotatedSecretIsNeverShownOrKept() throws Exception {
        String ref = declaredIncident("Rotation drill", "P1");
        FakeAzureStubs.keyVault(AZURE.server, "compromised-secret");
        long id = created(request(ref, RITA, "eradicate-6", "rotate-secret", "{\"subscription\":\"" + SUB
                + "\",\"vault\":\"kv-soc2-prod\",\"secret\":\"compromised-secret\"}", false, null))
                .getJsonNumber("id").longValue();
        assertEquals(200, decide(id, "approve", SAM, 0, null).statusCode());
        JsonObject run = finished(id);
        assertEquals("SUCCEEDED", run.getString("state"), run.toString());
        List<LoggedRequest> puts = AZURE.server.findAll(putRequestedFor(urlPathEqualTo("/secrets/compromised-secret"))
                .withHeader("Authorization", matching("Bearer .+")));
        assertEquals(1, puts.size());
        String value = read(puts.get(0).getBodyAsString()).getString("value");
        assertTrue(value.length() >= 32, "a strong value");
        assertFalse(PortalClient.api(base, "api/action-runs/" + id, RITA, PASSWORD).body().contains(value));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM action_call WHERE concat(url, summary, error)"
                + " LIKE '%" + value + "%'"));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE after_state::text LIKE '%"
                + value + "%'"));
        assertTrue(run.getString("azureReference").contains("/secrets/compromised-secret/"), run.toString());
    }

    // --- recovery ------------------------------------------------------------------------------------------

    @Test
    void anIacRedeployIsRecordedNotRunAndStampsSystemRestored() {
        String ref = declaredIncident("Redeploy drill", "P2");
        int before = azureCalls();
        JsonObject recorded = created(request(ref, RITA, "recover-3", "record-iac-redeploy",
                "{\"command\":\"terraform apply -target=module.vm_prod -auto-approve\",\"runLink\":"
                        + "\"https://dev.azure.com/contoso/infra/_build/results?buildId=4711\",\"outcome\":\"succeeded\"}",
                false, null));
        assertEquals("RECORDED", recorded.getString("state"));
        assertEquals(before, azureCalls());
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM timeline_entry t JOIN incident i ON i.id ="
                + " t.incident_id WHERE i.reference = '" + ref + "' AND milestone = 'SYSTEM_RESTORED'"));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private long fetch(String ref, String alert) {
        return created(request(ref, RITA, "investigate-3", "fetch-defender-alert",
                "{\"alert\":\"" + ALERTS + alert + "\"}", false, null)).getJsonNumber("id").longValue();
    }

    private HttpResponse<String> request(String ref, String user, String item, String type, String parameters,
                                         boolean breakGlass, String breakGlassReason) {
        return PortalClient.post(base, "api/incidents/" + ref + "/actions", user, PASSWORD, "{\"type\":\"" + type
                + "\",\"item\":\"" + item + "\",\"parameters\":" + parameters + ",\"breakGlass\":" + breakGlass
                + (breakGlassReason == null ? "" : ",\"breakGlassReason\":\"" + breakGlassReason + "\"") + "}");
    }

    private HttpResponse<String> decide(long id, String decision, String user, long version, String note) {
        long seen = version == 0 ? read(PortalClient.api(base, "api/action-runs/" + id, RITA, PASSWORD).body())
                .getJsonNumber("version").longValue() : version;
        return PortalClient.post(base, "api/action-runs/" + id + "/" + decision, user,
                user.equals("admin") ? Deployments.ADMIN_PASSWORD : PASSWORD,
                "{\"version\":" + seen + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}");
    }

    /** The run once it has finished, as the API shows it. */
    private JsonObject finished(long id) {
        return Wait.until("run " + id + " to finish", Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = PortalClient.api(base, "api/action-runs/" + id, RITA, PASSWORD);
            assertEquals(200, response.statusCode(), response.body());
            return read(response.body());
        }, run -> !List.of("QUEUED", "RUNNING", "AWAITING_APPROVAL").contains(run.getString("state")));
    }

    private static JsonObject created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return read(response.body());
    }

    private static void assertField(HttpResponse<String> response, String field, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"field\":\"" + field + "\""), response.body());
        assertTrue(response.body().toLowerCase().contains(message.toLowerCase()), response.body());
    }

    private HttpResponse<byte[]> bytes(String path, String user) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(new URL(base, path).toString()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String declaredIncident(String title, String severity) {
        Runbooks.approveSeed(base);
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"" + severity + "\",\"detectedAt\":\""
                        + TestClock.now().minusSeconds(600) + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        JsonObject incident = read(reported.body());
        String ref = incident.getString("reference");
        HttpResponse<String> declared = PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + incident.getJsonNumber("version") + ",\"at\":\"" + TestClock.now().minusSeconds(60)
                        + "\"}");
        assertEquals(200, declared.statusCode(), declared.body());
        return ref;
    }

    /** The requests that reached the fake Azure, but for e-mail (the portal mails reminders and notices meanwhile). */
    private static int azureCalls() {
        return (int) AZURE.server.getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getUrl().contains("/sendMail")).count();
    }

    private static int armRequests() {
        return AZURE.server.findAll(anyRequestedFor(urlPathMatching("/subscriptions/.*"))).size();
    }

    private static String timeline(String ref) {
        return String.join("\n", TestDatabase.texts(DB, "SELECT text FROM timeline_entry t JOIN incident i ON i.id ="
                + " t.incident_id WHERE i.reference = '" + ref + "' ORDER BY t.id"));
    }

    static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
