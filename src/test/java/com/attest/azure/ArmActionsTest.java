package com.attest.azure;

import static com.attest.azure.AzureFake.SUBSCRIPTION;
import static com.attest.azure.AzureFake.TOKEN;
import static com.attest.azure.AzureFake.armError;
import static com.attest.azure.AzureFake.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Azure Resource Manager, Key Vault, Log Analytics, Defender for Cloud and Azure Backup actions, through the real
 * SDK clients against a fake Azure: exact requests, a bearer token on each, already-in-effect answers, Azure's
 * failures and what the call log keeps.
 */
class ArmActionsTest {

    private static final String RG = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/";
    private static final String VM_ID = RG + "rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01";
    private static final String NIC_ID = RG + "rg-web/providers/Microsoft.Network/networkInterfaces/nic-01";
    private static final String OLD_NSG = RG + "rg-web/providers/Microsoft.Network/networkSecurityGroups/nsg-web";
    private static final String NSG_ID = RG + "rg-sec/providers/Microsoft.Network/networkSecurityGroups/nsg-quarantine";
    private static final String ARM = "https://management.azure.com";

    @RegisterExtension
    static WireMockExtension fake = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Built once: the first SDK clients in a JVM take seconds. */
    private static SdkAzureActions actions;
    private static AzureSettings settings;

    @BeforeAll
    static void clients() {
        settings = AzureSettings.of(AzureFake.config(fake, 1, "1.5"));
        assertEquals(List.of(), settings.problems());
        actions = new SdkAzureActions(new AzureClients(settings));
    }

    @BeforeEach
    void signIn() {
        AzureFake.tokenEndpoint(fake);
    }

    private static String vm() {
        return "{\"id\":\"" + VM_ID + "\",\"name\":\"vm-web-01\",\"type\":\"Microsoft.Compute/virtualMachines\","
                + "\"location\":\"westeurope\",\"properties\":{\"provisioningState\":\"Succeeded\","
                + "\"networkProfile\":{\"networkInterfaces\":[{\"id\":\"" + NIC_ID + "\",\"properties\":"
                + "{\"primary\":true}}]}}}";
    }

    private static String nic(String nsg) {
        return "{\"id\":\"" + NIC_ID + "\",\"name\":\"nic-01\",\"type\":\"Microsoft.Network/networkInterfaces\","
                + "\"location\":\"westeurope\",\"properties\":{\"provisioningState\":\"Succeeded\","
                + "\"ipConfigurations\":[{\"id\":\"" + NIC_ID + "/ipConfigurations/ipconfig1\",\"name\":\"ipconfig1\","
                + "\"properties\":{\"privateIPAddress\":\"10.0.0.4\",\"privateIPAllocationMethod\":\"Dynamic\","
                + "\"subnet\":{\"id\":\"" + RG + "rg-web/providers/Microsoft.Network/virtualNetworks/vnet/subnets/"
                + "default\"}}}]" + (nsg == null ? "" : ",\"networkSecurityGroup\":{\"id\":\"" + nsg + "\"}") + "}}";
    }

    private static String quarantineNsg() {
        return "{\"id\":\"" + NSG_ID + "\",\"name\":\"nsg-quarantine\",\"location\":\"westeurope\",\"properties\":"
                + "{\"provisioningState\":\"Succeeded\",\"securityRules\":[" + rule("Inbound") + "," + rule("Outbound")
                + "]}}";
    }

    private static String rule(String direction) {
        return "{\"name\":\"deny-" + direction + "\",\"properties\":{\"priority\":100,\"direction\":\"" + direction
                + "\",\"access\":\"Deny\",\"protocol\":\"*\",\"sourceAddressPrefix\":\"*\",\"sourcePortRange\":\"*\","
                + "\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"*\"}}";
    }

    private static void assertBearerOnEveryAzureRequest() {
        List<LoggedRequest> requests = fake.findAll(WireMock.anyRequestedFor(anyUrl()));
        for (LoggedRequest request : requests) {
            if (request.getUrl().contains("/oauth2/")) {
                continue;
            }
            // Key Vault's first request of a JVM asks for its challenge without a token, as the protocol wants
            if (request.getUrl().startsWith("/secrets/") && !request.containsHeader("Authorization")) {
                continue;
            }
            assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"), request.getUrl());
        }
    }

    // ------------------------------------------------------------------ quarantine

    @Test
    void quarantineWritesTheDenyAllGroupAndPutsItOnThePrimaryNic() throws Exception {
        fake.stubFor(get(urlPathEqualTo(VM_ID)).willReturn(json(200, vm())));
        fake.stubFor(get(urlPathEqualTo(NIC_ID)).willReturn(json(200, nic(OLD_NSG))));
        fake.stubFor(get(urlPathEqualTo(NSG_ID)).willReturn(armError(404, "ResourceNotFound",
                "The Resource 'Microsoft.Network/networkSecurityGroups/nsg-quarantine' was not found.")));
        fake.stubFor(put(urlPathEqualTo(NSG_ID)).willReturn(json(200, quarantineNsg())));
        fake.stubFor(put(urlPathEqualTo(NIC_ID)).willReturn(json(200, nic(NSG_ID))));
        AzureFake.Calls log = new AzureFake.Calls();

        ActionResult result = actions.quarantineVm(VM_ID, "rg-sec", "nsg-quarantine", log);

        assertFalse(result.alreadyInEffect());
        assertEquals("vm-web-01 quarantined: nsg-quarantine on nic-01", result.summary());
        assertEquals("{\"vm\":\"" + VM_ID + "\",\"nic\":\"" + NIC_ID + "\",\"networkSecurityGroup\":\"" + OLD_NSG
                + "\"}", result.before());
        assertTrue(result.after().contains("\"networkSecurityGroup\":\"" + NSG_ID + "\""), result.after());
        fake.verify(putRequestedFor(urlPathEqualTo(NSG_ID))
                .withQueryParam("api-version", matching("20\\d\\d-\\d\\d-\\d\\d"))
                .withRequestBody(matchingJsonPath("$.location", equalTo("westeurope")))
                .withRequestBody(matchingJsonPath("$.properties.securityRules[?(@.properties.direction == 'Inbound'"
                        + " && @.properties.access == 'Deny' && @.properties.sourceAddressPrefix == '*'"
                        + " && @.properties.destinationPortRange == '*' && @.properties.protocol == '*')]"))
                .withRequestBody(matchingJsonPath("$.properties.securityRules[?(@.properties.direction == 'Outbound'"
                        + " && @.properties.access == 'Deny' && @.properties.destinationAddressPrefix == '*')]")));
        fake.verify(putRequestedFor(urlPathEqualTo(NIC_ID))
                .withRequestBody(matchingJsonPath("$.properties.networkSecurityGroup.id", equalTo(NSG_ID)))
                .withRequestBody(matchingJsonPath("$.properties.ipConfigurations[0].name", equalTo("ipconfig1"))));
        assertBearerOnEveryAzureRequest();
        assertEquals(List.of("GET " + ARM + VM_ID, "GET " + ARM + NIC_ID, "GET " + ARM + NSG_ID,
                "PUT " + ARM + NSG_ID, "PUT " + ARM + NIC_ID), log.calls.stream()
                .map(c -> c.method() + " " + c.url().replaceAll("\\?.*", "")).toList());
        assertEquals(List.of(200, 200, 404, 200, 200), log.calls.stream().map(AzureCall::status).toList());
        for (AzureCall call : log.calls) {
            assertTrue(call.requestId() != null && call.requestId().startsWith("req-"), call.toString());
            assertTrue(call.correlationId() != null && call.correlationId().startsWith("corr-"), call.toString());
        }
        assertTrue(log.calls.get(2).error().startsWith("ResourceNotFound: The Resource"), log.calls.get(2).error());
        assertTrue(log.calls.get(4).summary().contains("properties.networkSecurityGroup.id=" + NSG_ID),
                log.calls.get(4).summary());
    }

    @Test
    void quarantiningTwiceIsAlreadyInEffect() throws Exception {
        fake.stubFor(get(urlPathEqualTo(VM_ID)).willReturn(json(200, vm())));
        fake.stubFor(get(urlPathEqualTo(NIC_ID)).willReturn(json(200, nic(NSG_ID))));
        fake.stubFor(get(urlPathEqualTo(NSG_ID)).willReturn(json(200, quarantineNsg())));

        ActionResult result = actions.quarantineVm(VM_ID, "rg-sec", "nsg-quarantine", CallLog.NONE);

        assertTrue(result.alreadyInEffect());
        assertEquals("vm-web-01 already quarantined: nsg-quarantine on nic-01", result.summary());
        fake.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void releasePutsThePreviousGroupBack() throws Exception {
        fake.stubFor(get(urlPathEqualTo(NIC_ID)).willReturn(json(200, nic(NSG_ID))));
        fake.stubFor(put(urlPathEqualTo(NIC_ID)).willReturn(json(200, nic(OLD_NSG))));

        ActionResult result = actions.releaseVm(NIC_ID, OLD_NSG, CallLog.NONE);

        assertFalse(result.alreadyInEffect());
        assertEquals("nic-01 released: nsg-web instead of nsg-quarantine", result.summary());
        fake.verify(putRequestedFor(urlPathEqualTo(NIC_ID))
                .withRequestBody(matchingJsonPath("$.properties.networkSecurityGroup.id", equalTo(OLD_NSG))));
        assertBearerOnEveryAzureRequest();

        fake.resetRequests();
        fake.stubFor(get(urlPathEqualTo(NIC_ID)).willReturn(json(200, nic(OLD_NSG))));
        assertTrue(actions.releaseVm(NIC_ID, OLD_NSG, CallLog.NONE).alreadyInEffect());
        fake.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void releaseToNoGroupLeavesTheNicWithout() throws Exception {
        fake.stubFor(get(urlPathEqualTo(NIC_ID)).willReturn(json(200, nic(NSG_ID))));
        fake.stubFor(put(urlPathEqualTo(NIC_ID)).willReturn(json(200, nic(null))));

        ActionResult result = actions.releaseVm(NIC_ID, null, CallLog.NONE);

        assertEquals("nic-01 released: no network security group instead of nsg-quarantine", result.summary());
        fake.verify(putRequestedFor(urlPathEqualTo(NIC_ID))
                .withRequestBody(WireMock.notContaining("networkSecurityGroup")));
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aMissingPermissionIsAzuresOwnWords() {
        fake.stubFor(get(urlPathEqualTo(VM_ID)).willReturn(armError(403, "AuthorizationFailed",
                "The client '" + AzureFake.CLIENT + "' does not have authorization to perform action "
                        + "'Microsoft.Compute/virtualMachines/read'.")));
        AzureFake.Calls log = new AzureFake.Calls();

        AzureFailure failure = assertThrows(AzureFailure.class,
                () -> actions.quarantineVm(VM_ID, "rg-sec", "nsg-quarantine", log));

        assertEquals(403, failure.status());
        assertEquals("AuthorizationFailed", failure.code());
        assertEquals("Reading the VM: 403 AuthorizationFailed: The client '" + AzureFake.CLIENT + "' does not have "
                + "authorization to perform action 'Microsoft.Compute/virtualMachines/read'.", failure.getMessage());
        assertNull(failure.retryAfter());
        assertFalse(failure.timedOut());
        fake.verify(1, getRequestedFor(urlPathEqualTo(VM_ID)));
        assertEquals(1, log.calls.size());
        assertTrue(log.calls.get(0).error().startsWith("AuthorizationFailed: The client"), log.calls.get(0).error());
    }

    @Test
    void aMissingResourceIsResourceNotFound() {
        fake.stubFor(get(urlPathEqualTo(VM_ID)).willReturn(armError(404, "ResourceNotFound",
                "The Resource 'Microsoft.Compute/virtualMachines/vm-web-01' under resource group 'rg-web' was not "
                        + "found.")));

        AzureFailure failure = assertThrows(AzureFailure.class,
                () -> actions.quarantineVm(VM_ID, "rg-sec", "nsg-quarantine", CallLog.NONE));

        assertEquals(404, failure.status());
        assertEquals("ResourceNotFound", failure.code());
        assertTrue(failure.getMessage().contains("vm-web-01' under resource group 'rg-web' was not found."),
                failure.getMessage());
    }

    @Test
    void throttlingIsRetriedThenCarriesRetryAfter() {
        fake.stubFor(get(urlPathEqualTo(VM_ID)).willReturn(armError(429, "TooManyRequests",
                "The request is being throttled.").withHeader("Retry-After", "1")));
        AzureFake.Calls log = new AzureFake.Calls();

        AzureFailure failure = assertThrows(AzureFailure.class,
                () -> actions.quarantineVm(VM_ID, "rg-sec", "nsg-quarantine", log));

        assertEquals(429, failure.status());
        assertEquals("TooManyRequests", failure.code());
        assertEquals(Duration.ofSeconds(1), failure.retryAfter());
        fake.verify(2, getRequestedFor(urlPathEqualTo(VM_ID))); // one retry configured, then exhausted
        assertEquals(List.of(429, 429), log.calls.stream().map(AzureCall::status).toList());
    }

    @Test
    void aRetryAfterLongerThanTheTimeoutIsNotWaitedFor() {
        fake.stubFor(get(urlPathEqualTo(VM_ID)).willReturn(armError(503, "ServiceUnavailable", "Try later.")
                .withHeader("Retry-After", "120")));

        AzureFailure failure = assertThrows(AzureFailure.class,
                () -> actions.quarantineVm(VM_ID, "rg-sec", "nsg-quarantine", CallLog.NONE));

        assertEquals(503, failure.status());
        assertEquals(Duration.ofSeconds(120), failure.retryAfter());
        fake.verify(1, getRequestedFor(urlPathEqualTo(VM_ID)));
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        fake.stubFor(get(urlPathEqualTo(VM_ID)).willReturn(json(200, vm()).withFixedDelay(2500)));
        AzureFake.Calls log = new AzureFake.Calls();

        AzureFailure failure = assertThrows(AzureFailure.class,
                () -> actions.quarantineVm(VM_ID, "rg-sec", "nsg-quarantine", log));

        assertTrue(failure.timedOut(), failure.getMessage());
        assertEquals(0, failure.status());
        assertEquals("Reading the VM: no answer in time", failure.getMessage());
        assertFalse(log.calls.isEmpty());
        assertEquals(0, log.calls.get(0).status());
    }

    @Test
    void malformedIdsAreRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class,
                () -> actions.quarantineVm("/subscriptions/x/vm", "rg-sec", "nsg", CallLog.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> actions.quarantineVm(VM_ID, "rg sec/..", "nsg", CallLog.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> actions.releaseVm(VM_ID, null, CallLog.NONE));
        assertThrows(IllegalArgumentException.class, () -> actions.quarantineVm(
                VM_ID.replace(SUBSCRIPTION, "11111111-2222-3333-4444-555555555555"), "rg-sec", "nsg", CallLog.NONE),
                "a subscription without a configured identity");
        assertThrows(IllegalArgumentException.class,
                () -> actions.rotateSecret(SUBSCRIPTION, "kv", "s", CallLog.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> actions.deleteRoleAssignment("/subscriptions/" + SUBSCRIPTION, "not-a-guid", "Reader",
                        CallLog.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> actions.deleteRoleAssignment("/subscriptions/" + SUBSCRIPTION, AzureFake.CLIENT,
                        "Reader' or roleName eq 'Owner", CallLog.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> actions.fetchDefenderAlert(VM_ID, CallLog.NONE));
        assertThrows(IllegalArgumentException.class, () -> actions.queryLogs(SUBSCRIPTION, "workspace", "T",
                Duration.ofHours(1), null, CallLog.NONE));
        fake.verify(0, WireMock.anyRequestedFor(anyUrl()));
    }

    // ------------------------------------------------------------------ role assignments

    private static final String SCOPE = RG + "rg-app";
    private static final String PRINCIPAL = "6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a";
    private static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    private static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private static final String ASSIGNMENT = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

    private static String assignment(String name, String scope, String role) {
        return "{\"id\":\"" + scope + "/providers/Microsoft.Authorization/roleAssignments/" + name + "\",\"name\":\""
                + name + "\",\"type\":\"Microsoft.Authorization/roleAssignments\",\"properties\":{\"roleDefinitionId\":"
                + "\"/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Authorization/roleDefinitions/" + role
                + "\",\"principalId\":\"" + PRINCIPAL + "\",\"principalType\":\"ServicePrincipal\",\"scope\":\""
                + scope + "\"}}";
    }

    private static void roleDefinitions() {
        fake.stubFor(get(urlPathEqualTo(SCOPE + "/providers/Microsoft.Authorization/roleDefinitions"))
                .withQueryParam("$filter", equalTo("roleName eq 'Contributor'"))
                .willReturn(json(200, "{\"value\":[{\"id\":\"/subscriptions/" + SUBSCRIPTION + "/providers/"
                        + "Microsoft.Authorization/roleDefinitions/" + CONTRIBUTOR + "\",\"name\":\"" + CONTRIBUTOR
                        + "\",\"type\":\"Microsoft.Authorization/roleDefinitions\",\"properties\":{\"roleName\":"
                        + "\"Contributor\",\"type\":\"BuiltInRole\"}}]}")));
    }

    @Test
    void deletesOnlyTheRolesAssignmentsAtExactlyThatScope() throws Exception {
        roleDefinitions();
        fake.stubFor(get(urlPathEqualTo(SCOPE + "/providers/Microsoft.Authorization/roleAssignments"))
                .withQueryParam("$filter", equalTo("principalId eq '" + PRINCIPAL + "'"))
                .willReturn(json(200, "{\"value\":[" + assignment(ASSIGNMENT, SCOPE, CONTRIBUTOR) + ","
                        + assignment("11111111-aaaa-4bbb-8ccc-222222222222", "/subscriptions/" + SUBSCRIPTION,
                        CONTRIBUTOR) + "," + assignment("33333333-aaaa-4bbb-8ccc-444444444444", SCOPE, READER)
                        + "]}")));
        String path = SCOPE + "/providers/Microsoft.Authorization/roleAssignments/" + ASSIGNMENT;
        fake.stubFor(delete(urlPathEqualTo(path)).willReturn(json(200, assignment(ASSIGNMENT, SCOPE, CONTRIBUTOR))));
        AzureFake.Calls log = new AzureFake.Calls();

        ActionResult result = actions.deleteRoleAssignment(SCOPE, PRINCIPAL, "Contributor", log);

        assertFalse(result.alreadyInEffect());
        assertEquals("Contributor removed from " + PRINCIPAL + " at " + SCOPE + " (1 assignment)", result.summary());
        assertTrue(result.before().contains(path), result.before());
        assertTrue(result.after().contains("\"assignments\":[]"), result.after());
        fake.verify(1, deleteRequestedFor(urlPathEqualTo(path)).withQueryParam("api-version", equalTo("2022-04-01")));
        fake.verify(1, deleteRequestedFor(anyUrl()));
        assertBearerOnEveryAzureRequest();
        assertEquals(3, log.calls.size());
        assertEquals("DELETE", log.calls.get(2).method());
    }

    @Test
    void noSuchAssignmentIsAlreadyInEffect() throws Exception {
        roleDefinitions();
        fake.stubFor(get(urlPathEqualTo(SCOPE + "/providers/Microsoft.Authorization/roleAssignments"))
                .willReturn(json(200, "{\"value\":[" + assignment("33333333-aaaa-4bbb-8ccc-444444444444", SCOPE,
                        READER) + "]}")));

        ActionResult result = actions.deleteRoleAssignment(SCOPE, PRINCIPAL, "Contributor", CallLog.NONE);

        assertTrue(result.alreadyInEffect());
        fake.verify(0, deleteRequestedFor(anyUrl()));
    }

    // ------------------------------------------------------------------ SQL

    private static final String SERVER = RG + "rg-data/providers/Microsoft.Sql/servers/sql-orders";
    private static final String SOURCE_DB = SERVER + "/databases/orders";
    private static final String TARGET_DB = SERVER + "/databases/orders-restored";

    @Test
    void pointInTimeRestoreWaitsForAzure() throws Exception {
        fake.stubFor(get(urlPathEqualTo(TARGET_DB)).inScenario("restore").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(armError(404, "ResourceNotFound", "The requested resource was not found.")));
        fake.stubFor(get(urlPathEqualTo(SOURCE_DB)).willReturn(json(200, "{\"id\":\"" + SOURCE_DB
                + "\",\"name\":\"orders\",\"location\":\"westeurope\",\"properties\":{\"status\":\"Online\"}}")));
        String operation = "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Sql/locations/westeurope/"
                + "databaseAzureAsyncOperation/7d2c1b0a-9f8e-4d7c-a6b5-4c3d2e1f0a9b";
        fake.stubFor(put(urlPathEqualTo(TARGET_DB)).inScenario("restore").willSetStateTo("restored")
                .willReturn(json(202, "{\"operation\":\"CreateLogicalDatabase\",\"startTime\":"
                        + "\"2026-03-01T12:00:00Z\"}").withHeader("Azure-AsyncOperation", ARM + operation
                        + "?api-version=2021-11-01").withHeader("Retry-After", "0")));
        fake.stubFor(get(urlPathEqualTo(operation)).willReturn(json(200, "{\"name\":\"7d2c1b0a\",\"status\":"
                + "\"Succeeded\",\"startTime\":\"2026-03-01T12:00:00Z\"}").withHeader("Retry-After", "0")));
        fake.stubFor(get(urlPathEqualTo(TARGET_DB)).inScenario("restore").whenScenarioStateIs("restored")
                .willReturn(json(200, "{\"id\":\"" + TARGET_DB + "\",\"name\":\"orders-restored\",\"location\":"
                        + "\"westeurope\",\"properties\":{\"status\":\"Online\"}}")));
        OffsetDateTime pointInTime = OffsetDateTime.parse("2026-03-01T09:30:00Z");

        ActionResult result = actions.restoreSqlDatabase(SOURCE_DB, "orders-restored", pointInTime, CallLog.NONE);

        assertFalse(result.alreadyInEffect());
        assertEquals(TARGET_DB, result.azureReference());
        assertEquals("orders restored as orders-restored on sql-orders to 2026-03-01T09:30Z", result.summary());
        fake.verify(putRequestedFor(urlPathEqualTo(TARGET_DB)).withQueryParam("api-version", equalTo("2021-11-01"))
                .withRequestBody(matchingJsonPath("$.properties.createMode", equalTo("PointInTimeRestore")))
                .withRequestBody(matchingJsonPath("$.properties.sourceDatabaseId", equalTo(SOURCE_DB)))
                .withRequestBody(matchingJsonPath("$.properties.restorePointInTime", matching("2026-03-01T09:30.*")))
                .withRequestBody(matchingJsonPath("$.location", equalTo("westeurope"))));
        fake.verify(getRequestedFor(urlPathEqualTo(operation)));
        assertBearerOnEveryAzureRequest();
    }

    @Test
    void anExistingTargetDatabaseIsAlreadyInEffect() throws Exception {
        fake.stubFor(get(urlPathEqualTo(TARGET_DB)).willReturn(json(200, "{\"id\":\"" + TARGET_DB
                + "\",\"name\":\"orders-restored\",\"location\":\"westeurope\",\"properties\":{\"status\":"
                + "\"Online\"}}")));

        ActionResult result = actions.restoreSqlDatabase(SOURCE_DB, "orders-restored",
                OffsetDateTime.parse("2026-03-01T09:30:00Z"), CallLog.NONE);

        assertTrue(result.alreadyInEffect());
        assertEquals(TARGET_DB, result.azureReference());
        fake.verify(0, putRequestedFor(anyUrl()));
    }

    // ------------------------------------------------------------------ Key Vault

    @Test
    void rotationWritesAStrongValueThatNothingKeeps() throws Exception {
        fake.stubFor(put(urlPathEqualTo("/secrets/db-password")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
                        "Bearer authorization=\"https://login.microsoftonline.com/" + AzureFake.TENANT
                                + "\", resource=\"https://vault.azure.net\"")));
        String version = "4387e9f3d6e14c459867679a90fd0f79";
        String id = "https://kv-attest-prod.vault.azure.net/secrets/db-password/" + version;
        fake.stubFor(put(urlPathEqualTo("/secrets/db-password")).withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(200, "{\"value\":\"ignored\",\"id\":\"" + id + "\",\"attributes\":{\"enabled\":true,"
                        + "\"created\":1772365200,\"updated\":1772365200,\"recoveryLevel\":\"Recoverable+Purgeable\"}}")));
        AzureFake.Calls log = new AzureFake.Calls();

        ActionResult result = actions.rotateSecret(SUBSCRIPTION, "kv-attest-prod", "db-password", log);

        assertEquals(id, result.azureReference());
        assertEquals("secret db-password in kv-attest-prod rotated: new version " + version, result.summary());
        List<LoggedRequest> writes = fake.findAll(putRequestedFor(urlPathEqualTo("/secrets/db-password"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertEquals(1, writes.size());
        String value = jakarta.json.Json.createReader(new java.io.StringReader(writes.get(0).getBodyAsString()))
                .readObject().getString("value");
        assertTrue(value.matches("[A-Za-z0-9_-]{43,}"), "32 random bytes, base64url: " + value.length());
        assertTrue(writes.get(0).queryParameter("api-version").isPresent());
        assertFalse(log.calls.isEmpty());
        for (AzureCall call : log.calls) {
            assertTrue(call.url().startsWith("https://kv-attest-prod.vault.azure.net/secrets/db-password"),
                    call.url());
            assertFalse(call.toString().contains(value), "the new value is in the call log");
        }
        assertEquals(200, log.calls.get(log.calls.size() - 1).status());
        assertFalse(String.join(" ", result.summary(), String.valueOf(result.before()), result.after())
                .contains(value));
        assertBearerOnEveryAzureRequest();

        ActionResult again = actions.rotateSecret(SUBSCRIPTION, "kv-attest-prod", "db-password", CallLog.NONE);
        String second = jakarta.json.Json.createReader(new java.io.StringReader(fake.findAll(
                putRequestedFor(urlPathEqualTo("/secrets/db-password")).withHeader("Authorization",
                        equalTo("Bearer " + TOKEN))).get(1).getBodyAsString())).readObject().getString("value");
        assertFalse(second.equals(value), "every rotation a new value");
        assertNotNull(again.azureReference());
    }

    // ------------------------------------------------------------------ Log Analytics, Defender, Backup

    @Test
    void aLogQueryKeepsTheTablesAsTheFile() throws Exception {
        String answer = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\",\"type\":"
                + "\"datetime\"},{\"name\":\"UserPrincipalName\",\"type\":\"string\"}],\"rows\":[[\"2026-03-01T10:00:00Z\","
                + "\"user@contoso.com\"],[\"2026-03-01T10:05:00Z\",\"user@contoso.com\"]]}]}";
        fake.stubFor(post(urlPathEqualTo("/v1/workspaces/" + AzureFake.WORKSPACE + "/query"))
                .willReturn(json(200, answer)));
        String kql = "SigninLogs | where UserPrincipalName == 'user@contoso.com'";
        AzureFake.Calls log = new AzureFake.Calls();

        ActionResult result = actions.queryLogs(SUBSCRIPTION, AzureFake.WORKSPACE, kql, Duration.ofHours(24),
                "signins-user@contoso.com.json", log);

        assertEquals(answer, new String(result.file(), StandardCharsets.UTF_8));
        assertEquals("signins-user@contoso.com.json", result.fileName());
        assertEquals("application/json", result.contentType());
        assertEquals("2 rows from workspace " + AzureFake.WORKSPACE + " over 24H", result.summary());
        fake.verify(postRequestedFor(urlPathEqualTo("/v1/workspaces/" + AzureFake.WORKSPACE + "/query"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.query", equalTo(kql)))
                .withRequestBody(matchingJsonPath("$.timespan", equalTo("PT24H"))));
        assertEquals(1, log.calls.size());
        assertEquals("https://api.loganalytics.io/v1/workspaces/" + AzureFake.WORKSPACE + "/query",
                log.calls.get(0).url());
        assertTrue(log.calls.get(0).summary().contains("timespan=PT24H"), log.calls.get(0).summary());
    }

    @Test
    void aLogQueryAzureRefusesCarriesItsError() {
        fake.stubFor(post(urlPathEqualTo("/v1/workspaces/" + AzureFake.WORKSPACE + "/query"))
                .willReturn(json(400, "{\"error\":{\"code\":\"BadArgumentError\",\"message\":\"The request had some "
                        + "invalid properties\",\"innererror\":{\"code\":\"SyntaxError\"}}}")));

        AzureFailure failure = assertThrows(AzureFailure.class, () -> actions.queryLogs(SUBSCRIPTION,
                AzureFake.WORKSPACE, "SigninLogs |", Duration.ofHours(1), null, CallLog.NONE));

        assertEquals(400, failure.status());
        assertEquals("BadArgumentError", failure.code());
        assertTrue(failure.getMessage().endsWith("400 BadArgumentError: The request had some invalid properties"),
                failure.getMessage());
    }

    @Test
    void aDefenderAlertIsFetchedAsEvidence() throws Exception {
        String alertId = RG + "rg-web/providers/Microsoft.Security/locations/westeurope/alerts/"
                + "2517538088322968242_a1b2c3d4";
        String alert = "{\"id\":\"" + alertId + "\",\"name\":\"2517538088322968242_a1b2c3d4\",\"type\":"
                + "\"Microsoft.Security/Locations/alerts\",\"properties\":{\"systemAlertId\":\"2517538088322968242_"
                + "a1b2c3d4\",\"alertDisplayName\":\"Suspicious PowerShell activity\",\"severity\":\"High\","
                + "\"status\":\"Active\",\"compromisedEntity\":\"vm-web-01\"}}";
        fake.stubFor(get(urlPathEqualTo(alertId)).withQueryParam("api-version", equalTo("2022-01-01"))
                .willReturn(json(200, alert)));

        ActionResult result = actions.fetchDefenderAlert(alertId, CallLog.NONE);

        assertEquals(alert, new String(result.file(), StandardCharsets.UTF_8));
        assertEquals("Defender for Cloud alert \"Suspicious PowerShell activity\", High, Active", result.summary());
        assertEquals("defender-alert-2517538088322968242_a1b2c3d4.json", result.fileName());
        assertBearerOnEveryAzureRequest();
    }

    @Test
    void aBackupRestoreReturnsTheJobAzureStarted() throws Exception {
        String vault = RG + "rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod";
        String point = vault + "/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-web;"
                + "vm-web-01/protectedItems/VM;iaasvmcontainerv2;rg-web;vm-web-01/recoveryPoints/4598213742631";
        String status = vault + "/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-web;"
                + "vm-web-01/protectedItems/VM;iaasvmcontainerv2;rg-web;vm-web-01/operationsStatus/"
                + "2f4a1c3e-0b9d-4e8f-a7c6-5d4e3f2a1b0c";
        fake.stubFor(get(urlPathEqualTo(point)).willReturn(json(200, "{\"id\":\"" + point + "\",\"name\":"
                + "\"4598213742631\",\"properties\":{\"objectType\":\"IaasVMRecoveryPoint\",\"recoveryPointType\":"
                + "\"AppConsistent\",\"recoveryPointTime\":\"2026-03-01T02:00:00Z\"}}")));
        fake.stubFor(post(urlPathEqualTo(point + "/restore")).willReturn(aResponse().withStatus(202)
                .withHeader("x-ms-request-id", "req-restore")
                .withHeader("Azure-AsyncOperation", ARM + status + "?api-version=2023-04-01")
                .withHeader("Location", ARM + status.replace("operationsStatus", "operationResults")
                        + "?api-version=2023-04-01")
                .withHeader("Retry-After", "0")));
        fake.stubFor(get(urlPathEqualTo(status)).inScenario("backup").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("accepted").willReturn(json(200, "{\"id\":\"2f4a1c3e\",\"name\":\"2f4a1c3e\","
                        + "\"status\":\"InProgress\"}").withHeader("Retry-After", "0")));
        fake.stubFor(get(urlPathEqualTo(status)).inScenario("backup").whenScenarioStateIs("accepted")
                .willReturn(json(200, "{\"id\":\"2f4a1c3e\",\"name\":\"2f4a1c3e\",\"status\":\"Succeeded\","
                        + "\"properties\":{\"objectType\":\"OperationStatusJobExtendedInfo\",\"jobId\":"
                        + "\"8b2c3d4e-5f60-4a7b-9c8d-0e1f2a3b4c5d\"}}")));
        AzureFake.Calls log = new AzureFake.Calls();

        ActionResult result = actions.restoreVmFromBackup(vault, VM_ID, "4598213742631", log);

        assertEquals("8b2c3d4e-5f60-4a7b-9c8d-0e1f2a3b4c5d", result.azureReference());
        assertTrue(result.before().contains("\"recoveryPointTime\":\"2026-03-01T02:00:00Z\""), result.before());
        fake.verify(postRequestedFor(urlPathEqualTo(point + "/restore"))
                .withQueryParam("api-version", equalTo("2023-04-01"))
                .withRequestBody(matchingJsonPath("$.properties.objectType", equalTo("IaasVMRestoreRequest")))
                .withRequestBody(matchingJsonPath("$.properties.recoveryType", equalTo("OriginalLocation")))
                .withRequestBody(matchingJsonPath("$.properties.recoveryPointId", equalTo("4598213742631")))
                .withRequestBody(matchingJsonPath("$.properties.sourceResourceId", equalTo(VM_ID))));
        fake.verify(2, getRequestedFor(urlPathEqualTo(status)));
        assertBearerOnEveryAzureRequest();
        assertEquals(List.of(200, 202, 200, 200), log.calls.stream().map(AzureCall::status).toList());
        assertEquals("req-restore", log.calls.get(1).requestId());
    }

    // ------------------------------------------------------------------ identity

    @Test
    void checkingAnIdentitySignsInWithItsSecret() throws Exception {
        SdkAzureActions fresh = new SdkAzureActions(new AzureClients(settings));

        String answer = fresh.checkIdentity(SUBSCRIPTION);

        fake.verify(1, postRequestedFor(urlPathEqualTo("/" + AzureFake.TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(WireMock.containing("client_id=" + AzureFake.CLIENT))
                .withRequestBody(WireMock.containing("client_secret=" + AzureFake.SECRET))
                .withRequestBody(WireMock.containing("grant_type=client_credentials"))
                .withRequestBody(WireMock.containing("scope=https%3A%2F%2Fmanagement.azure.com%2F.default")));

        assertTrue(answer.startsWith("prod (client secret, client " + AzureFake.CLIENT + "): signed in"), answer);
        assertFalse(answer.contains(TOKEN));
    }
}
