package com.attest.runbook;

import java.util.List;

/**
 * The runbook and policy a new installation starts from, taken from the SOC 2 incident response guide
 * (CC7.3 to CC7.5) the portal is built on. Placeholders in angle brackets stand for the incident's own
 * resources.
 */
public final class InitialDocuments {

    private InitialDocuments() {
    }

    /** The five-step incident response runbook: Contain, Investigate, Eradicate, Recover, Post-incident review. */
    public static Runbook incidentResponse() {
        return new Runbook("Incident Response Runbook", """
                Document and maintain this runbook. Auditors will ask to see it and may ask responders to walk \
                through it.

                Work through the steps in order and record on the incident what was done and when. An item \
                marked with an action names the automated action that carries it out.""",
                List.of(contain(), investigate(), eradicate(), recover(), review()));
    }

    private static Step contain() {
        return new Step(Phase.CONTAIN, """
                Isolate a compromised VM by attaching a deny-all network security group to its NIC:

                ```bash
                # Get the NIC ID
                NIC_ID=$(az vm show --resource-group rg-prod --name vm-compromised \\
                  --query "networkProfile.networkInterfaces[0].id" -o tsv)

                # Apply a quarantine NSG (deny all inbound and outbound)
                az network nsg create --resource-group rg-security --name nsg-quarantine

                # Associate the quarantine NSG with the NIC
                az network nic update --ids $NIC_ID --network-security-group nsg-quarantine
                ```

                Cut off compromised identities:

                ```bash
                # Disable a compromised Entra ID account immediately
                az ad user update --id <user-principal-name> --account-enabled false

                # Revoke all active sessions and refresh tokens for a user
                az rest --method POST \\
                  --uri "https://graph.microsoft.com/v1.0/users/<user-id>/revokeSignInSessions"

                # Disable a compromised service principal
                az ad sp update --id <service-principal-id> --set "accountEnabled=false"
                ```""",
                List.of(
                        new Item("Quarantine the compromised VM: attach the deny-all `nsg-quarantine` network "
                                + "security group to its NIC", "quarantine-vm"),
                        new Item("Disable the compromised Entra ID user account", "disable-user"),
                        new Item("Revoke all active sessions and refresh tokens for the user", "revoke-sessions"),
                        new Item("Disable the compromised service principal", "disable-service-principal"),
                        Item.manual("Record each containment action and its time on the incident timeline")));
    }

    private static Step investigate() {
        return new Step(Phase.INVESTIGATE, """
                Establish what the attacker did, from where, and what they touched. The queries run against \
                the Log Analytics workspace over the last 24 hours.

                ```bash
                # Entra ID audit logs for a specific user's activity
                az monitor log-analytics query --workspace $WORKSPACE_ID --analytics-query "
                AuditLogs
                | where TimeGenerated > ago(24h)
                | where InitiatedBy.user.userPrincipalName == '<user-principal-name>'
                | project TimeGenerated, OperationName, Result, TargetResources
                | order by TimeGenerated desc
                " --output table

                # Azure Activity Log operations from a specific IP
                az monitor log-analytics query --workspace $WORKSPACE_ID --analytics-query "
                AzureActivity
                | where TimeGenerated > ago(24h)
                | where CallerIpAddress == '<suspicious-ip>'
                | project TimeGenerated, OperationNameValue, Caller, ResourceGroup, Level
                | order by TimeGenerated desc
                " --output table

                # Defender for Cloud alert detail
                az security alert show --resource-group rg-prod --name <alert-name> --location eastus \\
                  --query "{Name:alertName,Severity:severity,Description:description,RemediationSteps:remediationSteps}"

                # Key Vault audit logs for unusual access
                az monitor log-analytics query --workspace $WORKSPACE_ID --analytics-query "
                AzureDiagnostics
                | where ResourceType == 'VAULTS'
                | where TimeGenerated > ago(24h)
                | where OperationName in ('SecretGet', 'KeyDecrypt', 'KeyUnwrap')
                | project TimeGenerated, identity_claim_oid_g, requestUri_s, ResultSignature
                | order by TimeGenerated desc
                " --output table
                ```""",
                List.of(
                        new Item("Query the Entra ID audit logs for the affected user's activity over the last "
                                + "24 hours", "run-kql-user-audit"),
                        new Item("Query the Azure Activity Log for operations from the suspicious IP address",
                                "run-kql-ip-activity"),
                        new Item("Fetch the Defender for Cloud alert detail: severity, description and "
                                + "remediation steps", "fetch-defender-alert"),
                        new Item("Query the Key Vault audit logs for unusual access (SecretGet, KeyDecrypt, "
                                + "KeyUnwrap)", "run-kql-keyvault")));
    }

    private static Step eradicate() {
        return new Step(Phase.ERADICATE, """
                Remove every foothold the attacker gained before restoring service.

                ```bash
                # Rotate a compromised Key Vault secret
                az keyvault secret set --vault-name kv-soc2-prod --name compromised-secret \\
                  --value "<new-strong-secret>"

                # Remove a malicious role assignment
                az role assignment delete --assignee <malicious-principal-id> --role Contributor \\
                  --scope /subscriptions/<subscription-id>
                ```""",
                List.of(
                        Item.manual("Remove malicious resources (VMs, app registrations, role assignments, "
                                + "runbooks created by the attacker)."),
                        new Item("Revoke all active sessions via revokeSignInSessions.", "revoke-sessions"),
                        Item.manual("Reset credentials for affected service principals; rotate Key Vault secrets "
                                + "and certificates."),
                        Item.manual("Patch or redeploy the affected system from a known-good IaC state."),
                        Item.manual("Verify no persistent access mechanisms remain (new admin accounts, new OAuth "
                                + "app consents, forwarding rules)."),
                        new Item("Rotate the compromised Key Vault secret", "rotate-secret"),
                        new Item("Delete the malicious role assignment", "delete-role-assignment")));
    }

    private static Step recover() {
        return new Step(Phase.RECOVER, """
                Restore from known-good state. Redeploying from infrastructure as code is preferred.

                ```bash
                # Restore an Azure SQL Database to a point in time
                az sql db restore --dest-name prod-db-restored --resource-group rg-prod --server sql-prod \\
                  --name prod-db --time "<point-in-time, e.g. 2024-01-15T03:00:00Z>"

                # Restore a VM from an Azure Backup recovery point
                az backup restore restore-azurevm --resource-group rg-prod --vault-name rsv-prod \\
                  --container-name "iaasvmcontainerv2;rg-prod;vm-prod" \\
                  --item-name "vm;iaasvmcontainerv2;rg-prod;vm-prod" \\
                  --restore-mode OriginalLocation --rp-name <recovery-point-name>

                # Redeploy infrastructure from Terraform (IaC, preferred)
                terraform apply -target=module.vm_prod -auto-approve
                ```""",
                List.of(
                        new Item("Restore the Azure SQL database to a point in time before the compromise",
                                "restore-sql-pit"),
                        new Item("Restore the VM from an Azure Backup recovery point", "restore-vm-backup"),
                        new Item("Record the redeployment of the affected infrastructure from Terraform (IaC)",
                                "record-iac-redeploy")));
    }

    private static Step review() {
        return new Step(Phase.REVIEW, """
                Complete a post-incident review within 5 business days. Retain it for audit evidence.

                The review records the incident ID (INC-YYYY-NNN), the date and time detected and resolved, \
                and the severity (P1 / P2 / P3 / P4).""",
                List.of(
                        Item.manual("File the post-incident review within 5 business days of resolution"),
                        Item.manual("Timeline: alert triggered, on-call notified, incident declared and severity "
                                + "assigned, containment action taken, root cause identified, system restored, "
                                + "incident closed"),
                        Item.manual("Root cause"),
                        Item.manual("Impact: systems affected, data involved, customers notified (Y/N)"),
                        Item.manual("Actions taken: containment, eradication and recovery"),
                        Item.manual("Customer notification decision: required (Y/N); if yes, the date and method "
                                + "of notification"),
                        Item.manual("Action items, each with an owner and a due date")));
    }

    /** The incident response policy the runbook serves. */
    public static String policy() {
        return """
                # Incident Response Policy

                ## Purpose

                This policy sets out how security incidents are detected, classified, contained and recovered \
                from, and how evidence that the process was followed is kept. It addresses SOC 2 CC7.3 \
                (incident evaluation), CC7.4 (incident response) and CC7.5 (recovery from incidents).

                ## Scope

                All production systems in the organization's Azure subscriptions, the Entra ID users and \
                service principals that reach them, and every alert raised by Defender for Cloud, Microsoft \
                Sentinel and Azure Monitor.

                ## Roles

                - **Compliance lead**: owns this policy and the incident response runbook, approves changes \
                to them, and makes sure post-incident reviews are filed.
                - **Responders**: the on-call engineers. They acknowledge alerts, classify and work incidents \
                by the runbook, and record the actions taken.
                - **Auditors**: read incidents, reviews and evidence; they may ask responders to walk through \
                the runbook.

                ## Classification

                Every incident is given a severity when it is declared. The response SLA runs from detection.

                | Severity | Defender for Cloud score | Examples | Response SLA |
                | --- | --- | --- | --- |
                | P1 — Critical | 9–10 | Compromised credentials, cryptominer detected, data exfiltration | 30 minutes |
                | P2 — High | 7–8 | Brute force attack, anomalous sign-in from new country, key vault access spike | 2 hours |
                | P3 — Medium | 4–6 | Policy violations, misconfiguration alerts, exposed storage accounts | 24 hours |
                | P4 — Low | 1–3 | Informational alerts, expected behaviour flagged as anomalous | Next business day |

                ## Response

                Responders follow the incident response runbook: Contain, Investigate, Eradicate, Recover and \
                Post-incident review. The runbook is version-controlled in Git and kept current by the \
                compliance lead.

                A post-incident review is completed within 5 business days of every incident and retained as \
                audit evidence.

                ## Customer notification

                Affected customers are notified within 72 hours for incidents involving personal data and \
                within 30 days for other incidents, as set out in the Terms of Service and the DPA. Legal, the \
                CISO or the CEO approves each notification. A customer contact list and a notification email \
                template are kept ready in advance.

                ## Evidence retention

                | Evidence | Retention |
                | --- | --- |
                | Incident response policy | Permanent |
                | Incident response runbook (version-controlled in Git) | Permanent |
                | Post-incident review reports | 3 years minimum |
                | Tabletop or live exercise records | Annual exercise, retained 3 years |
                | Entra ID audit log for the incident period | Log Analytics workspace, retained 1 year or more |
                | Customer notification records | 3 years minimum |
                """;
    }
}
