package com.attest.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** Azure resources as the fake serves them, in the shapes Azure Resource Manager and Key Vault answer with. */
public final class FakeAzureStubs {

    private FakeAzureStubs() {
    }

    /**
     * A VM whose primary NIC carries {@code oldNsg}; the quarantine NSG does not exist until it is written, and the
     * NIC carries it once it is put there (so a second quarantine finds it in effect).
     */
    public static void vm(WireMockServer fake, String vm, String nic, String oldNsg, String quarantineNsg) {
        fake.stubFor(get(urlPathEqualTo(vm)).willReturn(json("vm-get", "{\"id\":\"" + vm + "\",\"name\":\""
                + vm.substring(vm.lastIndexOf('/') + 1) + "\",\"type\":\"Microsoft.Compute/virtualMachines\","
                + "\"location\":\"eastus\",\"properties\":{\"provisioningState\":\"Succeeded\",\"networkProfile\":"
                + "{\"networkInterfaces\":[{\"id\":\"" + nic + "\",\"properties\":{\"primary\":true}}]}}}")));
        fake.stubFor(get(urlPathEqualTo(quarantineNsg)).inScenario("nsg").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource"
                                + " 'Microsoft.Network/networkSecurityGroups/nsg-quarantine' was not found.\"}}")));
        fake.stubFor(put(urlPathEqualTo(quarantineNsg)).inScenario("nsg").willSetStateTo("written")
                .willReturn(json("nsg-put-request", nsg(quarantineNsg))));
        fake.stubFor(get(urlPathEqualTo(quarantineNsg)).inScenario("nsg").whenScenarioStateIs("written")
                .willReturn(json("nsg-get", nsg(quarantineNsg))));
        fake.stubFor(get(urlPathEqualTo(nic)).inScenario("nic").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json("nic-get", nic(nic, oldNsg))));
        fake.stubFor(put(urlPathEqualTo(nic)).inScenario("nic").willSetStateTo("quarantined")
                .willReturn(json("nic-put-request", nic(nic, quarantineNsg))));
        fake.stubFor(get(urlPathEqualTo(nic)).inScenario("nic").whenScenarioStateIs("quarantined")
                .willReturn(json("nic-get-quarantined", nic(nic, quarantineNsg))));
    }

    /**
     * Defender for Cloud's alert history of the subscription (two pages, as Alerts_List answers) and the playbook's
     * run history (one page, as WorkflowRuns_List answers), shaped like the REST specifications' examples.
     */
    public static void azureHistory(WireMockServer fake, java.time.Instant at) {
        String alerts = "/subscriptions/" + FakeAzure.SUBSCRIPTION + "/providers/Microsoft.Security/alerts";
        fake.stubFor(get(urlPathEqualTo(alerts)).withQueryParam("$skipToken", absent())
                .willReturn(json("alerts-1", "{\"value\":[" + alert("2518298467986649999_4d25bfef-2d77-4a08-adc0-"
                        + "3e35715cc92a", "VM_EICAR", at) + "," + alert("2518298467986649998_5e36c0f0-3e88-4b19-bed1-"
                        + "4f46826dd03b", "VM_SuspiciousCommandLine", at) + "],\"nextLink\":\"https://management.azure"
                        + ".com" + alerts + "?api-version=2022-01-01&$skipToken=page2\"}")));
        fake.stubFor(get(urlPathEqualTo(alerts)).withQueryParam("$skipToken", matching("page2"))
                .willReturn(json("alerts-2", "{\"value\":[" + alert("2518298467986649997_6f47d1a1-4f99-4c2a-"
                        + "8fe2-5a57937ee14c", "SQL.DB_BruteForce", at) + "]}")));
        fake.stubFor(get(urlPathEqualTo(FakeAzure.PLAYBOOK + "/runs")).willReturn(json("runs-1", "{\"value\":["
                + run("08586776228332053161046300351", at, "Succeeded") + "," + run("08586776228332053161046300352",
                at.plusSeconds(600), "Failed") + "]}")));
    }

    private static String alert(String name, String type, java.time.Instant at) {
        String id = "/subscriptions/" + FakeAzure.SUBSCRIPTION + "/resourceGroups/rg-soc/providers/Microsoft.Security"
                + "/locations/westeurope/alerts/" + name;
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"Microsoft.Security/Locations/alerts\","
                + "\"properties\":{\"status\":\"Active\",\"timeGeneratedUtc\":\"" + at + "\",\"processingEndTimeUtc\":\""
                + at + "\",\"version\":\"2022-01-01.0\",\"vendorName\":\"Microsoft\",\"productName\":\"Microsoft"
                + " Defender for Cloud\",\"alertType\":\"" + type + "\",\"startTimeUtc\":\"" + at + "\",\"endTimeUtc\":\""
                + at + "\",\"severity\":\"High\",\"isIncident\":false,\"systemAlertId\":\"" + name + "\",\"intent\":"
                + "\"Execution\",\"compromisedEntity\":\"vm1\",\"alertDisplayName\":\"Azure Security Center test alert"
                + " (not a threat)\",\"description\":\"This is a test alert\",\"remediationSteps\":[\"No further action"
                + " is needed.\"],\"resourceIdentifiers\":[{\"type\":\"AzureResource\",\"azureResourceId\":\""
                + "/subscriptions/" + FakeAzure.SUBSCRIPTION + "/resourceGroups/rg-soc/providers/Microsoft.Compute/"
                + "virtualMachines/vm1\"}],\"alertUri\":\"https://portal.azure.com/#blade/Microsoft_Azure_Security_"
                + "AzureDefenderForData/AlertBlade/alertId/" + name + "\"}}";
    }

    private static String run(String name, java.time.Instant at, String status) {
        return "{\"properties\":{\"waitEndTime\":\"" + at + "\",\"startTime\":\"" + at + "\",\"endTime\":\""
                + at.plusSeconds(3) + "\",\"status\":\"" + status + "\",\"correlation\":{\"clientTrackingId\":\""
                + name + "\"},\"workflow\":{\"id\":\"" + FakeAzure.PLAYBOOK + "/versions/08586993867806980512\","
                + "\"name\":\"08586993867806980512\",\"type\":\"Microsoft.Logic/workflows/versions\"},\"trigger\":"
                + "{\"name\":\"Microsoft_Sentinel_incident\",\"startTime\":\"" + at + "\",\"endTime\":\"" + at
                + "\",\"scheduledTime\":\"" + at + "\",\"trackingId\":\"" + name + "\",\"clientTrackingId\":\"" + name
                + "\",\"code\":\"OK\",\"status\":\"Succeeded\"},\"outputs\":{}},\"id\":\"" + FakeAzure.PLAYBOOK
                + "/runs/" + name + "\",\"name\":\"" + name + "\",\"type\":\"Microsoft.Logic/workflows/runs\"}";
    }

    /** Key Vault: the challenge without a token, then the new version with one. */
    public static void keyVault(WireMockServer fake, String secret) {
        fake.stubFor(put(urlPathEqualTo("/secrets/" + secret)).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
                        "Bearer authorization=\"https://login.microsoftonline.com/" + FakeAzure.TENANT
                                + "\", resource=\"https://vault.azure.net\"")));
        fake.stubFor(put(urlPathEqualTo("/secrets/" + secret)).withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json("kv-put", "{\"value\":\"never-echoed\",\"id\":\"https://kv-soc2-prod.vault.azure.net"
                        + "/secrets/" + secret + "/4387e9f3d6e14c459867679a90fd0f79\",\"attributes\":{\"enabled\":true,"
                        + "\"created\":1772365200,\"updated\":1772365200}}")));
    }

    private static String nic(String nic, String nsg) {
        String rg = nic.substring(0, nic.indexOf("/providers/"));
        return "{\"id\":\"" + nic + "\",\"name\":\"" + nic.substring(nic.lastIndexOf('/') + 1) + "\",\"type\":"
                + "\"Microsoft.Network/networkInterfaces\",\"location\":\"eastus\",\"properties\":{\"provisioningState\":"
                + "\"Succeeded\",\"ipConfigurations\":[{\"id\":\"" + nic + "/ipConfigurations/ipconfig1\",\"name\":"
                + "\"ipconfig1\",\"properties\":{\"privateIPAddress\":\"10.0.0.4\",\"privateIPAllocationMethod\":"
                + "\"Dynamic\",\"subnet\":{\"id\":\"" + rg + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/"
                + "default\"}}}],\"networkSecurityGroup\":{\"id\":\"" + nsg + "\"}}}";
    }

    private static String nsg(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id.substring(id.lastIndexOf('/') + 1) + "\",\"location\":\"eastus\","
                + "\"properties\":{\"provisioningState\":\"Succeeded\",\"securityRules\":[" + rule("Inbound") + ","
                + rule("Outbound") + "]}}";
    }

    private static String rule(String direction) {
        return "{\"name\":\"deny-all-" + direction.toLowerCase() + "\",\"properties\":{\"priority\":100,\"direction\":\""
                + direction + "\",\"access\":\"Deny\",\"protocol\":\"*\",\"sourceAddressPrefix\":\"*\","
                + "\"sourcePortRange\":\"*\",\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"*\"}}";
    }

    /** The address the portal's configuration names as its Azure Monitor intake (attest.detection.intake-url). */
    public static final String INTAKE_URL = "https://attest.contoso.com/api/intake/azure-monitor";

    /**
     * The detection pipeline of subscription prod as Resource Manager serves it ({@link PipelineFixtures}): the
     * action groups, Defender workflow automations, Logic App workflows with their latest runs and the Sentinel
     * workspace's automation rules, healthy or in one of the broken variants. Replaces an earlier variant.
     */
    public static void detectionPipeline(WireMockServer fake, PipelineFixtures.Variant variant) {
        String sub = FakeAzure.SUBSCRIPTION;
        String path = "/subscriptions/" + sub + "/providers/";
        // action groups and automations with state: what a repair writes is what the next check reads
        FakeAzure.of(fake).resources.serve(FakeArmResources.ACTION_GROUPS,
                PipelineFixtures.actionGroups(sub, variant, INTAKE_URL));
        FakeAzure.of(fake).resources.serve(FakeArmResources.AUTOMATIONS, PipelineFixtures.automations(sub, variant));
        fake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client
                .WireMock.urlPathMatching("(?i)/subscriptions/[^/]+/(resourceGroups/[^/]+/)?providers/"
                        + "(Microsoft\\.Insights/actionGroups|Microsoft\\.Security/automations)(/[^/]+)?"))
                .atPriority(1).willReturn(aResponse().withTransformers(FakeArmResources.NAME)));
        fake.stubFor(get(urlPathEqualTo(path + "Microsoft.Logic/workflows")).atPriority(1)
                .willReturn(json("workflows", PipelineFixtures.workflows(sub))));
        for (String name : java.util.List.of(PipelineFixtures.ROUTE_LOGIC_APP, PipelineFixtures.PLAYBOOK_LOGIC_APP)) {
            // one workflow, and its trigger's callback address (with a signature, as Azure answers it)
            fake.stubFor(get(urlPathEqualTo(PipelineFixtures.workflowId(sub, name))).atPriority(1)
                    .willReturn(json("workflow-" + name, PipelineFixtures.workflow(sub, name))));
            fake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(
                    PipelineFixtures.workflowId(sub, name) + "/triggers/manual/listCallbackUrl")).atPriority(1)
                    .willReturn(json("callback-" + name, "{\"value\":\"" + callbackUrl(name) + "\",\"method\":"
                            + "\"POST\",\"basePath\":\"https://prod-00.westeurope.logic.azure.com/workflows/"
                            + Math.abs(name.hashCode()) + "/triggers/manual/paths/invoke\"}")));
            fake.stubFor(get(urlPathEqualTo(PipelineFixtures.workflowId(sub, name) + "/runs")).atPriority(1)
                    .willReturn(json("runs-" + name, PipelineFixtures.runs(sub, name, "Succeeded"))));
        }
        // above the stateful Sentinel fake, which serves the workspace's incidents
        fake.stubFor(get(urlPathEqualTo(FakeAzure.SENTINEL + "/automationRules")).atPriority(1)
                .willReturn(json("automation-rules", PipelineFixtures.automationRules(FakeAzure.SENTINEL, sub))));
    }

    /** The callback address of a Logic App's manual trigger, as WorkflowTriggers_ListCallbackUrl answers it. */
    public static String callbackUrl(String logicApp) {
        return "https://prod-00.westeurope.logic.azure.com:443/workflows/" + Math.abs(logicApp.hashCode())
                + "/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0"
                + "&sig=fakeSignature0123456789abcdef";
    }

    /** Resource Manager refuses to list the subscription's action groups, in its words. */
    public static void actionGroupsRefused(WireMockServer fake) {
        fake.stubFor(get(urlPathEqualTo("/subscriptions/" + FakeAzure.SUBSCRIPTION
                + "/providers/Microsoft.Insights/actionGroups")).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-ms-request-id", "ag-403")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'attest-reader'"
                        + " with object id '0c4e9d2a-1b3f-4a5c-8d6e-7f8091a2b3c4' does not have authorization to"
                        + " perform action 'microsoft.insights/actionGroups/read' over scope '/subscriptions/"
                        + FakeAzure.SUBSCRIPTION + "' or the scope is invalid.\"}}")));
    }

    /**
     * Action Groups {@code createNotifications} on the policy's action group: Azure accepts (202, the status address
     * in Location) and, unless {@code dropped}, really POSTs a common-schema test alert, as Azure's test notifications
     * are shaped (alert rule "test-metricAlertRule"), to the portal's intake at {@code intakeUrl} — the address the
     * action group's public webhook reaches in the test.
     */
    public static void testNotifications(WireMockServer fake, String intakeUrl, boolean dropped) {
        String group = PipelineFixtures.group(FakeAzure.SUBSCRIPTION) + "/providers/microsoft.insights/actionGroups/"
                + PipelineFixtures.ACTION_GROUP;
        String notification = "11000222" + Long.toString(System.nanoTime() % 100000000L);
        var stub = com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(group + "/createNotifications"))
                .atPriority(1).willReturn(aResponse().withStatus(202).withHeader("x-ms-request-id", "notify-202")
                        .withHeader("Location", "https://management.azure.com" + group + "/notificationStatus/"
                                + notification + "?api-version=2023-01-01"));
        if (!dropped) {
            stub = stub.withServeEventListener("webhook", org.wiremock.webhooks.Webhooks.webhook()
                    .withMethod(com.github.tomakehurst.wiremock.http.RequestMethod.POST).withUrl(intakeUrl)
                    .withHeader("Content-Type", "application/json").withFixedDelay(300)
                    .withBody(testAlert(notification)));
        }
        fake.stubFor(stub);
    }

    /** A common-schema test alert as an action group's test notification posts it. */
    public static String testAlert(String id) {
        return "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertId\":"
                + "\"/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.AlertsManagement/alerts/"
                + "12345678-1234-1234-1234-" + String.format("%012d", Long.parseLong(id) % 1000000000000L) + "\","
                + "\"alertRule\":\"test-metricAlertRule\",\"severity\":\"Sev3\",\"signalType\":\"Metric\","
                + "\"monitorCondition\":\"Fired\",\"monitoringService\":\"Platform\",\"alertTargetIDs\":"
                + "[\"/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/test-RG/providers/"
                + "Microsoft.Compute/virtualMachines/test-VM\"],\"configurationItems\":[\"test-VM\"],"
                + "\"originAlertId\":\"11111111-1111-1111-1111-111111111111_test-RG_microsoft.insights_metricAlerts_"
                + "test-metricAlertRule_1234567890\",\"firedDateTime\":\"2026-12-02T10:00:00.0000000Z\","
                + "\"description\":\"Alert rule description\",\"essentialsVersion\":\"1.0\","
                + "\"alertContextVersion\":\"1.0\"},\"alertContext\":{\"properties\":null,\"conditionType\":"
                + "\"SingleResourceMultipleMetricCriteria\",\"condition\":{\"windowSize\":\"PT5M\",\"allOf\":"
                + "[{\"metricName\":\"Percentage CPU\",\"metricNamespace\":\"Microsoft.Compute/virtualMachines\","
                + "\"operator\":\"GreaterThan\",\"threshold\":\"25\",\"timeAggregation\":\"Average\","
                + "\"dimensions\":[],\"metricValue\":31.1105}]}},\"customProperties\":null}}";
    }

    private static ResponseDefinitionBuilder json(String requestId, String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ms-request-id", requestId).withHeader("x-ms-correlation-request-id", "corr-" + requestId)
                .withBody(body);
    }
}
