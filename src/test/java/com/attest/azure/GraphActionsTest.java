package com.attest.azure;

import static com.attest.azure.AzureFake.TOKEN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Microsoft Graph actions through the real Graph client, signed in as the attest.graph.* app registration. */
class GraphActionsTest {

    private static final String UPN_PATH = "/v1.0/users/j.doe%40contoso.com";
    private static final String USER_ID = "2c9e4f1a-7b3d-4e5f-8a6b-9c0d1e2f3a4b";
    private static final String SP_ID = "7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b";

    @RegisterExtension
    static WireMockExtension fake = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static SdkAzureActions actions;

    @BeforeAll
    static void clients() {
        AzureSettings settings = AzureSettings.of(AzureFake.config(fake, 1, "1.5"));
        actions = new SdkAzureActions(new AzureClients(settings));
    }

    @BeforeEach
    void signIn() {
        AzureFake.tokenEndpoint(fake);
    }

    private static ResponseDefinitionBuilder graph(int status, String body) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status)
                .withHeader("request-id", "graph-req-" + status)
                .withHeader("client-request-id", "graph-client-" + status);
        return body == null ? response : response.withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String user(boolean enabled) {
        return "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName,"
                + "accountEnabled)/$entity\",\"id\":\"" + USER_ID + "\",\"userPrincipalName\":\"j.doe@contoso.com\","
                + "\"accountEnabled\":" + enabled + "}";
    }

    private static void assertBearerOnEveryGraphRequest() {
        List<LoggedRequest> requests = fake.findAll(WireMock.anyRequestedFor(WireMock.urlPathMatching("/v1\\.0/.*")));
        assertFalse(requests.isEmpty());
        for (LoggedRequest request : requests) {
            assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"), request.getUrl());
        }
    }

    @Test
    void disablingAUserSetsAccountEnabledFalse() throws Exception {
        fake.stubFor(get(urlPathEqualTo(UPN_PATH)).willReturn(graph(200, user(true))));
        fake.stubFor(patch(urlPathEqualTo(UPN_PATH)).willReturn(graph(204, null)));
        AzureFake.Calls log = new AzureFake.Calls();

        ActionResult result = actions.disableUser("j.doe@contoso.com", log);

        assertFalse(result.alreadyInEffect());
        assertEquals("j.doe@contoso.com disabled (accountEnabled=false)", result.summary());
        assertTrue(result.before().contains("\"accountEnabled\":true"), result.before());
        assertTrue(result.after().contains("\"accountEnabled\":false"), result.after());
        fake.verify(WireMock.getRequestedFor(urlPathEqualTo(UPN_PATH))
                .withQueryParam("$select", containing("accountEnabled")));
        fake.verify(patchRequestedFor(urlPathEqualTo(UPN_PATH))
                .withRequestBody(matchingJsonPath("$.accountEnabled", equalTo("false"))));
        assertBearerOnEveryGraphRequest();
        assertEquals(List.of("GET", "PATCH"), log.calls.stream().map(AzureCall::method).toList());
        assertEquals(List.of(200, 204), log.calls.stream().map(AzureCall::status).toList());
        assertEquals("graph-req-204", log.calls.get(1).requestId());
        assertEquals("graph-client-204", log.calls.get(1).correlationId());
        assertTrue(log.calls.get(1).summary().contains("accountEnabled=false"), log.calls.get(1).summary());
        assertTrue(log.calls.get(1).url().startsWith(fake.baseUrl() + UPN_PATH), log.calls.get(1).url());
    }

    @Test
    void aDisabledUserIsAlreadyInEffect() throws Exception {
        fake.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER_ID)).willReturn(graph(200, user(false))));

        ActionResult result = actions.disableUser(USER_ID, CallLog.NONE);

        assertTrue(result.alreadyInEffect());
        assertEquals(USER_ID + " already disabled", result.summary());
        fake.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void revokingSessions() throws Exception {
        fake.stubFor(get(urlPathEqualTo(UPN_PATH)).willReturn(graph(200, "{\"id\":\"" + USER_ID + "\","
                + "\"userPrincipalName\":\"j.doe@contoso.com\",\"signInSessionsValidFromDateTime\":"
                + "\"2026-02-01T08:00:00Z\"}")));
        fake.stubFor(post(urlPathEqualTo(UPN_PATH + "/revokeSignInSessions")).willReturn(graph(200,
                "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean\",\"value\":true}")));

        ActionResult result = actions.revokeSessions("j.doe@contoso.com", CallLog.NONE);

        assertEquals("j.doe@contoso.com: sign-in sessions revoked", result.summary());
        assertTrue(result.before().contains("2026-02-01T08:00Z"), result.before());
        fake.verify(1, postRequestedFor(urlPathEqualTo(UPN_PATH + "/revokeSignInSessions")));
        assertBearerOnEveryGraphRequest();
    }

    @Test
    void disablingAServicePrincipal() throws Exception {
        String path = "/v1.0/servicePrincipals/" + SP_ID;
        fake.stubFor(get(urlPathEqualTo(path)).willReturn(graph(200, "{\"id\":\"" + SP_ID + "\",\"appId\":"
                + "\"4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a\",\"displayName\":\"ci-deployer\",\"accountEnabled\":true}")));
        fake.stubFor(patch(urlPathEqualTo(path)).willReturn(graph(204, null)));

        ActionResult result = actions.disableServicePrincipal(SP_ID, CallLog.NONE);

        assertEquals("service principal ci-deployer disabled (accountEnabled=false)", result.summary());
        fake.verify(patchRequestedFor(urlPathEqualTo(path))
                .withRequestBody(matchingJsonPath("$.accountEnabled", equalTo("false"))));
        assertBearerOnEveryGraphRequest();

        fake.resetRequests();
        fake.stubFor(get(urlPathEqualTo(path)).willReturn(graph(200, "{\"id\":\"" + SP_ID + "\",\"displayName\":"
                + "\"ci-deployer\",\"accountEnabled\":false}")));
        ActionResult again = actions.disableServicePrincipal(SP_ID, CallLog.NONE);
        assertTrue(again.alreadyInEffect());
        assertEquals("service principal ci-deployer already disabled", again.summary());
        fake.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void anUnknownUserIsGraphsNotFound() {
        fake.stubFor(get(urlPathEqualTo(UPN_PATH)).willReturn(graph(404, "{\"error\":{\"code\":"
                + "\"Request_ResourceNotFound\",\"message\":\"Resource 'j.doe@contoso.com' does not exist or one of "
                + "its queried reference-property objects are not present.\",\"innerError\":{\"request-id\":"
                + "\"graph-req-404\"}}}")));
        AzureFake.Calls log = new AzureFake.Calls();

        AzureFailure failure = assertThrows(AzureFailure.class, () -> actions.disableUser("j.doe@contoso.com", log));

        assertEquals(404, failure.status());
        assertEquals("Request_ResourceNotFound", failure.code());
        assertTrue(failure.getMessage().startsWith("Reading the user: 404 Request_ResourceNotFound: Resource "
                + "'j.doe@contoso.com' does not exist"), failure.getMessage());
        fake.verify(0, patchRequestedFor(anyUrl()));
        assertEquals(1, log.calls.size());
        assertTrue(log.calls.get(0).error().startsWith("Request_ResourceNotFound: Resource"),
                log.calls.get(0).error());
    }

    @Test
    void graphThrottlingCarriesRetryAfter() {
        fake.stubFor(get(urlPathEqualTo(UPN_PATH)).willReturn(graph(429, "{\"error\":{\"code\":"
                + "\"TooManyRequests\",\"message\":\"Too many requests.\"}}").withHeader("Retry-After", "90")));

        AzureFailure failure = assertThrows(AzureFailure.class, () -> actions.disableUser("j.doe@contoso.com",
                CallLog.NONE));

        assertEquals(429, failure.status());
        assertEquals(java.time.Duration.ofSeconds(90), failure.retryAfter());
        fake.verify(1, WireMock.getRequestedFor(urlPathEqualTo(UPN_PATH))); // 90 s is longer than the timeout
    }

    @Test
    void checkingTheGraphIdentitySignsInWithItsSecret() throws Exception {
        SdkAzureActions fresh = new SdkAzureActions(new AzureClients(AzureSettings.of(AzureFake.config(fake, 0,
                "1.5"))));

        String answer = fresh.checkIdentity(null);

        fake.verify(1, postRequestedFor(urlPathEqualTo("/" + AzureFake.GRAPH_TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_id=" + AzureFake.GRAPH_CLIENT))
                .withRequestBody(containing("client_secret=" + AzureFake.GRAPH_SECRET))
                .withRequestBody(containing("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")));

        assertTrue(answer.startsWith("graph (client secret, client " + AzureFake.GRAPH_CLIENT + "): signed in for "
                + "https://graph.microsoft.com/.default"), answer);
    }

    @Test
    void malformedUsersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> actions.disableUser("../servicePrincipals", CallLog.NONE));
        assertThrows(IllegalArgumentException.class, () -> actions.revokeSessions("", CallLog.NONE));
        assertThrows(IllegalArgumentException.class, () -> actions.disableServicePrincipal("ci-deployer",
                CallLog.NONE));
        fake.verify(0, WireMock.anyRequestedFor(anyUrl()));
    }

    @Test
    void theAuditLogOfAWindowIsReadPageByPageAndKeptAsOneFile() throws Exception {
        String first = "{\"value\":[{\"id\":\"Directory_1\",\"activityDisplayName\":\"Add member to role\","
                + "\"activityDateTime\":\"2026-03-01T10:05:00Z\",\"result\":\"success\"}],\"@odata.nextLink\":\""
                + fake.baseUrl() + "/v1.0/auditLogs/directoryAudits?$skiptoken=page2\"}";
        String second = "{\"value\":[{\"id\":\"Directory_2\",\"activityDisplayName\":\"Update application\","
                + "\"activityDateTime\":\"2026-03-01T11:00:00Z\",\"result\":\"failure\"}]}";
        fake.stubFor(get(urlPathEqualTo("/v1.0/auditLogs/directoryAudits")).withQueryParam("$skiptoken", absent())
                .willReturn(graph(200, first)));
        fake.stubFor(get(urlPathEqualTo("/v1.0/auditLogs/directoryAudits")).withQueryParam("$skiptoken",
                equalTo("page2")).willReturn(graph(200, second)));
        AzureFake.Calls log = new AzureFake.Calls();

        ActionResult result = actions.collectDirectoryAudits(java.time.Instant.parse("2026-03-01T09:00:00Z"),
                java.time.Instant.parse("2026-03-02T09:00:00Z"), "audit.json", log);

        fake.verify(getRequestedFor(urlPathEqualTo("/v1.0/auditLogs/directoryAudits"))
                .withQueryParam("$filter", equalTo("activityDateTime ge 2026-03-01T09:00:00Z and activityDateTime le"
                        + " 2026-03-02T09:00:00Z"))
                .withQueryParam("$top", equalTo("500")));
        assertBearerOnEveryGraphRequest();
        assertEquals("2 audit entries from 2026-03-01T09:00:00Z to 2026-03-02T09:00:00Z", result.summary());
        String file = new String(result.file(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(file.contains("Directory_1") && file.contains("Directory_2"), file);
        assertTrue(file.contains("\"count\":2") && file.contains("\"id\":\"Directory_1\""),
                file);
        assertEquals(2, log.calls.stream().filter(c -> c.url().contains("directoryAudits")).count());
        assertThrows(IllegalArgumentException.class, () -> actions.collectDirectoryAudits(
                java.time.Instant.parse("2026-03-02T09:00:00Z"), java.time.Instant.parse("2026-03-01T09:00:00Z"),
                null, CallLog.NONE));
    }
}
