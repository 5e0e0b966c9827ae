package com.attest.azure;

import static com.attest.azure.AzureFake.SUBSCRIPTION;
import static com.attest.azure.AzureFake.TOKEN;
import static com.attest.azure.AzureFake.armError;
import static com.attest.azure.AzureFake.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Microsoft Sentinel, Defender for Cloud alert history and Logic App run history through the azure-core pipeline
 * against a fake Resource Manager: the exact requests (method, path, api-version, $filter, body, If-Match), paging by
 * nextLink, a 412 returned as a conflict, Azure's errors in its words and a truncated page refused.
 */
class SentinelApiTest {

    static final String WS = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-security/providers/"
            + "Microsoft.OperationalInsights/workspaces/law-soc2-prod/providers/Microsoft.SecurityInsights";
    static final String NAME = "73e01a99-5cd7-4139-a149-9f2736ff2ab5";
    static final String INCIDENT = WS + "/incidents/" + NAME;
    static final String ARM = "https://management.azure.com";

    @RegisterExtension
    static WireMockExtension fake = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static SentinelApi sentinel;
    private static AzureHistory history;
    private static SentinelWorkspace workspace;

    @BeforeAll
    static void clients() {
        Map<String, String> config = new TreeMap<>(AzureFake.config(fake, 0, "1.5"));
        config.put("attest.azure.sentinel-workspaces", "soc");
        config.put("attest.azure.sentinel.soc.subscription", "prod");
        config.put("attest.azure.sentinel.soc.resource-group", "rg-security");
        config.put("attest.azure.sentinel.soc.workspace", "law-soc2-prod");
        config.put("attest.azure.playbooks", "/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/rg-security/providers/Microsoft.Logic/workflows/logic-sentinel-alert");
        AzureSettings settings = AzureSettings.of(config);
        assertEquals(List.of(), settings.problems());
        workspace = settings.sentinelWorkspace("soc").orElseThrow();
        AzureClients clients = new AzureClients(settings);
        sentinel = new SentinelApi(clients);
        history = new AzureHistory(clients);
    }

    @BeforeEach
    void signIn() {
        AzureFake.tokenEndpoint(fake);
    }

    static String incident(String name, int number, String status, String etag, String owner) {
        return "{\"id\":\"" + WS + "/incidents/" + name + "\",\"name\":\"" + name + "\",\"etag\":\"\\\"" + etag
                + "\\\"\",\"type\":\"Microsoft.SecurityInsights/Incidents\",\"properties\":{\"title\":\"Suspicious"
                + " sign-in from a new country\",\"description\":\"\",\"severity\":\"High\",\"status\":\"" + status
                + "\",\"owner\":{\"objectId\":null,\"email\":" + (owner == null ? "null" : "\"" + owner + "\"")
                + ",\"assignedTo\":" + (owner == null ? "null" : "\"" + owner + "\"") + ",\"userPrincipalName\":"
                + (owner == null ? "null" : "\"" + owner + "\"") + "},\"labels\":[],\"incidentNumber\":" + number
                + ",\"createdTimeUtc\":\"2026-12-01T08:15:00Z\",\"lastModifiedTimeUtc\":\"2026-12-01T08:15:00Z\","
                + "\"incidentUrl\":\"https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident" + WS
                + "/incidents/" + name + "\",\"additionalData\":{\"alertsCount\":1},\"relatedAnalyticRuleIds\":[]}}";
    }

    @Test
    void listsWithThePolicysFilterAndFollowsNextLink() throws Exception {
        String second = "2f9e4c5b-8d2a-4f3e-9b1c-7a6d5e4f3c2b";
        fake.stubFor(get(urlPathEqualTo(WS + "/incidents")).withQueryParam("$skipToken", WireMock.absent())
                .willReturn(json(200, "{\"value\":[" + incident(NAME, 42, "Active", "a1", null) + "],\"nextLink\":\""
                        + ARM + WS + "/incidents?api-version=2024-03-01&$skipToken=page2\"}")));
        fake.stubFor(get(urlPathEqualTo(WS + "/incidents")).withQueryParam("$skipToken", equalTo("page2"))
                .willReturn(json(200, "{\"value\":[" + incident(second, 41, "Active", "b1", null) + "]}")));
        String filter = SentinelApi.filter(List.of("High"), List.of("Active"));
        assertEquals("properties/severity eq 'High' and properties/status eq 'Active'", filter);
        AzureFake.Calls calls = new AzureFake.Calls();
        SentinelApi.Page first = sentinel.list(workspace, filter, 25, null, calls);
        assertEquals(List.of(42), first.incidents().stream().map(SentinelApi.Incident::number).toList());
        assertEquals("\"a1\"", first.incidents().get(0).etag());
        assertTrue(first.nextLink().endsWith("$skipToken=page2"), first.nextLink());
        SentinelApi.Page next = sentinel.list(workspace, filter, 25, first.nextLink(), calls);
        assertEquals(List.of(41), next.incidents().stream().map(SentinelApi.Incident::number).toList());
        assertNull(next.nextLink());

        LoggedRequest list = fake.findAll(getRequestedFor(urlPathEqualTo(WS + "/incidents"))).get(0);
        assertEquals("2024-03-01", list.queryParameter("api-version").firstValue());
        assertEquals("properties/severity eq 'High' and properties/status eq 'Active'",
                list.queryParameter("$filter").firstValue());
        assertEquals("properties/createdTimeUtc desc", list.queryParameter("$orderby").firstValue());
        assertEquals("25", list.queryParameter("$top").firstValue());
        assertEquals("Bearer " + TOKEN, list.getHeader("Authorization"));
        assertEquals(List.of("GET " + ARM + WS + "/incidents?api-version=2024-03-01&$filter=properties%2Fseverity%20eq"
                        + "%20%27High%27%20and%20properties%2Fstatus%20eq%20%27Active%27&$orderby=properties%2F"
                        + "createdTimeUtc%20desc&$top=25 200",
                "GET " + ARM + WS + "/incidents?api-version=2024-03-01&$skipToken=page2 200"), calls.lines());
        assertEquals("(properties/severity eq 'High' or properties/severity eq 'Medium')",
                SentinelApi.filter(List.of("High", "Medium"), List.of()));
    }

    @Test
    void assignsWithThePutTheSpecDefinesCarryingTheEtag() throws Exception {
        fake.stubFor(get(urlPathEqualTo(INCIDENT)).willReturn(json(200, incident(NAME, 42, "New", "a1", null))));
        fake.stubFor(put(urlPathEqualTo(INCIDENT)).willReturn(json(200,
                incident(NAME, 42, "Active", "a2", "rita.sentinel@example.com"))));
        AzureFake.Calls calls = new AzureFake.Calls();
        SentinelApi.Incident read = sentinel.get(workspace, NAME, calls);
        SentinelApi.Written written = sentinel.update(workspace, read, Json.createObjectBuilder()
                .add("owner", Json.createObjectBuilder().add("assignedTo", "rita.sentinel@example.com"))
                .add("status", "Active").build(), calls);
        assertFalse(written.conflict());
        assertEquals("\"a1\"", written.etagBefore());
        assertEquals("\"a2\"", written.etagAfter());
        assertEquals("rita.sentinel@example.com", written.incident().owner());
        fake.verify(putRequestedFor(urlPathEqualTo(INCIDENT)).withQueryParam("api-version", equalTo("2024-03-01"))
                .withHeader("If-Match", equalTo("\"a1\"")).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"etag\":\"\\\"a1\\\"\",\"properties\":{\"title\":\"Suspicious sign-in"
                        + " from a new country\",\"description\":\"\",\"severity\":\"High\",\"status\":\"Active\","
                        + "\"owner\":{\"assignedTo\":\"rita.sentinel@example.com\"},\"labels\":[]}}")));
        assertEquals(2, calls.calls.size());
        assertTrue(calls.calls.get(1).requestId() != null, "x-ms-request-id kept");
    }

    @Test
    void aChangedIncidentAnswers412AsAConflictAndNothingIsOverwritten() throws Exception {
        fake.stubFor(put(urlPathEqualTo(INCIDENT)).willReturn(armError(412, "PreconditionFailed",
                "The incident was modified by another user since it was read.")));
        SentinelApi.Incident read = SentinelApi.Incident.of(Json.createReader(new java.io.StringReader(
                incident(NAME, 42, "New", "stale", null))).readObject());
        SentinelApi.Written written = sentinel.update(workspace, read, Json.createObjectBuilder()
                .add("status", "Active").build(), CallLog.NONE);
        assertTrue(written.conflict());
        assertEquals(412, written.status());
        fake.verify(1, putRequestedFor(urlPathEqualTo(INCIDENT)).withHeader("If-Match", equalTo("\"stale\"")));
    }

    @Test
    void closesWithClassificationAndAddsACommentUnderItsOwnId() throws Exception {
        fake.stubFor(put(urlPathEqualTo(INCIDENT)).willReturn(json(200, incident(NAME, 42, "Closed", "c2", null))));
        String comment = "0d1e2f3a-4b5c-4d6e-8f70-819203a4b5c6";
        fake.stubFor(put(urlPathEqualTo(INCIDENT + "/comments/" + comment)).willReturn(json(200,
                "{\"id\":\"" + INCIDENT + "/comments/" + comment + "\",\"name\":\"" + comment + "\",\"etag\":\"\\\"k1\\\"\","
                        + "\"properties\":{\"message\":\"Resolved as INC-2026-001\",\"createdTimeUtc\":"
                        + "\"2026-12-02T10:00:00Z\"}}")));
        SentinelApi.Incident read = SentinelApi.Incident.of(Json.createReader(new java.io.StringReader(
                incident(NAME, 42, "Active", "c1", "rita@example.com"))).readObject());
        sentinel.update(workspace, read, Json.createObjectBuilder().add("status", "Closed")
                .add("classification", "TruePositive").add("classificationReason", "SuspiciousActivity")
                .add("classificationComment", "Resolved as INC-2026-001").build(), CallLog.NONE);
        fake.verify(putRequestedFor(urlPathEqualTo(INCIDENT)).withHeader("If-Match", equalTo("\"c1\""))
                .withRequestBody(equalToJson("{\"etag\":\"\\\"c1\\\"\",\"properties\":{\"title\":\"Suspicious sign-in"
                        + " from a new country\",\"description\":\"\",\"severity\":\"High\",\"status\":\"Closed\","
                        + "\"classification\":\"TruePositive\",\"classificationReason\":\"SuspiciousActivity\","
                        + "\"classificationComment\":\"Resolved as INC-2026-001\",\"owner\":{\"email\":"
                        + "\"rita@example.com\",\"assignedTo\":\"rita@example.com\",\"userPrincipalName\":"
                        + "\"rita@example.com\"},\"labels\":[]}}")));
        ArmRest.Answer answer = sentinel.comment(workspace, NAME, comment, "Resolved as INC-2026-001", CallLog.NONE);
        assertEquals(200, answer.status());
        fake.verify(putRequestedFor(urlPathEqualTo(INCIDENT + "/comments/" + comment))
                .withQueryParam("api-version", equalTo("2024-03-01"))
                .withRequestBody(equalToJson("{\"properties\":{\"message\":\"Resolved as INC-2026-001\"}}")));
    }

    @Test
    void refusesANameThatIsNotAGuidBeforeCallingAzure() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sentinel.get(workspace, "../../roleAssignments/x", CallLog.NONE));
        assertEquals("\"../../roleAssignments/x\" is not a Sentinel incident name (a GUID).", e.getMessage());
    }

    @Test
    void azureErrorsComeBackInAzuresWords() {
        fake.stubFor(get(urlPathEqualTo(INCIDENT)).willReturn(armError(403, "AuthorizationFailed",
                "The client 'attest' does not have authorization to perform action"
                        + " 'Microsoft.SecurityInsights/incidents/read'.")));
        AzureFailure failure = assertThrows(AzureFailure.class, () -> sentinel.get(workspace, NAME, CallLog.NONE));
        assertEquals(403, failure.status());
        assertEquals("Reading Sentinel incident " + NAME + ": 403 AuthorizationFailed: The client 'attest' does not"
                + " have authorization to perform action 'Microsoft.SecurityInsights/incidents/read'.",
                failure.getMessage());
    }

    @Test
    void collectsTheIncidentsOfAPeriodWithTheirAlertsEntitiesAndComments() throws Exception {
        fake.stubFor(get(urlPathEqualTo(WS + "/incidents")).willReturn(json(200, "{\"value\":["
                + incident(NAME, 42, "Closed", "e1", null) + "]}")));
        fake.stubFor(post(urlPathEqualTo(INCIDENT + "/alerts")).willReturn(json(200, "{\"value\":[{\"id\":\"" + WS
                + "/entities/a1\",\"name\":\"a1\",\"kind\":\"SecurityAlert\",\"properties\":{\"alertDisplayName\":"
                + "\"Sign-in from a new country\",\"severity\":\"High\",\"status\":\"New\"}}]}")));
        fake.stubFor(post(urlPathEqualTo(INCIDENT + "/entities")).willReturn(json(200, "{\"entities\":[{\"id\":\""
                + WS + "/entities/h1\",\"name\":\"h1\",\"kind\":\"Host\",\"properties\":{\"hostName\":\"vm-web-01\"}}],"
                + "\"metaData\":[{\"count\":1,\"entityKind\":\"Host\"}]}")));
        fake.stubFor(get(urlPathEqualTo(INCIDENT + "/comments")).withQueryParam("$skipToken", WireMock.absent())
                .willReturn(json(200, "{\"value\":[],\"nextLink\":\"" + ARM + INCIDENT
                        + "/comments?api-version=2024-03-01&$skipToken=c2\"}")));
        fake.stubFor(get(urlPathEqualTo(INCIDENT + "/comments")).withQueryParam("$skipToken", equalTo("c2"))
                .willReturn(json(200, "{\"value\":[{\"name\":\"c\",\"properties\":{\"message\":\"Looked at it\"}}]}")));
        List<ArmRest.Answer> pages = sentinel.history(workspace, Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00Z"), 100, CallLog.NONE);
        assertEquals(List.of("GET /incidents", "POST /alerts", "POST /entities", "GET /comments", "GET /comments"),
                pages.stream().map(p -> p.method() + " " + p.url().substring(p.url().lastIndexOf('/'),
                        p.url().indexOf('?'))).toList());
        LoggedRequest list = fake.findAll(getRequestedFor(urlPathEqualTo(WS + "/incidents"))).get(0);
        assertEquals("properties/createdTimeUtc ge 2026-12-01T00:00:00Z and properties/createdTimeUtc lt"
                + " 2026-12-02T00:00:00Z", list.queryParameter("$filter").firstValue());
        assertTrue(pages.get(4).text().contains("Looked at it"));
    }

    @Test
    void collectsDefenderAlertHistoryAndPlaybookRunsPageByPage() throws Exception {
        String alerts = "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Security/alerts";
        fake.stubFor(get(urlPathEqualTo(alerts)).withQueryParam("$skipToken", WireMock.absent()).willReturn(json(200,
                "{\"value\":[{\"id\":\"" + alerts + "/x\",\"name\":\"x\",\"properties\":{\"alertDisplayName\":"
                        + "\"Crypto mining\",\"severity\":\"High\"}}],\"nextLink\":\"" + ARM + alerts
                        + "?api-version=2022-01-01&$skipToken=p2\"}")));
        fake.stubFor(get(urlPathEqualTo(alerts)).withQueryParam("$skipToken", equalTo("p2")).willReturn(json(200,
                "{\"value\":[]}")));
        List<ArmRest.Answer> pages = history.defenderAlerts(SUBSCRIPTION, 10, CallLog.NONE);
        assertEquals(2, pages.size());
        assertEquals(ARM + alerts + "?api-version=2022-01-01", pages.get(0).url());

        String runs = "/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/rg-security/providers/Microsoft.Logic/workflows/logic-sentinel-alert/runs";
        fake.stubFor(get(urlPathEqualTo(runs)).willReturn(json(200, "{\"value\":[{\"name\":\"08584\",\"properties\":"
                + "{\"status\":\"Succeeded\",\"startTime\":\"2026-12-01T08:16:00Z\",\"trigger\":{\"name\":"
                + "\"Microsoft_Sentinel_incident\",\"status\":\"Succeeded\"}}}]}")));
        Playbook playbook = new Playbook("/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/rg-security/providers/Microsoft.Logic/workflows/logic-sentinel-alert", SUBSCRIPTION,
                "logic-sentinel-alert");
        List<ArmRest.Answer> runPages = history.playbookRuns(playbook, Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00Z"), 10, CallLog.NONE);
        assertEquals(1, runPages.size());
        LoggedRequest request = fake.findAll(getRequestedFor(urlPathEqualTo(runs))).get(0);
        assertEquals("2019-05-01", request.queryParameter("api-version").firstValue());
        assertEquals("StartTime ge 2026-12-01T00:00:00Z and StartTime lt 2026-12-02T00:00:00Z",
                request.queryParameter("$filter").firstValue());
    }

    @Test
    void aTruncatedPageIsRefusedNotKeptAsIfWhole() {
        String alerts = "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Security/alerts";
        fake.stubFor(get(urlPathEqualTo(alerts)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"value\":[{\"id\":\"x\",\"prop")));
        AzureFailure failure = assertThrows(AzureFailure.class,
                () -> history.defenderAlerts(SUBSCRIPTION, 10, CallLog.NONE));
        assertTrue(failure.getMessage().startsWith("Listing the Defender for Cloud alerts of subscription "
                + SUBSCRIPTION + " (page 1): Azure's answer is not complete JSON ("), failure.getMessage());
    }
}
