package com.attest.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.incident.Source;
import com.attest.intake.ReceivedAlert.Event;
import com.attest.platform.InvalidInput;
import com.attest.platform.InvalidInput.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AlertPayloadsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");
    private static final String SUB = "/subscriptions/00000000-1111-2222-3333-444444444444";
    private static final String WORKSPACE = SUB + "/resourcegroups/rg-security/providers/"
            + "microsoft.operationalinsights/workspaces/law-sentinel-prod";
    private static final String WKS_FIN_042 = SUB
            + "/resourcegroups/rg-fin-prod/providers/microsoft.compute/virtualmachines/wks-fin-042";

    // Azure Monitor

    @Test
    void monitorMetricAlertFires() {
        ReceivedAlert a = sample("monitor/metric-fired.json");
        assertEquals(Source.AZURE_MONITOR, a.source());
        assertEquals(SUB + "/providers/Microsoft.AlertsManagement/alerts/6f1c2a7e-3b4d-4e5f-9a8b-7c6d5e4f3a2b",
                a.externalId());
        assertEquals(Event.FIRED, a.event());
        assertEquals("High CPU on web tier", a.title());
        assertEquals("Average Percentage CPU above 85% over 15 minutes on the web tier", a.description());
        assertEquals("Sev2", a.severityLabel());
        assertNull(a.score());
        assertEquals("Metric / Platform", a.alertType());
        assertEquals(Instant.parse("2026-11-27T21:14:03.4512344Z"), a.firedAt());
        assertNull(a.resolvedAt());
        assertEquals("Fired", a.status());
        assertNull(a.owner());
        assertNull(a.classification());
        assertNull(a.link());
        assertEquals(Set.of(SUB + "/resourcegroups/rg-web-prod/providers/microsoft.compute/virtualmachines/vm-web-01"),
                a.resources());
        assertEquals(Set.of("vm-web-01"), a.entities());
        assertEquals(Set.of(), a.users());
    }

    @Test
    void monitorNotificationsWithoutRuleSeverityOrConditionAreRead() {
        ReceivedAlert budget = sample("monitor/cost-budget-actual.json");
        assertEquals(SUB + "/providers/Microsoft.CostManagement/alerts/budget-prod-monthly-actual-100",
                budget.externalId());
        assertEquals("Budget budget-prod-monthly", budget.title(), "no alert rule: the budget names it");
        assertEquals("", budget.severityLabel(), "no severity word: the rules classify it");
        assertEquals(Event.FIRED, budget.event(), "no monitor condition counts as fired");
        assertEquals("Fired", budget.status());
        assertEquals("CostAlerts", budget.alertType());
        assertTrue(budget.description().startsWith("Your spend for budget budget-prod-monthly"));
        assertEquals(Set.of("budgets"), budget.entities());

        ReceivedAlert health = sample("monitor/service-health.json");
        assertEquals("Service issues in West Europe", health.title());
        assertEquals("Activity Log / ServiceHealth", health.alertType());
        assertEquals(Instant.parse("2026-11-27T11:42:18.0623172Z"), health.firedAt(), "no offset: UTC");

        ReceivedAlert resource = sample("monitor/resource-health.json");
        assertEquals("Activity Log / Resource Health", resource.alertType());
        assertEquals(Set.of(SUB + "/resourcegroups/rg-web-prod/providers/microsoft.compute/virtualmachines/vm-web-01"),
                resource.resources());

        ReceivedAlert untitled = parse(Source.AZURE_MONITOR, modified("monitor/cost-budget-actual.json",
                "\"AlertData\"", "\"OtherData\""));
        assertEquals("CostAlerts alert", untitled.title(), "else the monitoring service names it");
        ReceivedAlert eventTitled = parse(Source.AZURE_MONITOR, modified("monitor/service-health.json",
                "\"alertRule\": \"Service issues in West Europe\"", "\"alertRule\": null"));
        assertEquals("Azure Storage - West Europe - Degraded availability", eventTitled.title(),
                "a health event's own title");
    }

    @Test
    void monitorResolvesTheSameAlert() {
        ReceivedAlert fired = sample("monitor/metric-fired.json");
        ReceivedAlert resolved = sample("monitor/metric-resolved.json");
        assertEquals(fired.externalId(), resolved.externalId());
        assertEquals(Event.RESOLVED, resolved.event());
        assertEquals("Resolved", resolved.status());
        assertEquals(fired.firedAt(), resolved.firedAt());
        assertEquals(Instant.parse("2026-11-27T21:44:07.1234567Z"), resolved.resolvedAt());
    }

    @Test
    void monitorLogSearchAlertLinksToItsResults() {
        ReceivedAlert a = sample("monitor/log-alert-v2-fired.json");
        assertEquals("Repeated failed sign-ins to the admin portal", a.title());
        assertEquals("Sev1", a.severityLabel());
        assertEquals("Log / Log Alerts V2", a.alertType());
        assertEquals(Instant.parse("2026-11-26T08:42:17.0918273Z"), a.firedAt());
        assertTrue(a.link().startsWith("https://portal.azure.com#@11111111-2222-3333-4444-555555555555/blade/"
                + "Microsoft_Azure_Monitoring_Logs/LogsBlade/"), a.link());
        assertTrue(a.link().contains("eJxLLc4syczPK1ZIzEtJUfAMSy0qzszPU7BVUNJVKM3LzE8pBgBqvwlx"), "the filtered link");
        assertEquals(Set.of(SUB + "/resourcegroups/rg-observability/providers/microsoft.operationalinsights/"
                + "workspaces/law-attest-prod"), a.resources());
        assertEquals(Set.of("law-attest-prod"), a.entities());
    }

    @Test
    void monitorActivityLogAlert() {
        ReceivedAlert a = sample("monitor/activity-log-fired.json");
        assertEquals(SUB + "/providers/Microsoft.AlertsManagement/alerts/3c9d8e7f-6a5b-4c4d-8e3f-2a1b0c9d8e7f",
                a.externalId());
        assertEquals("Network security group rule changed", a.title());
        assertEquals("", a.description());
        assertEquals("Sev4", a.severityLabel());
        assertEquals("Activity Log / Activity Log - Administrative", a.alertType());
        assertEquals(Instant.parse("2026-11-25T14:03:51.6615493Z"), a.firedAt());
        assertEquals(Set.of(SUB + "/resourcegroups/rg-web-prod/providers/microsoft.network/networksecuritygroups/nsg-web"),
                a.resources());
    }

    // Defender for Cloud

    @Test
    void defenderWorkflowAutomationAlert() {
        ReceivedAlert a = sample("defender/workflow-automation.json");
        assertEquals(Source.DEFENDER, a.source());
        assertEquals("2516978012345678901_4f8b2c1d-7e6a-4b3c-9d2e-1f0a9b8c7d6e", a.externalId());
        assertEquals(Event.FIRED, a.event());
        assertEquals("Suspicious authentication activity", a.title());
        assertEquals("High", a.severityLabel());
        assertNull(a.score());
        assertEquals("VM_LoginBruteForceValidUserFailed", a.alertType());
        assertEquals(Instant.parse("2026-11-27T03:51:02.8173452Z"), a.firedAt());
        assertNull(a.resolvedAt());
        assertEquals("Active", a.status());
        assertTrue(a.link().startsWith("https://portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderForData/"
                + "AlertBlade/alertId/2516978012345678901_4f8b2c1d"), a.link());
        assertTrue(a.description().startsWith("Although none of them succeeded"), a.description());
        assertTrue(a.description().endsWith("in order to find valid credentials.\n\nRemediation:\n"
                + "- 1. Block the source IP addresses at the network security group or firewall.\n"
                + "- 2. Reset the password of svc-deploy and review where the account is used.\n"
                + "- 3. Enforce just-in-time VM access so RDP is not exposed to the internet."), a.description());
        assertEquals(Set.of(SUB + "/resourcegroups/rg-mgmt-prod/providers/microsoft.compute/virtualmachines/vm-jump-01"),
                a.resources());
        assertEquals(Set.of("vm-jump-01", "svc-deploy", "203.0.113.47", "198.51.100.23"), a.entities());
        assertEquals(Set.of("svc-deploy@contoso.com"), a.users());
        assertNull(a.owner());
    }

    @Test
    void defenderResolvedAlertKeepsItsId() {
        ReceivedAlert a = sample("defender/resolved.json");
        assertEquals(sample("defender/workflow-automation.json").externalId(), a.externalId());
        assertEquals(Event.RESOLVED, a.event());
        assertEquals("Resolved", a.status());
        assertNull(a.resolvedAt(), "Defender does not say when an alert was resolved");
        assertTrue(a.description().contains("\n\nRemediation:\n- 1. Block"), a.description());
        ReceivedAlert dismissed = parse(Source.DEFENDER, modified("defender/resolved.json",
                "\"Status\": \"Resolved\"", "\"Status\": \"dismissed\""));
        assertEquals(Event.RESOLVED, dismissed.event());
        assertEquals("Dismissed", dismissed.status());
    }

    @Test
    void defenderArmAlertResource() {
        ReceivedAlert a = sample("defender/arm-alert.json");
        assertEquals("2516975432109876543_8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d", a.externalId());
        assertEquals(Event.FIRED, a.event());
        assertEquals("Digital currency mining related behavior detected", a.title());
        assertEquals("High", a.severityLabel());
        assertEquals("VM_CurrencyMining", a.alertType());
        assertEquals(Instant.parse("2026-11-24T10:31:22.587Z"), a.firedAt());
        assertTrue(a.description().startsWith("Analysis of host data on vm-batch-07"), a.description());
        assertTrue(a.description().contains("associated with digital currency mining.\n\nRemediation:\n"
                + "- Review with root whether the process was legitimate.\n- If it was not,"), a.description());
        assertEquals(Set.of(SUB + "/resourcegroups/rg-batch-prod/providers/microsoft.compute/virtualmachines/vm-batch-07"),
                a.resources());
        assertEquals(Set.of("vm-batch-07", "root"), a.entities());
        assertEquals(Set.of(), a.users());
        assertNull(a.score());
    }

    @Test
    void defenderActivityLogMembersHeldAsJsonText() {
        ReceivedAlert a = sample("defender/activity-log-string-remediation.json");
        assertEquals("2516969988776655443_d4c3b2a1-0f9e-4d8c-b7a6-958473625140", a.externalId());
        assertEquals("Access from a suspicious IP address", a.title());
        assertEquals("Medium", a.severityLabel());
        assertEquals("Storage.Blob_SuspiciousIp", a.alertType());
        assertEquals(Instant.parse("2026-11-23T16:44:58.3065120Z"), a.firedAt());
        assertEquals("Active", a.status());
        assertTrue(a.description().endsWith("\n\nRemediation:\n"
                + "- Limit access to the storage account, following the least-privilege principle.\n"
                + "- Revoke all storage access tokens that may be compromised.\n"
                + "- Review the storage access logs for data the IP address read."), a.description());
        assertEquals(Set.of(SUB + "/resourcegroups/rg-data-prod/providers/microsoft.storage/storageaccounts/stdataprod01"),
                a.resources());
        assertEquals(Set.of("stdataprod01", "192.0.2.201"), a.entities());
    }

    @Test
    void defenderRemediationAsPlainText() {
        ReceivedAlert a = parse(Source.DEFENDER, modified("defender/arm-alert.json",
                "\"remediationSteps\": [", "\"remediationSteps\": \"Stop the miner.\", \"unused\": ["));
        assertTrue(a.description().endsWith("mining.\n\nRemediation:\n- Stop the miner."), a.description());
    }

    @Test
    void defenderScoreFromExtendedProperties() {
        ReceivedAlert a = sample("defender/with-score.json");
        assertEquals(9, a.score());
        assertEquals("Suspected credential theft activity detected", a.title());
        assertEquals(Set.of("wks-fin-042", "r.patel"), a.entities());
        assertEquals(Set.of("r.patel@contoso.com"), a.users());
        assertEquals(Set.of(WKS_FIN_042), a.resources());

        assertEquals(7, withScore("\"Score\": 7,"));
        assertEquals(10, withScore("\"score\": \"10\","));
        assertEquals(4, withScore("\"Defender score\": 4.0,"));
        assertNull(withScore("\"Score\": \"11\","));
        assertNull(withScore("\"Score\": 9.5,"));
        assertNull(withScore("\"Score\": \"high\","));
        assertNull(withScore("\"Score\": 1e999999999,"));
        ReceivedAlert text = parse(Source.DEFENDER, modified("defender/with-score.json",
                "\"ExtendedProperties\": {", "\"ExtendedProperties\": \"{\\\"Score\\\":\\\"8\\\"}\", \"Unused\": {"));
        assertEquals(8, text.score());
    }

    // Sentinel

    @Test
    void sentinelPlaybookCreate() {
        ReceivedAlert a = sample("sentinel/playbook-create.json");
        assertEquals(Source.SENTINEL, a.source());
        assertEquals(WORKSPACE + "/providers/microsoft.securityinsights/incidents/7d3e9f2a-1b4c-4d5e-8f6a-9b0c1d2e3f4a",
                a.externalId());
        assertEquals(Event.FIRED, a.event());
        assertEquals("Sign-in from a rare location after repeated failures", a.title());
        assertEquals("High", a.severityLabel());
        assertEquals("New", a.status());
        assertEquals("InitialAccess, CredentialAccess", a.alertType());
        assertEquals(Instant.parse("2026-11-26T23:05:31.9087654Z"), a.firedAt());
        assertNull(a.resolvedAt());
        assertNull(a.owner());
        assertNull(a.classification());
        assertNull(a.score());
        assertTrue(a.link().startsWith("https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/"
                + "subscriptions/"), a.link());
        assertEquals(Set.of("j.doe", "198.51.100.77", "wks-fin-042"), a.entities());
        assertEquals(Set.of("j.doe@contoso.com"), a.users());
        assertEquals(Set.of(WKS_FIN_042,
                SUB + "/resourcegroups/rg-fin-prod/providers/microsoft.keyvault/vaults/kv-fin-prod"), a.resources());
    }

    @Test
    void sentinelPlaybookUpdatesTheSameIncident() {
        ReceivedAlert created = sample("sentinel/playbook-create.json");
        ReceivedAlert a = sample("sentinel/playbook-update.json");
        assertEquals(created.externalId(), a.externalId());
        assertEquals(Event.UPDATED, a.event());
        assertEquals("Active", a.status());
        assertEquals("soc.analyst@contoso.com", a.owner());
        assertEquals(created.firedAt(), a.firedAt());
        assertNull(a.resolvedAt());
    }

    @Test
    void sentinelClosedIsStillAnUpdate() {
        ReceivedAlert a = sample("sentinel/playbook-update-closed.json");
        assertEquals(sample("sentinel/playbook-create.json").externalId(), a.externalId());
        assertEquals(Event.UPDATED, a.event());
        assertEquals("Closed", a.status());
        assertEquals("FalsePositive", a.classification());
        assertEquals("soc.analyst@contoso.com", a.owner());
        assertEquals(Instant.parse("2026-11-27T09:30:05.4433221Z"), a.resolvedAt(), "lastModifiedTimeUtc");
        ReceivedAlert withClosedTime = parse(Source.SENTINEL, modified("sentinel/playbook-update-closed.json",
                "\"status\": \"Closed\",", "\"status\": \"Closed\", \"closedTime\": \"2026-11-27T09:29:58Z\","));
        assertEquals(Instant.parse("2026-11-27T09:29:58Z"), withClosedTime.resolvedAt());
    }

    @Test
    void sentinelBareIncidentResource() {
        ReceivedAlert a = sample("sentinel/incident-resource.json");
        assertEquals(WORKSPACE + "/providers/microsoft.securityinsights/incidents/f0e1d2c3-b4a5-4967-8879-6a5b4c3d2e1f",
                a.externalId());
        assertEquals(Event.FIRED, a.event());
        assertEquals("Mass data exfiltration from storage", a.title());
        assertEquals("Medium", a.severityLabel());
        assertEquals("Active", a.status());
        assertEquals("m.chen@contoso.com", a.owner());
        assertEquals("Collection, Exfiltration", a.alertType());
        assertEquals(Instant.parse("2026-11-23T17:40:06.1180334Z"), a.firedAt());
        assertEquals(Set.of(), a.entities());
        assertEquals(Set.of(), a.resources());
    }

    @Test
    void sentinelFallsBackToFirstActivity() {
        ReceivedAlert a = parse(Source.SENTINEL, modified("sentinel/incident-resource.json",
                "\"createdTimeUtc\": \"2026-11-23T17:40:06.1180334Z\",", ""));
        assertEquals(Instant.parse("2026-11-23T16:31:02Z"), a.firedAt());
    }

    // Common rules

    @Test
    void memberNamesMatchWhateverTheirCase() {
        ReceivedAlert monitor = parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                "\"alertTargetIDs\"", "\"alertTargetIds\"").replace("\"alertId\"", "\"AlertID\"")
                .replace("\"severity\": \"Sev2\"", "\"Severity\": \"sev2\"").replace("\"essentials\"", "\"Essentials\""));
        assertEquals(sample("monitor/metric-fired.json"), monitor);

        ReceivedAlert defender = parse(Source.DEFENDER, modified("defender/arm-alert.json",
                "\"systemAlertId\"", "\"SystemAlertId\"").replace("\"properties\"", "\"Properties\"")
                .replace("\"severity\": \"High\"", "\"Severity\": \"HIGH\""));
        assertEquals(sample("defender/arm-alert.json"), defender);

        ReceivedAlert sentinel = parse(Source.SENTINEL, modified("sentinel/playbook-create.json",
                "\"objectSchemaType\": \"Incident\"", "\"ObjectSchemaType\": \"incident\"")
                .replace("\"object\"", "\"Object\"").replace("\"title\"", "\"Title\""));
        assertEquals(sample("sentinel/playbook-create.json"), sentinel);
    }

    @Test
    void titlesLoseControlCharactersAndAreCut() {
        ReceivedAlert a = parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                "\"High CPU on web tier\"", "\"High\\tCPU\\non web tier\\u0007\""));
        assertEquals("High CPU on web tier", a.title());

        ReceivedAlert cut = parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                "\"High CPU on web tier\"", "\"" + "x".repeat(600) + "\""));
        assertEquals("x".repeat(199) + "…", cut.title());
    }

    @Test
    void descriptionsAreCutAt20000Characters() {
        ReceivedAlert a = parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                "\"Average Percentage CPU above 85% over 15 minutes on the web tier\"", "\"" + "d".repeat(30_000) + "\""));
        assertEquals(20_000, a.description().length());
        assertTrue(a.description().endsWith("d…"));
    }

    @Test
    void aMissingAlertIdIsNamedByItsPath() {
        FieldError e = onlyError(() -> parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                "\"alertId\":", "\"alertIdentifier\":")));
        assertEquals(new FieldError("data.essentials.alertId", "is required"), e);
        assertEquals(new FieldError("SystemAlertId", "is required"), onlyError(() -> parse(Source.DEFENDER,
                modified("defender/workflow-automation.json", "\"SystemAlertId\"", "\"AlertId\""))));
        assertEquals(new FieldError("properties.systemAlertId", "is required"), onlyError(() -> parse(Source.DEFENDER,
                modified("defender/arm-alert.json", "\"systemAlertId\"", "\"alertId\""))));
        assertEquals(new FieldError("object.properties.title", "must be a string"), onlyError(() ->
                parse(Source.SENTINEL, modified("sentinel/playbook-create.json",
                        "\"title\": \"Sign-in from a rare location after repeated failures\"", "\"title\": 7"))));
    }

    @Test
    void anUnknownSeverityIsRefused() {
        assertEquals(new FieldError("data.essentials.severity", "must be one of Sev0–Sev4"),
                onlyError(() -> parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                        "\"Sev2\"", "\"Sev9\""))));
        assertEquals(new FieldError("Severity", "must be one of High, Medium, Low or Informational"),
                onlyError(() -> parse(Source.DEFENDER, modified("defender/workflow-automation.json",
                        "\"Severity\": \"High\"", "\"Severity\": \"Critical\""))));
    }

    @Test
    void aFiredTimeInTheFutureIsRefused() {
        assertEquals(new FieldError("data.essentials.firedDateTime",
                        "is in the future (more than 5 minutes ahead of the receiving clock)"),
                onlyError(() -> parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                        "2026-11-27T21:14:03.4512344Z", "2026-11-28T06:05:01Z"))));
        assertEquals(new FieldError("properties.timeGeneratedUtc",
                        "is in the future (more than 5 minutes ahead of the receiving clock)"),
                onlyError(() -> parse(Source.DEFENDER, modified("defender/arm-alert.json",
                        "2026-11-24T10:31:22.587Z", "2031-01-01T00:00:00+01:00"))));
        assertEquals(Instant.parse("2026-11-28T06:05:00Z"), parse(Source.AZURE_MONITOR,
                modified("monitor/metric-fired.json", "2026-11-27T21:14:03.4512344Z", "2026-11-28T07:05:00+01:00"))
                .firedAt(), "five minutes of clock skew");
        assertEquals(new FieldError("data.essentials.firedDateTime", "is not an ISO-8601 time"),
                onlyError(() -> parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                        "2026-11-27T21:14:03.4512344Z", "2026-11-27 21:14:03"))));
    }

    @Test
    void idsAreBoundedAndPrintable() {
        assertEquals(new FieldError("data.essentials.alertId", "is 600 characters long; at most 512"),
                onlyError(() -> parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                        "/6f1c2a7e-3b4d-4e5f-9a8b-7c6d5e4f3a2b", "/" + "a".repeat(600 - 96)))));
        assertEquals(new FieldError("object.id", "contains a control or format character"),
                onlyError(() -> parse(Source.SENTINEL, modified("sentinel/playbook-create.json",
                        "Incidents/7d3e9f2a", "Incidents/\\u001b7d3e9f2a"))));
        assertEquals(new FieldError("body", "has U+0000 in a string (line 5)"),
                onlyError(() -> parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                        "alerts/6f1c2a7e", "alerts/\\u00006f1c2a7e"))));
        assertEquals(new FieldError("body", "has an unpaired surrogate U+D800 in a string (line 5)"),
                onlyError(() -> parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json",
                        "alerts/6f1c2a7e", "alerts/\\ud8006f1c2a7e"))));
        parse(Source.AZURE_MONITOR, modified("monitor/metric-fired.json", "High CPU", "High CPU \\ud83d\\udd25"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> parse(Source.SENTINEL,
                modified("sentinel/playbook-update-closed.json", "\"severity\": \"High\"", "\"severity\": \"Urgent\"")
                        .replace("\"classification\": \"FalsePositive\"", "\"classification\": 3")
                        .replace("\"objectEventType\": \"Update\"", "\"objectEventType\": \"Upsert\"")));
        assertEquals(List.of(new FieldError("objectEventType", "must be one of Create or Update"),
                new FieldError("object.properties.severity", "must be one of High, Medium, Low or Informational"),
                new FieldError("object.properties.classification", "must be a string")), e.errors());
        assertEquals(new FieldError("objectSchemaType", "must be Incident"), onlyError(() -> parse(Source.SENTINEL,
                modified("sentinel/playbook-create.json", "\"Incident\"", "\"Alert\""))));
    }

    @Test
    void bodiesAreReadStrictly() {
        assertEquals(new FieldError("body", "is empty"), onlyError(() -> AlertPayloads.read(new byte[0])));
        assertEquals(new FieldError("body", "is not valid UTF-8 (at byte offset 7)"),
                onlyError(() -> AlertPayloads.read(new byte[] {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xC3, 0x28,
                        '"', '}'})));
        assertEquals(new FieldError("body", "is not valid UTF-8 (at byte offset 6)"),
                onlyError(() -> AlertPayloads.read(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF,
                        '"', '}'})));
        assertEquals(new FieldError("body", "must be a JSON object, not an array"),
                onlyError(() -> AlertPayloads.read(bytes("[{}]"))));
        assertEquals(new FieldError("body", "is not valid JSON (line 1)"),
                onlyError(() -> AlertPayloads.read(bytes("{\"a\": 1"))));
        assertEquals(new FieldError("body", "is not valid JSON (line 1)"),
                onlyError(() -> AlertPayloads.read(bytes("{\"a\": 1} {}"))));
        assertEquals(new FieldError("body", "has the member \"a\" twice in one object (line 1)"),
                onlyError(() -> AlertPayloads.read(bytes("{\"a\": 1, \"a\": 2}"))));
        assertEquals(1, AlertPayloads.read(bytes("\uFEFF{\"a\": 1}")).getInt("a"), "a leading byte order mark");
    }

    @Test
    void nestingDeeperThan32LevelsIsRefused() {
        AlertPayloads.read(bytes("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}"));
        assertEquals(new FieldError("body", "nests deeper than 32 levels (line 1)"),
                onlyError(() -> AlertPayloads.read(bytes("{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}"))));
        assertEquals("body", onlyError(() -> AlertPayloads.read(bytes("{\"a\":" + "{\"b\":".repeat(100_000)))).field());
    }

    @Test
    void moreThan10000ValuesAreRefused() {
        AlertPayloads.read(bytes("{\"a\":[" + "0,".repeat(9_997) + "0]}"));
        assertEquals(new FieldError("body", "has more than 10,000 values"),
                onlyError(() -> AlertPayloads.read(bytes("{\"a\":[" + "0,".repeat(9_998) + "0]}"))));
        assertEquals(new FieldError("body", "is 262,145 bytes; at most 262,144"),
                onlyError(() -> AlertPayloads.read(bytes("{\"a\":\"" + "x".repeat(262_145 - 8) + "\"}"))));
    }

    @Test
    void manualIncidentsHaveNoPayload() {
        assertThrows(IllegalArgumentException.class, () -> AlertPayloads.parse(Source.MANUAL,
                AlertPayloads.read(PayloadMutations.sample("monitor/metric-fired.json")), NOW));
    }

    private static ReceivedAlert sample(String file) {
        return AlertPayloads.parse(PayloadMutations.samples().get(file),
                AlertPayloads.read(PayloadMutations.sample(file)), NOW);
    }

    private static ReceivedAlert parse(Source source, String json) {
        return AlertPayloads.parse(source, AlertPayloads.read(bytes(json)), NOW);
    }

    /** The sample's text with {@code from}, which it must contain, replaced. */
    private static String modified(String file, String from, String to) {
        String text = new String(PayloadMutations.sample(file), UTF_8);
        assertTrue(text.contains(from), file + " has no " + from);
        return text.replace(from, to);
    }

    private static Integer withScore(String member) {
        return parse(Source.DEFENDER, modified("defender/with-score.json", "\"Score\": \"9\",", member)).score();
    }

    private static FieldError onlyError(Executable call) {
        InvalidInput e = assertThrows(InvalidInput.class, call);
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
