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

    private static ResponseDefinitionBuilder json(String requestId, String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ms-request-id", requestId).withHeader("x-ms-correlation-request-id", "corr-" + requestId)
                .withBody(body);
    }
}
