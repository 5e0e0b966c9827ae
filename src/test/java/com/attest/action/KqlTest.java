package com.attest.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KqlTest {

    @Test
    void valuesAreBoundAsBase64SoNoQuoteReachesTheQuery() {
        String q = Kql.userAudit("o'neil@contoso.com", 24);
        assertTrue(q.startsWith("let target_upn = base64_decode_tostring('byduZWlsQGNvbnRvc28uY29t');\nAuditLogs\n"), q);
        assertFalse(q.contains("o'neil"));
        assertTrue(q.contains("| where TimeGenerated > ago(24h)"));
        assertTrue(q.contains("=~ target_upn"));
    }

    @Test
    void theSeedsQueriesKeepTheirShape() {
        assertEquals("AzureDiagnostics\n| where ResourceType == 'VAULTS'\n| where TimeGenerated > ago(48h)\n"
                + "| where OperationName in ('SecretGet', 'KeyDecrypt', 'KeyUnwrap')\n"
                + "| project TimeGenerated, identity_claim_oid_g, requestUri_s, ResultSignature\n"
                + "| order by TimeGenerated desc", Kql.keyVaultAccess(48));
        String ip = Kql.ipActivity("203.0.113.7", 24);
        assertTrue(ip.contains("| where CallerIpAddress == suspicious_ip\n| project TimeGenerated, OperationNameValue,"
                + " Caller, ResourceGroup, Level"), ip);
    }

    @Test
    void theReadableFormQuotesTheValueAsTheSeedDoes() {
        assertEquals("AzureActivity\n| where TimeGenerated > ago(24h)\n| where CallerIpAddress == '203.0.113.7'\n"
                + "| project TimeGenerated, OperationNameValue, Caller, ResourceGroup, Level\n"
                + "| order by TimeGenerated desc", Kql.readable(Kql.ipActivity("203.0.113.7", 24)));
        assertTrue(Kql.readable(Kql.userAudit("o'neil@contoso.com", 1)).contains("=~ 'o\\'neil@contoso.com'"));
    }

    @Test
    void theDryRunShowsTheCallsAndTheSeedsAzCommands() {
        String sub = "11111111-2222-3333-4444-555555555555";
        String vm = "/subscriptions/" + sub + "/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01";
        DryRun dry = DryRun.of(ActionType.QUARANTINE_VM, Map.of("vm", vm, "nsgResourceGroup", "rg-security",
                "nsg", "nsg-quarantine"));
        assertEquals(List.of("GET", "GET", "GET", "PUT", "PUT"), dry.calls().stream().map(DryRun.Call::method).toList());
        assertEquals("https://management.azure.com/subscriptions/" + sub + "/resourceGroups/rg-security/providers/"
                + "Microsoft.Network/networkSecurityGroups/nsg-quarantine", dry.calls().get(3).resource());
        assertEquals("az network nsg create --resource-group rg-security --name nsg-quarantine --subscription " + sub,
                dry.commands().get(1));
        DryRun role = DryRun.of(ActionType.DELETE_ROLE_ASSIGNMENT, Map.of("assignee",
                "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "role", "Key Vault Administrator", "scope", "/subscriptions/" + sub));
        assertEquals("az role assignment delete --assignee aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee --role"
                + " 'Key Vault Administrator' --scope /subscriptions/" + sub, role.commands().get(0));
        DryRun secret = DryRun.of(ActionType.ROTATE_SECRET, Map.of("subscription", sub, "vault", "kv-soc2-prod",
                "secret", "compromised-secret"));
        assertEquals("az keyvault secret set --vault-name kv-soc2-prod --name compromised-secret"
                + " --value \"<new-strong-secret>\"", secret.commands().get(0));
        DryRun backup = DryRun.of(ActionType.RESTORE_VM_BACKUP, Map.of("vault", "/subscriptions/" + sub
                + "/resourceGroups/rg-prod/providers/Microsoft.RecoveryServices/vaults/rsv-prod", "vm",
                vm.replace("vm-web-01", "vm-prod"), "recoveryPoint", "932345678912345"));
        assertTrue(backup.commands().get(0).contains("--container-name 'iaasvmcontainerv2;rg-prod;vm-prod'"
                + " --item-name 'vm;iaasvmcontainerv2;rg-prod;vm-prod' --restore-mode OriginalLocation"
                + " --rp-name 932345678912345"), backup.commands().get(0));
    }

    @Test
    void everyRunbookActionCodeHasAType() {
        for (String code : com.attest.runbook.RunbookFormat.ACTION_TYPES) {
            assertTrue(ActionType.ofCode(code).isPresent(), code);
        }
    }
}
