package com.attest.action;

import static com.attest.action.Param.optional;
import static com.attest.action.Param.required;

import com.attest.action.Param.Kind;
import com.attest.incident.Milestone;
import com.attest.runbook.Phase;
import com.attest.runbook.RunbookFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions of the policy's runbook (section 3, steps 1 to 4), by the code a runbook item names
 * ({@code `action: quarantine-vm`}), plus the undo of a quarantine. A destructive action changes something in
 * Azure or Entra ID and needs a second person's approval; the others read, or record what was done elsewhere.
 */
public enum ActionType {

    QUARANTINE_VM("quarantine-vm", "Quarantine a VM", Phase.CONTAIN, true, Milestone.CONTAINMENT_ACTION_TAKEN,
            required("vm", "Virtual machine", Kind.VM_ID,
                    "/subscriptions/<id>/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01"),
            optional("nsgResourceGroup", "Quarantine NSG resource group", Kind.RESOURCE_GROUP,
                    "Where the deny-all NSG lives (in the VM's region); empty: the VM's resource group"),
            optional("nsg", "Quarantine NSG name", Kind.RESOURCE_NAME, "Empty: nsg-quarantine")),
    RELEASE_VM("release-vm", "Release a VM from quarantine", Phase.CONTAIN, true, null,
            required("nic", "Network interface", Kind.NIC_ID, "The NIC the quarantine NSG was put on"),
            optional("previousNsg", "NSG to restore", Kind.NSG_ID, "Empty: the NIC had no NSG of its own")),
    DISABLE_USER("disable-user", "Disable an Entra ID user", Phase.CONTAIN, true, Milestone.CONTAINMENT_ACTION_TAKEN,
            required("user", "User", Kind.USER, "user@example.com or the user's object id")),
    REVOKE_SESSIONS("revoke-sessions", "Revoke a user's sessions", Phase.CONTAIN, true,
            Milestone.CONTAINMENT_ACTION_TAKEN,
            required("user", "User", Kind.USER, "user@example.com or the user's object id")),
    DISABLE_SERVICE_PRINCIPAL("disable-service-principal", "Disable a service principal", Phase.CONTAIN, true,
            Milestone.CONTAINMENT_ACTION_TAKEN,
            required("servicePrincipal", "Service principal object id", Kind.OBJECT_ID,
                    "The enterprise application's object id (not its application id)")),
    KQL_USER_AUDIT("run-kql-user-audit", "Query a user's Entra ID audit log", Phase.INVESTIGATE, false, null,
            required("workspace", "Log Analytics workspace", Kind.WORKSPACE, null),
            required("user", "User principal name", Kind.USER, "user@example.com"),
            required("hours", "Look back (hours)", Kind.HOURS, "1 to 720; the policy uses 24")),
    KQL_IP_ACTIVITY("run-kql-ip-activity", "Query Azure activity from an IP address", Phase.INVESTIGATE, false, null,
            required("workspace", "Log Analytics workspace", Kind.WORKSPACE, null),
            required("ip", "IP address", Kind.IP_ADDRESS, "203.0.113.7 or 2001:db8::7"),
            required("hours", "Look back (hours)", Kind.HOURS, "1 to 720; the policy uses 24")),
    KQL_KEYVAULT("run-kql-keyvault", "Query Key Vault access", Phase.INVESTIGATE, false, null,
            required("workspace", "Log Analytics workspace", Kind.WORKSPACE, null),
            required("hours", "Look back (hours)", Kind.HOURS, "1 to 720; the policy uses 24")),
    FETCH_DEFENDER_ALERT("fetch-defender-alert", "Fetch a Defender for Cloud alert", Phase.INVESTIGATE, false, null,
            required("alert", "Alert resource id", Kind.DEFENDER_ALERT_ID,
                    "/subscriptions/<id>/resourceGroups/rg-prod/providers/Microsoft.Security/locations/eastus/alerts/<name>")),
    COLLECT_ENTRA_AUDIT("collect-entra-audit", "Collect the Entra ID audit log for the incident period",
            Phase.INVESTIGATE, false, null,
            required("from", "From (UTC)", Kind.MOMENT, "The start of the incident window, e.g. an hour before detection"),
            required("to", "To (UTC)", Kind.MOMENT, "Its end: resolution, closure or now; at most 92 days after the start")),
    ROTATE_SECRET("rotate-secret", "Rotate a Key Vault secret", Phase.ERADICATE, true, null,
            required("subscription", "Subscription (identity)", Kind.SUBSCRIPTION, null),
            required("vault", "Key Vault name", Kind.VAULT_NAME, "kv-soc2-prod"),
            required("secret", "Secret name", Kind.SECRET_NAME, "compromised-secret")),
    DELETE_ROLE_ASSIGNMENT("delete-role-assignment", "Remove a role assignment", Phase.ERADICATE, true, null,
            required("assignee", "Assignee object id", Kind.OBJECT_ID, "The principal the role was given to"),
            required("role", "Role", Kind.ROLE_NAME, "Contributor"),
            required("scope", "Scope", Kind.SCOPE, "/subscriptions/<id> or /subscriptions/<id>/resourceGroups/rg-prod")),
    RESTORE_SQL_PIT("restore-sql-pit", "Restore an Azure SQL database to a point in time", Phase.RECOVER, true,
            Milestone.SYSTEM_RESTORED,
            required("database", "Source database", Kind.SQL_DATABASE_ID,
                    "/subscriptions/<id>/resourceGroups/rg-prod/providers/Microsoft.Sql/servers/sql-prod/databases/prod-db"),
            required("target", "New database name", Kind.DATABASE_NAME, "prod-db-restored"),
            required("time", "Point in time (UTC)", Kind.POINT_IN_TIME, "2026-01-15T03:00:00Z; within the last 35 days")),
    RESTORE_VM_BACKUP("restore-vm-backup", "Restore a VM from Azure Backup", Phase.RECOVER, true,
            Milestone.SYSTEM_RESTORED,
            required("vault", "Recovery Services vault", Kind.RECOVERY_VAULT_ID,
                    "/subscriptions/<id>/resourceGroups/rg-prod/providers/Microsoft.RecoveryServices/vaults/rsv-prod"),
            required("vm", "Virtual machine", Kind.VM_ID,
                    "/subscriptions/<id>/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-prod"),
            required("recoveryPoint", "Recovery point name", Kind.RECOVERY_POINT, "e.g. 932345678912345")),
    RECORD_IAC_REDEPLOY("record-iac-redeploy", "Record an IaC redeploy", Phase.RECOVER, false,
            Milestone.SYSTEM_RESTORED,
            required("command", "Command run", Kind.COMMAND, "terraform apply -target=module.vm_prod -auto-approve"),
            required("runLink", "Pipeline run link", Kind.HTTPS_URL, "https://dev.azure.com/…/_build/results?buildId=…"),
            required("outcome", "Outcome", Kind.OUTCOME, null)),
    REPAIR_ACTION_GROUP("repair-action-group", "Repair the detection pipeline's action group", Phase.RECOVER, true,
            null,
            required("subscription", "Subscription", Kind.SUBSCRIPTION, null),
            required("resourceGroup", "Resource group", Kind.RESOURCE_GROUP,
                    "Where the action group is, or is to be created, e.g. rg-soc"),
            required("actionGroup", "Action group", Kind.RESOURCE_NAME, "The policy's action group")),
    REPAIR_AUTOMATION("repair-automation", "Repair the Defender for Cloud workflow automation", Phase.RECOVER, true,
            null,
            required("subscription", "Subscription", Kind.SUBSCRIPTION, null),
            required("resourceGroup", "Resource group", Kind.RESOURCE_GROUP,
                    "Where the automation and its Logic App are, or are to be, e.g. rg-soc"),
            required("automation", "Workflow automation", Kind.RESOURCE_NAME, "The policy's workflow automation"),
            required("logicApp", "Logic App", Kind.RESOURCE_NAME,
                    "The enabled Logic App (in the same resource group) that alerts are routed to"));

    private final String code;
    private final String label;
    private final Phase phase;
    private final boolean destructive;
    private final Milestone milestone;
    private final List<Param> params;

    ActionType(String code, String label, Phase phase, boolean destructive, Milestone milestone, Param... params) {
        this.code = code;
        this.label = label;
        this.phase = phase;
        this.destructive = destructive;
        this.milestone = milestone;
        this.params = List.of(params);
    }

    /** The code a runbook item names, e.g. {@code quarantine-vm}. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public Phase phase() {
        return phase;
    }

    /** Changes something in Azure or Entra ID: a second person approves it, unless a P1's responder breaks glass. */
    public boolean destructive() {
        return destructive;
    }

    /** The timeline milestone a successful run stamps (the first time), or null. */
    public Milestone milestone() {
        return milestone;
    }

    public List<Param> params() {
        return params;
    }

    /** Carried out by the portal in Azure (all but the IaC record, which only records what ran elsewhere). */
    public boolean executes() {
        return this != RECORD_IAC_REDEPLOY;
    }

    /** Offered from a runbook item (the undo of a quarantine is offered from the quarantine's run instead). */
    public boolean runbookAction() {
        return RunbookFormat.ACTION_TYPES.contains(code);
    }

    /** Gathers evidence for the incident as a whole: asked from the incident, not a runbook item, also once closed. */
    public boolean collectsEvidence() {
        return this == COLLECT_ENTRA_AUDIT;
    }

    /**
     * Repairs the detection pipeline: asked for by a compliance lead from the pipeline page, not from an incident,
     * approved by another lead, its dry run read from Azure and kept with the request.
     */
    public boolean repairsPipeline() {
        return this == REPAIR_ACTION_GROUP || this == REPAIR_AUTOMATION;
    }

    public static Optional<ActionType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /** What a run acts on, in a few words: the VM's name, the user, the secret. */
    public String subject(Map<String, String> values) {
        return switch (this) {
            case QUARANTINE_VM, RESTORE_VM_BACKUP -> lastSegment(values.get("vm"));
            case RELEASE_VM -> lastSegment(values.get("nic"));
            case DISABLE_USER, REVOKE_SESSIONS -> values.get("user");
            case DISABLE_SERVICE_PRINCIPAL -> values.get("servicePrincipal");
            case KQL_USER_AUDIT -> values.get("user") + ", " + values.get("hours") + " h";
            case KQL_IP_ACTIVITY -> values.get("ip") + ", " + values.get("hours") + " h";
            case KQL_KEYVAULT -> values.get("hours") + " h";
            case FETCH_DEFENDER_ALERT -> lastSegment(values.get("alert"));
            case COLLECT_ENTRA_AUDIT -> values.get("from") + " – " + values.get("to");
            case ROTATE_SECRET -> values.get("vault") + "/" + values.get("secret");
            case DELETE_ROLE_ASSIGNMENT -> values.get("role") + " for " + values.get("assignee");
            case RESTORE_SQL_PIT -> lastSegment(values.get("database")) + " → " + values.get("target") + " at "
                    + values.get("time");
            case RECORD_IAC_REDEPLOY -> values.get("runLink");
            case REPAIR_ACTION_GROUP -> values.get("actionGroup") + " in " + values.get("resourceGroup");
            case REPAIR_AUTOMATION -> values.get("automation") + " → " + values.get("logicApp") + " in "
                    + values.get("resourceGroup");
        };
    }

    private static String lastSegment(String id) {
        return id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
    }
}
