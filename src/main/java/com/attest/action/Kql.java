package com.attest.action;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The policy's three investigation queries (section 3, step 2), with the responder's values bound, not pasted:
 * a value reaches the query only as base64 inside {@code base64_decode_tostring('…')}, whose alphabet cannot end
 * the string literal, so no value can change the query's shape. Values are also validated before they get here
 * (a user principal name, an IP address, a number of hours).
 */
public final class Kql {

    private Kql() {
    }

    /** Entra ID audit entries initiated by {@code upn} in the last {@code hours}. */
    public static String userAudit(String upn, int hours) {
        return bind("target_upn", upn)
                + "AuditLogs\n"
                + "| where TimeGenerated > ago(" + hours(hours) + "h)\n"
                + "| where tostring(InitiatedBy.user.userPrincipalName) =~ target_upn\n"
                + "| project TimeGenerated, OperationName, Result, TargetResources\n"
                + "| order by TimeGenerated desc";
    }

    /** Azure Activity Log operations called from {@code ip} in the last {@code hours}. */
    public static String ipActivity(String ip, int hours) {
        return bind("suspicious_ip", ip)
                + "AzureActivity\n"
                + "| where TimeGenerated > ago(" + hours(hours) + "h)\n"
                + "| where CallerIpAddress == suspicious_ip\n"
                + "| project TimeGenerated, OperationNameValue, Caller, ResourceGroup, Level\n"
                + "| order by TimeGenerated desc";
    }

    /** Key Vault secret reads and key decrypt/unwrap operations in the last {@code hours}. */
    public static String keyVaultAccess(int hours) {
        return "AzureDiagnostics\n"
                + "| where ResourceType == 'VAULTS'\n"
                + "| where TimeGenerated > ago(" + hours(hours) + "h)\n"
                + "| where OperationName in ('SecretGet', 'KeyDecrypt', 'KeyUnwrap')\n"
                + "| project TimeGenerated, identity_claim_oid_g, requestUri_s, ResultSignature\n"
                + "| order by TimeGenerated desc";
    }

    /** The query as the policy writes it, with the value quoted for reading (shown next to the {@code az} command). */
    public static String readable(String query) {
        StringBuilder out = new StringBuilder();
        String rest = query;
        while (rest.startsWith("let ")) {
            int end = rest.indexOf(";\n");
            String let = rest.substring(4, end);
            int eq = let.indexOf(" = base64_decode_tostring('");
            String name = let.substring(0, eq);
            String encoded = let.substring(eq + " = base64_decode_tostring('".length(), let.length() - 2);
            String value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            rest = rest.substring(end + 2).replace(name, "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'");
        }
        return out.append(rest).toString();
    }

    private static String bind(String name, String value) {
        return "let " + name + " = base64_decode_tostring('"
                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "');\n";
    }

    private static int hours(int hours) {
        if (hours < 1 || hours > ActionInputs.MAX_HOURS) {
            throw new IllegalArgumentException("Hours out of range: " + hours);
        }
        return hours;
    }
}
