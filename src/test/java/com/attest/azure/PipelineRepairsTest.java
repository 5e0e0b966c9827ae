package com.attest.azure;

import static com.attest.azure.AzureFake.SUBSCRIPTION;
import static com.attest.azure.AzureFake.TOKEN;
import static com.attest.azure.AzureFake.armError;
import static com.attest.azure.AzureFake.json;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.PipelineFixtures;
import com.attest.testing.PipelineFixtures.Variant;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The repair of the policy's action group: the body built from what Azure has (receivers kept, enabled, the portal's
 * webhook with the common alert schema and a key), and the exact requests through the azure-core pipeline (method,
 * path, api-version, body, bearer token); a 404 read is "does not exist", a refused write is Azure's words, and no
 * recorded call keeps an intake key.
 */
class PipelineRepairsTest {

    static final String INTAKE = "https://attest.contoso.com/api/intake/azure-monitor";
    static final String ID = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-soc/providers/"
            + "Microsoft.Insights/actionGroups/ag-security-oncall";

    @RegisterExtension
    static WireMockExtension fake = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static PipelineApi api;

    @BeforeAll
    static void clients() {
        api = new PipelineApi(new AzureClients(AzureSettings.of(AzureFake.config(fake, 0, "1.5"))));
    }

    @BeforeEach
    void signIn() {
        fake.resetAll();
        AzureFake.tokenEndpoint(fake);
    }

    @Test
    void aDisabledGroupIsEnabledKeepingEveryReceiverAndItsKey() {
        JsonObject group = group(Variant.ACTION_GROUP_DISABLED);
        JsonObject body = read(PipelineRepairs.actionGroup(group, "ag-security-oncall", INTAKE, "attest-intake"));
        JsonObject p = body.getJsonObject("properties");
        assertEquals("Global", body.getString("location"));
        assertTrue(p.getBoolean("enabled"));
        assertEquals("seconcall", p.getString("groupShortName"));
        assertEquals("security-oncall@contoso.com", p.getJsonArray("emailReceivers").getJsonObject(0)
                .getString("emailAddress"), "the e-mail receiver is kept");
        assertEquals(1, p.getJsonArray("webhookReceivers").size());
        JsonObject webhook = p.getJsonArray("webhookReceivers").getJsonObject(0);
        assertEquals(INTAKE + "?key=fake-intake-key", webhook.getString("serviceUri"), "its key is kept, no new one");
        assertTrue(webhook.getBoolean("useCommonAlertSchema"));
        assertFalse(PipelineRepairs.needsKey(body.toString()));
    }

    @Test
    void aWebhookPostingElsewhereIsPointedAtTheIntakeWithANewKey() {
        String body = PipelineRepairs.actionGroup(group(Variant.WEBHOOK_ELSEWHERE), "ag-security-oncall", INTAKE,
                "attest-intake");
        assertTrue(PipelineRepairs.needsKey(body));
        JsonObject webhook = read(body).getJsonObject("properties").getJsonArray("webhookReceivers").getJsonObject(0);
        assertEquals("attest-intake", webhook.getString("name"));
        assertEquals(INTAKE + "?key=" + PipelineRepairs.NEW_KEY, webhook.getString("serviceUri"));
        assertEquals(INTAKE + "?key=atk_abc", read(PipelineRepairs.withNewKey(body, "atk_abc"))
                .getJsonObject("properties").getJsonArray("webhookReceivers").getJsonObject(0).getString("serviceUri"));
        assertFalse(PipelineRepairs.masked(PipelineRepairs.withNewKey(body, "atk_abc")).contains("atk_abc"));
        assertTrue(PipelineRepairs.masked(body).contains("?key=<new intake key>"), "a new key is shown as new");
        assertTrue(PipelineRepairs.masked(PipelineRepairs.actionGroup(group(Variant.ACTION_GROUP_DISABLED),
                "ag-security-oncall", INTAKE, "attest-intake")).contains("?key=*****"), "a kept key is masked");
    }

    @Test
    void aMissingGroupIsCreatedWithThePortalsWebhookOnly() {
        JsonObject body = read(PipelineRepairs.actionGroup(null, "ag-security-oncall", INTAKE, "attest-intake"));
        assertEquals("{\"location\":\"Global\",\"properties\":{\"groupShortName\":\"securityonca\",\"enabled\":true,"
                + "\"emailReceivers\":[],\"smsReceivers\":[],\"webhookReceivers\":[{\"name\":\"attest-intake\","
                + "\"serviceUri\":\"" + INTAKE + "?key=" + PipelineRepairs.NEW_KEY + "\",\"useCommonAlertSchema\":true,"
                + "\"useAadAuth\":false}],\"itsmReceivers\":[],\"azureAppPushReceivers\":[],"
                + "\"automationRunbookReceivers\":[],\"voiceReceivers\":[],\"logicAppReceivers\":[],"
                + "\"azureFunctionReceivers\":[],\"armRoleReceivers\":[],\"eventHubReceivers\":[]}}", body.toString());
    }

    @Test
    void theWriteIsOnePutOfTheWholeGroupWithItsApiVersion() throws Exception {
        fake.stubFor(get(urlPathEqualTo(ID)).willReturn(armError(404, "ResourceNotFound",
                "The Resource 'microsoft.insights/actiongroups/ag-security-oncall' was not found.")));
        assertNull(api.actionGroup(ID, CallLog.NONE), "404: it does not exist");

        String body = PipelineRepairs.withNewKey(PipelineRepairs.actionGroup(null, "ag-security-oncall", INTAKE,
                "attest-intake"), "atk_secretvalue");
        fake.stubFor(put(urlPathEqualTo(ID)).willReturn(json(201, body)));
        AzureFake.Calls calls = new AzureFake.Calls();
        ArmRest.Answer written = api.putActionGroup(ID, body, calls);
        assertEquals(201, written.status());
        fake.verify(putRequestedFor(urlEqualTo(ID + "?api-version=2023-01-01"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(body)));
        assertEquals(List.of("PUT https://management.azure.com" + ID + "?api-version=2023-01-01 201"), calls.lines());
        assertTrue(calls.calls.get(0).summary().contains("serviceUri=" + INTAKE + "?key=*****"),
                calls.calls.get(0).summary());
        assertFalse(calls.calls.get(0).summary().contains("atk_secretvalue"));
    }

    @Test
    void aRefusedWriteIsAzuresWords() {
        fake.stubFor(put(urlPathEqualTo(ID)).willReturn(armError(403, "AuthorizationFailed", "The client 'attest'"
                + " does not have authorization to perform action 'microsoft.insights/actionGroups/write'.")));
        AzureFailure failure = assertThrows(AzureFailure.class, () -> api.putActionGroup(ID, "{}", CallLog.NONE));
        assertEquals(403, failure.status());
        assertTrue(failure.getMessage().contains("Writing action group ag-security-oncall")
                && failure.getMessage().contains("does not have authorization"), failure.getMessage());
    }

    @Test
    void anAutomationRoutingToAGoneLogicAppIsPointedAtTheChosenOneKeepingItsScope() throws Exception {
        JsonObject automation = Json.createReader(new StringReader(PipelineFixtures.automations(SUBSCRIPTION,
                Variant.LOGIC_APP_MISSING))).readObject().getJsonArray("value").getJsonObject(0);
        String logicApp = PipelineFixtures.workflowId(SUBSCRIPTION, PipelineFixtures.ROUTE_LOGIC_APP);
        String body = PipelineRepairs.automation(automation, SUBSCRIPTION, List.of("High", "Medium"), logicApp,
                "westeurope");
        JsonObject p = read(body).getJsonObject("properties");
        assertEquals("westeurope", read(body).getString("location"));
        assertTrue(p.getBoolean("isEnabled"));
        assertEquals(1, p.getJsonArray("scopes").size(), "the subscription scope is there already");
        assertEquals("[{\"eventSource\":\"Alerts\",\"ruleSets\":[{\"rules\":[{\"propertyJPath\":\"Severity\","
                + "\"propertyType\":\"String\",\"expectedValue\":\"High\",\"operator\":\"Equals\"}]},{\"rules\":"
                + "[{\"propertyJPath\":\"Severity\",\"propertyType\":\"String\",\"expectedValue\":\"Medium\","
                + "\"operator\":\"Equals\"}]}]}]", p.getJsonArray("sources").toString());
        assertEquals("[{\"actionType\":\"LogicApp\",\"logicAppResourceId\":\"" + logicApp + "\",\"uri\":\""
                + PipelineRepairs.CALLBACK + "\"}]", p.getJsonArray("actions").toString());

        // the callback address is read with a POST, and the write is one PUT with its api-version
        String callback = "https://prod-00.westeurope.logic.azure.com:443/workflows/1/triggers/manual/paths/invoke"
                + "?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s3cr3tSignature";
        fake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(logicApp
                + "/triggers/manual/listCallbackUrl?api-version=2019-05-01")).willReturn(json(200,
                "{\"value\":\"" + callback + "\",\"method\":\"POST\"}")));
        assertEquals(callback, api.callbackUrl(logicApp, "manual", CallLog.NONE));
        String id = automation.getString("id");
        String sent = body.replace(PipelineRepairs.CALLBACK, callback);
        fake.stubFor(put(urlPathEqualTo(id)).willReturn(json(200, sent)));
        AzureFake.Calls calls = new AzureFake.Calls();
        api.putAutomation(id, sent, calls);
        fake.verify(putRequestedFor(urlEqualTo(id + "?api-version=2023-12-01-preview"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withRequestBody(equalToJson(sent)));
        assertFalse(calls.calls.get(0).summary().contains("s3cr3tSignature"), calls.calls.get(0).summary());
        assertFalse(PipelineRepairs.masked(sent).contains("s3cr3tSignature"));
    }

    @Test
    void withEntraIntakeTheWebhookIsASecureOneAndCarriesNoKey() {
        PipelineRepairs.SecureWebhook secure = new PipelineRepairs.SecureWebhook(
                "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6", "api://attest-intake", AzureFake.TENANT);
        String body = PipelineRepairs.actionGroup(group(Variant.WEBHOOK_ELSEWHERE), "ag-security-oncall", INTAKE,
                "attest-intake", secure);
        assertFalse(PipelineRepairs.needsKey(body));
        assertEquals("{\"name\":\"attest-intake\",\"serviceUri\":\"" + INTAKE + "\",\"useCommonAlertSchema\":true,"
                + "\"useAadAuth\":true,\"objectId\":\"1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6\",\"identifierUri\":"
                + "\"api://attest-intake\",\"tenantId\":\"" + AzureFake.TENANT + "\"}", read(body)
                .getJsonObject("properties").getJsonArray("webhookReceivers").getJsonObject(0).toString());
    }

    @Test
    void throttledAndSlowWritesAreAzuresWordsWithItsRetryAfter() {
        fake.stubFor(put(urlPathEqualTo(ID)).willReturn(json(429, "{\"error\":{\"code\":\"TooManyRequests\","
                + "\"message\":\"The request is being throttled.\"}}").withHeader("Retry-After", "17")));
        AzureFailure throttled = assertThrows(AzureFailure.class, () -> api.putActionGroup(ID, "{}", CallLog.NONE));
        assertEquals(429, throttled.status());
        assertEquals(17, throttled.retryAfter().toSeconds());
        assertTrue(throttled.getMessage().contains("throttled"), throttled.getMessage());

        fake.stubFor(put(urlPathEqualTo(ID)).willReturn(json(200, "{}").withFixedDelay(2500)));
        AzureFailure slow = assertThrows(AzureFailure.class, () -> api.putActionGroup(ID, "{}", CallLog.NONE));
        assertTrue(slow.timedOut(), slow.getMessage());
    }

    private static JsonObject group(Variant variant) {
        return Json.createReader(new StringReader(PipelineFixtures.actionGroups(SUBSCRIPTION, variant, INTAKE)))
                .readObject().getJsonArray("value").getJsonObject(0);
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
