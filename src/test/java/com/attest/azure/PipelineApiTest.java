package com.attest.azure;

import static com.attest.azure.AzureFake.SUBSCRIPTION;
import static com.attest.azure.AzureFake.TOKEN;
import static com.attest.azure.AzureFake.armError;
import static com.attest.azure.AzureFake.json;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.InvalidInput;
import com.attest.testing.PipelineFixtures;
import com.attest.testing.PipelineFixtures.Variant;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The detection pipeline's reads through the azure-core pipeline against a fake Resource Manager: the exact request
 * of each (method, path, api-version, $top, bearer token), bodies kept byte for byte, Azure's refusals in its words,
 * and a resource outside the configured subscriptions refused before anything is sent.
 */
class PipelineApiTest {

    static final String ARM = "https://management.azure.com";
    static final String SUB = "/subscriptions/" + SUBSCRIPTION;
    static final String WS = SUB + "/resourceGroups/rg-security/providers/Microsoft.OperationalInsights/workspaces/"
            + "law-soc2-prod/providers/Microsoft.SecurityInsights";

    @RegisterExtension
    static WireMockExtension fake = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static PipelineApi api;
    private static SentinelWorkspace workspace;

    @BeforeAll
    static void clients() {
        Map<String, String> config = new TreeMap<>(AzureFake.config(fake, 0, "1.5"));
        config.put("attest.azure.sentinel-workspaces", "soc");
        config.put("attest.azure.sentinel.soc.subscription", "prod");
        config.put("attest.azure.sentinel.soc.resource-group", "rg-security");
        config.put("attest.azure.sentinel.soc.workspace", "law-soc2-prod");
        AzureSettings settings = AzureSettings.of(config);
        assertEquals(List.of(), settings.problems());
        workspace = settings.sentinelWorkspace("soc").orElseThrow();
        api = new PipelineApi(new AzureClients(settings));
    }

    @BeforeEach
    void signIn() {
        fake.resetAll();
        AzureFake.tokenEndpoint(fake);
    }

    @Test
    void readsEachListWithItsApiVersion() throws Exception {
        String groups = PipelineFixtures.actionGroups(SUBSCRIPTION, Variant.HEALTHY, "https://attest.contoso.com/api/intake/azure-monitor");
        fake.stubFor(get(urlPathEqualTo(SUB + "/providers/Microsoft.Insights/actionGroups")).willReturn(json(200, groups)));
        fake.stubFor(get(urlPathEqualTo(SUB + "/providers/Microsoft.Security/automations"))
                .willReturn(json(200, PipelineFixtures.automations(SUBSCRIPTION, Variant.HEALTHY))));
        fake.stubFor(get(urlPathEqualTo(SUB + "/providers/Microsoft.Logic/workflows"))
                .willReturn(json(200, PipelineFixtures.workflows(SUBSCRIPTION))));
        fake.stubFor(get(urlPathEqualTo(WS + "/automationRules"))
                .willReturn(json(200, PipelineFixtures.automationRules(WS, SUBSCRIPTION))));
        String workflow = PipelineFixtures.workflowId(SUBSCRIPTION, PipelineFixtures.ROUTE_LOGIC_APP);
        fake.stubFor(get(urlPathEqualTo(workflow + "/runs")).willReturn(json(200,
                PipelineFixtures.runs(SUBSCRIPTION, PipelineFixtures.ROUTE_LOGIC_APP, "Succeeded"))));

        AzureFake.Calls calls = new AzureFake.Calls();
        List<ArmRest.Answer> read = api.actionGroups(SUBSCRIPTION.toUpperCase(), calls);
        assertEquals(groups, read.get(0).text(), "kept byte for byte");
        api.automations(SUBSCRIPTION, calls);
        api.workflows(SUBSCRIPTION, calls);
        api.automationRules(workspace, calls);
        api.latestRuns(workflow, 5, calls);

        assertEquals(List.of(
                "GET " + ARM + SUB + "/providers/Microsoft.Insights/actionGroups?api-version=2023-01-01 200",
                "GET " + ARM + SUB + "/providers/Microsoft.Security/automations?api-version=2023-12-01-preview 200",
                "GET " + ARM + SUB + "/providers/Microsoft.Logic/workflows?api-version=2019-05-01 200",
                "GET " + ARM + WS + "/automationRules?api-version=2023-02-01 200",
                "GET " + ARM + workflow + "/runs?api-version=2019-05-01&$top=5 200"), calls.lines());
        LoggedRequest first = fake.findAll(getRequestedFor(urlPathEqualTo(SUB
                + "/providers/Microsoft.Insights/actionGroups"))).get(0);
        assertEquals("Bearer " + TOKEN, first.getHeader("Authorization"));
    }

    @Test
    void asksTheActionGroupForATestNotificationWithThePostTheSpecDefines() throws Exception {
        String group = SUB + "/resourceGroups/rg-soc/providers/microsoft.insights/actionGroups/ag-security-oncall";
        fake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(group + "/createNotifications"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202)
                        .withHeader("Location", ARM + group + "/notificationStatus/11000222033?api-version=2023-01-01")));
        String body = "{\"alertType\":\"servicehealth\",\"webhookReceivers\":[{\"name\":\"attest-intake\","
                + "\"serviceUri\":\"https://attest.contoso.com/api/intake/azure-monitor?key=k\","
                + "\"useCommonAlertSchema\":true,\"useAadAuth\":false}]}";
        AzureFake.Calls calls = new AzureFake.Calls();
        ArmRest.Answer answer = api.createNotifications(group, body, calls);
        assertEquals(202, answer.status());
        assertEquals(List.of("POST " + ARM + group + "/createNotifications?api-version=2023-01-01 202"), calls.lines());
        fake.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(group
                + "/createNotifications")).withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock
                .equalTo("application/json")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .equalToJson(body)));
        InvalidInput elsewhere = assertThrows(InvalidInput.class, () -> api.createNotifications("/subscriptions/"
                + "99999999-8888-7777-6666-555555555555/resourceGroups/rg/providers/microsoft.insights/actionGroups/ag",
                body, CallLog.NONE));
        assertTrue(elsewhere.errors().get(0).message().contains("is not among the configured Azure subscriptions"));
    }

    @Test
    void azureRefusalsComeBackInAzuresWords() {
        fake.stubFor(get(urlPathEqualTo(SUB + "/providers/Microsoft.Insights/actionGroups")).willReturn(armError(403,
                "AuthorizationFailed", "The client 'attest' does not have authorization to perform action"
                        + " 'Microsoft.Insights/actionGroups/read' over scope '" + SUB + "'.")));
        AzureFailure refused = assertThrows(AzureFailure.class, () -> api.actionGroups(SUBSCRIPTION, CallLog.NONE));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().startsWith("Listing the action groups of subscription " + SUBSCRIPTION),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("AuthorizationFailed") && refused.getMessage().contains(
                "does not have authorization to perform action 'Microsoft.Insights/actionGroups/read'"),
                refused.getMessage());

        fake.stubFor(get(urlPathEqualTo(SUB + "/providers/Microsoft.Security/automations"))
                .willReturn(armError(429, "TooManyRequests", "Rate limit exceeded.").withHeader("Retry-After", "0")));
        AzureFailure throttled = assertThrows(AzureFailure.class, () -> api.automations(SUBSCRIPTION, CallLog.NONE));
        assertEquals(429, throttled.status());
    }

    @Test
    void aResourceOutsideTheConfiguredSubscriptionsIsRefusedBeforeAnythingIsSent() {
        InvalidInput other = assertThrows(InvalidInput.class, () -> api.latestRuns("/subscriptions/"
                + "99999999-8888-7777-6666-555555555555/resourceGroups/rg/providers/Microsoft.Logic/workflows/x", 5,
                CallLog.NONE));
        assertEquals("Subscription 99999999-8888-7777-6666-555555555555 is not among the configured Azure"
                + " subscriptions.", other.errors().get(0).message());
        InvalidInput notAWorkflow = assertThrows(InvalidInput.class, () -> api.latestRuns(SUB
                + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", 5, CallLog.NONE));
        assertTrue(notAWorkflow.errors().get(0).message().startsWith("Not a Logic App workflow id"));
        assertThrows(InvalidInput.class, () -> api.workflows("99999999-8888-7777-6666-555555555555", CallLog.NONE));
        assertEquals(0, fake.getAllServeEvents().stream().filter(e -> !e.getRequest().getUrl().contains("oauth2"))
                .count());
    }
}
