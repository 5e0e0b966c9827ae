package com.attest.azure;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The incident-response actions performed in Azure (policy section 3, steps 1 to 4), as the port the action runner
 * calls. Parameters arrive already validated (resource ids well-formed, subscription configured, KQL built from
 * bound values); an implementation still refuses what it cannot do with an {@link IllegalArgumentException}.
 * <p>
 * Each method reads the state first where Azure lets it, so a re-run of something already in effect answers
 * {@link ActionResult#alreadyInEffect()} instead of failing, and the before/after state is evidence. Every HTTP
 * exchange goes to {@code log}. Calls run on the caller's thread and block until Azure has finished (long-running
 * operations are polled).
 */
public interface AzureActions {

    /**
     * Quarantine: make sure NSG {@code nsgName} in {@code nsgResourceGroup} (the VM's region) exists with rules that
     * deny all inbound and outbound traffic, then put it on the VM's primary NIC. {@code before} holds the NIC id
     * and the NSG it had (or null), so the quarantine can be undone.
     *
     * @param vmId full resource id of the virtual machine
     */
    ActionResult quarantineVm(String vmId, String nsgResourceGroup, String nsgName, CallLog log) throws AzureFailure;

    /** Undo a quarantine: put {@code previousNsgId} (null for none) back on NIC {@code nicId}. */
    ActionResult releaseVm(String nicId, String previousNsgId, CallLog log) throws AzureFailure;

    /** Entra ID user (UPN or object id): accountEnabled=false through Graph. */
    ActionResult disableUser(String user, CallLog log) throws AzureFailure;

    /** Graph revokeSignInSessions for the user (UPN or object id). */
    ActionResult revokeSessions(String user, CallLog log) throws AzureFailure;

    /** Entra ID service principal (object id): accountEnabled=false through Graph. */
    ActionResult disableServicePrincipal(String servicePrincipalObjectId, CallLog log) throws AzureFailure;

    /**
     * Runs {@code kql} against Log Analytics workspace {@code workspaceId} over the last {@code timespan}; the
     * result file is the answer's tables as JSON.
     *
     * @param subscriptionId whose configured identity queries the workspace
     */
    ActionResult queryLogs(String subscriptionId, String workspaceId, String kql, Duration timespan, String fileName,
                           CallLog log) throws AzureFailure;

    /** A Defender for Cloud alert's detail by its resource id; the result file is the alert as JSON. */
    ActionResult fetchDefenderAlert(String alertId, CallLog log) throws AzureFailure;

    /**
     * Sets a new, strongly random value for secret {@code secretName} in vault {@code vaultName}. The value is never
     * returned, logged or kept; {@code azureReference} is the new version's id.
     *
     * @param subscriptionId whose configured identity writes the secret
     */
    ActionResult rotateSecret(String subscriptionId, String vaultName, String secretName, CallLog log)
            throws AzureFailure;

    /**
     * Deletes the assignments of role {@code roleName} (e.g. Contributor) to principal {@code assigneeObjectId} at
     * exactly {@code scope}; already in effect when there is none.
     */
    ActionResult deleteRoleAssignment(String scope, String assigneeObjectId, String roleName, CallLog log)
            throws AzureFailure;

    /**
     * Point-in-time restore of Azure SQL database {@code sourceDatabaseId} as a new database {@code targetName} on the
     * same server; already in effect when that database exists.
     */
    ActionResult restoreSqlDatabase(String sourceDatabaseId, String targetName, OffsetDateTime pointInTime,
                                    CallLog log) throws AzureFailure;

    /**
     * Restores VM {@code vmId} to its original location from recovery point {@code recoveryPointName} in Recovery
     * Services vault {@code vaultId}; {@code azureReference} is the backup job Azure started.
     */
    ActionResult restoreVmFromBackup(String vaultId, String vmId, String recoveryPointName, CallLog log)
            throws AzureFailure;

    /**
     * The Entra ID audit log (Graph {@code auditLogs/directoryAudits}) for {@code from} to {@code to}, every page
     * of it (up to a bound, said in the summary when reached); the result file is the entries as JSON.
     */
    ActionResult collectDirectoryAudits(java.time.Instant from, java.time.Instant to, String fileName, CallLog log)
            throws AzureFailure;

    /** Acquires a token for the identity that serves {@code subscriptionId} (null: the Graph identity). */
    String checkIdentity(String subscriptionId) throws AzureFailure;
}
