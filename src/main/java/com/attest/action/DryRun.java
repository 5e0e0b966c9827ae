package com.attest.action;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * What a run will do, shown before anything runs: the calls in order (method, resource, body summary) and the
 * equivalent {@code az} commands from the policy. Built from checked parameters only.
 *
 * @param calls    the requests, in order; reads first where the action checks state
 * @param commands the {@code az} (or recorded) commands, one per entry
 * @param query    the KQL that will run (values bound), or null
 */
public record DryRun(List<Call> calls, List<String> commands, String query) implements Serializable {

    /** One request the run will make. */
    public record Call(String method, String resource, String body) implements Serializable {
    }

    static final String GRAPH = "https://graph.microsoft.com/v1.0";
    static final String ARM = "https://management.azure.com";

    /** The dry run of {@code type} with checked {@code p}arameters. */
    public static DryRun of(ActionType type, Map<String, String> p) {
        List<Call> calls = new ArrayList<>();
        List<String> az = new ArrayList<>();
        String query = null;
        switch (type) {
            case QUARANTINE_VM -> {
                Matcher vm = ArmIds.match(ArmIds.VM, p.get("vm")).orElseThrow();
                String nsgId = "/subscriptions/" + vm.group(1) + "/resourceGroups/" + p.get("nsgResourceGroup")
                        + "/providers/Microsoft.Network/networkSecurityGroups/" + p.get("nsg");
                calls.add(new Call("GET", ARM + p.get("vm"), "read the VM: its region and primary NIC"));
                calls.add(new Call("GET", ARM + "/…/networkInterfaces/<primary NIC>", "the NIC's current NSG (kept"
                        + " so the quarantine can be undone)"));
                calls.add(new Call("GET", ARM + nsgId, "does the quarantine NSG exist with deny-all rules?"));
                calls.add(new Call("PUT", ARM + nsgId, "create it if missing: deny all inbound and outbound"));
                calls.add(new Call("PUT", ARM + "/…/networkInterfaces/<primary NIC>",
                        "networkSecurityGroup.id = " + nsgId + " (skipped if already set)"));
                az.add("NIC_ID=$(az vm show --resource-group " + sh(vm.group(2)) + " --name " + sh(vm.group(3))
                        + " --subscription " + vm.group(1)
                        + " --query \"networkProfile.networkInterfaces[0].id\" -o tsv)");
                az.add("az network nsg create --resource-group " + sh(p.get("nsgResourceGroup")) + " --name "
                        + sh(p.get("nsg")) + " --subscription " + vm.group(1));
                az.add("az network nic update --ids $NIC_ID --network-security-group " + sh(nsgId));
            }
            case RELEASE_VM -> {
                String previous = p.get("previousNsg");
                calls.add(new Call("GET", ARM + p.get("nic"), "the NIC's current NSG"));
                calls.add(new Call("PUT", ARM + p.get("nic"), previous == null ? "networkSecurityGroup removed"
                        : "networkSecurityGroup.id = " + previous));
                az.add("az network nic update --ids " + sh(p.get("nic")) + (previous == null
                        ? " --remove networkSecurityGroup" : " --network-security-group " + sh(previous)));
            }
            case DISABLE_USER -> {
                calls.add(new Call("GET", GRAPH + "/users/" + p.get("user"), "is the account enabled?"));
                calls.add(new Call("PATCH", GRAPH + "/users/" + p.get("user"), "{\"accountEnabled\": false}"));
                az.add("az ad user update --id " + sh(p.get("user")) + " --account-enabled false");
            }
            case REVOKE_SESSIONS -> {
                calls.add(new Call("POST", GRAPH + "/users/" + p.get("user") + "/revokeSignInSessions",
                        "no body: every refresh token and session cookie is invalidated"));
                az.add("az rest --method POST --uri \"" + GRAPH + "/users/" + p.get("user")
                        + "/revokeSignInSessions\"");
            }
            case DISABLE_SERVICE_PRINCIPAL -> {
                String sp = GRAPH + "/servicePrincipals/" + p.get("servicePrincipal");
                calls.add(new Call("GET", sp, "is the service principal enabled?"));
                calls.add(new Call("PATCH", sp, "{\"accountEnabled\": false}"));
                az.add("az ad sp update --id " + p.get("servicePrincipal") + " --set \"accountEnabled=false\"");
            }
            case KQL_USER_AUDIT, KQL_IP_ACTIVITY, KQL_KEYVAULT -> {
                query = query(type, p);
                calls.add(new Call("POST", "https://api.loganalytics.io/v1/workspaces/" + p.get("workspace")
                        + "/query", "the query below, timespan PT" + p.get("hours") + "H"));
                az.add("az monitor log-analytics query --workspace " + p.get("workspace")
                        + " --analytics-query \"\n" + Kql.readable(query) + "\n\" --output table");
            }
            case FETCH_DEFENDER_ALERT -> {
                Matcher alert = ArmIds.match(ArmIds.DEFENDER_ALERT, p.get("alert")).orElseThrow();
                calls.add(new Call("GET", ARM + p.get("alert"), "the alert's detail, kept as a file"));
                az.add("az security alert show" + (alert.group(2) == null ? "" : " --resource-group "
                        + sh(alert.group(2))) + " --name " + sh(alert.group(4)) + " --location " + alert.group(3)
                        + " --subscription " + alert.group(1)
                        + " --query \"{Name:alertName,Severity:severity,Description:description,"
                        + "RemediationSteps:remediationSteps}\"");
            }
            case ROTATE_SECRET -> {
                calls.add(new Call("PUT", "https://" + p.get("vault") + ".vault.azure.net/secrets/" + p.get("secret"),
                        "a new random value generated in the portal, never shown or stored"));
                az.add("az keyvault secret set --vault-name " + sh(p.get("vault")) + " --name " + sh(p.get("secret"))
                        + " --value \"<new-strong-secret>\"");
            }
            case DELETE_ROLE_ASSIGNMENT -> {
                String scope = p.get("scope");
                calls.add(new Call("GET", ARM + scope + "/providers/Microsoft.Authorization/roleDefinitions",
                        "$filter=roleName eq '" + p.get("role") + "'"));
                calls.add(new Call("GET", ARM + scope + "/providers/Microsoft.Authorization/roleAssignments",
                        "$filter=principalId eq '" + p.get("assignee") + "'; keep those of that role at exactly"
                                + " this scope"));
                calls.add(new Call("DELETE", ARM + "/…/providers/Microsoft.Authorization/roleAssignments/<name>",
                        "each matching assignment (none: nothing to do)"));
                az.add("az role assignment delete --assignee " + p.get("assignee") + " --role " + sh(p.get("role"))
                        + " --scope " + sh(scope));
            }
            case RESTORE_SQL_PIT -> {
                Matcher db = ArmIds.match(ArmIds.SQL_DATABASE, p.get("database")).orElseThrow();
                String target = p.get("database").substring(0, db.start(4)) + p.get("target");
                calls.add(new Call("GET", ARM + target, "does the new database exist already?"));
                calls.add(new Call("PUT", ARM + target, "createMode PointInTimeRestore, sourceDatabaseId "
                        + p.get("database") + ", restorePointInTime " + p.get("time")));
                calls.add(new Call("GET", ARM + "/…/azureAsyncOperation/…", "poll until Azure reports Succeeded"));
                az.add("az sql db restore --dest-name " + sh(p.get("target")) + " --resource-group " + sh(db.group(2))
                        + " --server " + db.group(3) + " --name " + sh(db.group(4)) + " --time \"" + p.get("time")
                        + "\" --subscription " + db.group(1));
            }
            case RESTORE_VM_BACKUP -> {
                Matcher vault = ArmIds.match(ArmIds.RECOVERY_VAULT, p.get("vault")).orElseThrow();
                Matcher vm = ArmIds.match(ArmIds.VM, p.get("vm")).orElseThrow();
                String container = "iaasvmcontainerv2;" + vm.group(2) + ";" + vm.group(3);
                String item = "vm;" + container;
                calls.add(new Call("POST", ARM + p.get("vault") + "/backupFabrics/Azure/protectionContainers/"
                        + container + "/protectedItems/" + item + "/recoveryPoints/" + p.get("recoveryPoint")
                        + "/restore", "IaasVMRestoreRequest: OriginalLocation, source " + p.get("vm")));
                calls.add(new Call("GET", ARM + "/…/operationResults/…", "poll until Azure has started the"
                        + " restore job; its id is kept"));
                az.add("az backup restore restore-azurevm --resource-group " + sh(vault.group(2)) + " --vault-name "
                        + vault.group(3) + " --container-name " + sh(container) + " --item-name " + sh(item)
                        + " --restore-mode OriginalLocation --rp-name " + p.get("recoveryPoint")
                        + " --subscription " + vault.group(1));
            }
            case COLLECT_ENTRA_AUDIT -> {
                String filter = "activityDateTime ge " + p.get("from") + " and activityDateTime le " + p.get("to");
                calls.add(new Call("GET", GRAPH + "/auditLogs/directoryAudits", "$filter=" + filter
                        + "; $top=500; every page, kept as one file"));
                az.add("az rest --method GET --uri \"" + GRAPH + "/auditLogs/directoryAudits?\\$filter="
                        + filter.replace(" ", "%20") + "\"");
            }
            case RECORD_IAC_REDEPLOY -> az.add(p.get("command"));
            default -> throw new IllegalStateException(type.code());
        }
        return new DryRun(List.copyOf(calls), List.copyOf(az), query);
    }

    /** The dry run as kept with a request (a repair's plan, read from Azure when it was asked for). */
    public String toJson() {
        jakarta.json.JsonArrayBuilder c = jakarta.json.Json.createArrayBuilder();
        calls.forEach(call -> c.add(jakarta.json.Json.createObjectBuilder().add("method", call.method())
                .add("resource", call.resource()).add("body", call.body())));
        jakarta.json.JsonObjectBuilder o = jakarta.json.Json.createObjectBuilder().add("calls", c)
                .add("commands", jakarta.json.Json.createArrayBuilder(commands));
        if (query != null) {
            o.add("query", query);
        }
        return o.build().toString();
    }

    /** A dry run as {@link #toJson()} kept it. */
    public static DryRun fromJson(String json) {
        jakarta.json.JsonObject o = jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
        List<Call> calls = o.getJsonArray("calls").getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(c -> new Call(c.getString("method"), c.getString("resource"), c.getString("body"))).toList();
        List<String> commands = o.getJsonArray("commands").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        return new DryRun(calls, commands, o.getString("query", null));
    }

    /** The KQL a query action runs, values bound. */
    public static String query(ActionType type, Map<String, String> p) {
        int hours = Integer.parseInt(p.get("hours"));
        return switch (type) {
            case KQL_USER_AUDIT -> Kql.userAudit(p.get("user"), hours);
            case KQL_IP_ACTIVITY -> Kql.ipActivity(p.get("ip"), hours);
            case KQL_KEYVAULT -> Kql.keyVaultAccess(hours);
            default -> throw new IllegalArgumentException(type.code() + " runs no query");
        };
    }

    /** A value as a POSIX shell word: bare when safe, otherwise single-quoted. */
    static String sh(String value) {
        if (value.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
