package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.incident.Category;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import com.attest.intake.RuleSet.Rule;
import com.attest.intake.RuleSet.Rule.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    /** The defaults the first migration installs. */
    static final List<Rule> DEFAULTS = List.of(
            new Rule(1, "Azure Monitor Sev0", Source.AZURE_MONITOR, Kind.SEVERITY, "Sev0", Severity.P1, null, true, 10),
            new Rule(2, "Azure Monitor Sev1", Source.AZURE_MONITOR, Kind.SEVERITY, "Sev1", Severity.P2, null, true, 20),
            new Rule(3, "Azure Monitor Sev2", Source.AZURE_MONITOR, Kind.SEVERITY, "Sev2", Severity.P3, null, true, 30),
            new Rule(4, "Azure Monitor Sev3", Source.AZURE_MONITOR, Kind.SEVERITY, "Sev3", Severity.P4, null, true, 40),
            new Rule(5, "Azure Monitor Sev4", Source.AZURE_MONITOR, Kind.SEVERITY, "Sev4", Severity.P4, null, true, 50),
            new Rule(6, "High", null, Kind.SEVERITY, "High", Severity.P2, null, true, 60),
            new Rule(7, "Medium", null, Kind.SEVERITY, "Medium", Severity.P3, null, true, 70),
            new Rule(8, "Low", null, Kind.SEVERITY, "Low", Severity.P4, null, true, 80),
            new Rule(9, "Informational", null, Kind.SEVERITY, "Informational", Severity.P4, Category.INFORMATIONAL,
                    true, 90),
            new Rule(10, "Compromised credentials", null, Kind.TEXT,
                    "compromised credential|credential theft|stolen credential", Severity.P1,
                    Category.COMPROMISED_CREDENTIALS, true, 100),
            new Rule(11, "Crypto-mining", null, Kind.TEXT, "cryptomining|digital currency mining|coin miner",
                    Severity.P1, Category.CRYPTOMINER, true, 110),
            new Rule(12, "Data exfiltration", null, Kind.TEXT, "exfiltration", Severity.P1,
                    Category.DATA_EXFILTRATION, true, 120),
            new Rule(13, "Cost and budget alerts", Source.AZURE_MONITOR, Kind.KEEP, "CostAlerts|Cost Alerts|Budget",
                    Severity.P4, null, true, 130),
            new Rule(14, "Service health", Source.AZURE_MONITOR, Kind.KEEP, "ServiceHealth|Service Health",
                    Severity.P4, null, true, 140),
            new Rule(15, "Resource health", Source.AZURE_MONITOR, Kind.KEEP, "ResourceHealth|Resource Health",
                    Severity.P4, null, true, 150));

    private final RuleSet rules = new RuleSet(DEFAULTS);

    static ReceivedAlert alert(Source source, String severity, String title, Integer score) {
        return new ReceivedAlert(source, "id-1", ReceivedAlert.Event.FIRED, title, "", severity, score, "",
                Instant.parse("2026-11-20T10:00:00Z"), null, "Fired", null, null, null, Set.of(), Set.of(), Set.of());
    }

    static ReceivedAlert typed(Source source, String severity, String title, String type) {
        return new ReceivedAlert(source, "id-2", ReceivedAlert.Event.FIRED, title, "", severity, null, type,
                Instant.parse("2026-11-20T10:00:00Z"), null, "Fired", null, null, null, Set.of(), Set.of(), Set.of());
    }

    @Test
    void keepRulesRecordCostAndHealthNotificationsWithoutAnIncident() {
        Classification cost = rules.classify(typed(Source.AZURE_MONITOR, "", "Budget prod", "CostAlerts"));
        assertEquals("Cost and budget alerts", cost.keptBy());
        assertEquals(Severity.P4, cost.severity());
        assertTrue(cost.reason().contains("its type 'CostAlerts' matches rule 'Cost and budget alerts'"), cost.reason());
        assertEquals("Service health", rules.classify(typed(Source.AZURE_MONITOR, "Sev1", "Storage degraded",
                "Activity Log / ServiceHealth")).keptBy(), "kept whatever its severity");
        assertEquals("Resource health", rules.classify(typed(Source.AZURE_MONITOR, "Sev4", "VM rebooted",
                "Activity Log / Resource Health")).keptBy());
    }

    @Test
    void azuresTestNotificationsOfAnActionGroupOpenNoIncident() {
        for (String rule : List.of("test-metricAlertRule", "test-logAlertRule-v2", "test-ServiceHealthAlertRule",
                "test-activityLogAlertRule")) {
            Classification c = rules.classify(typed(Source.AZURE_MONITOR, "Sev3", rule, "Metric / Platform"));
            assertEquals("Azure test notification", c.keptBy(), rule);
        }
        assertTrue(rules.classify(typed(Source.AZURE_MONITOR, "Sev3", "test-web-tier CPU", "Metric / Platform"))
                .opensIncident(), "a rule that only begins with test-");
        assertTrue(rules.classify(typed(Source.DEFENDER, "High", "test-metricAlertRule", "")).opensIncident());
    }

    @Test
    void keepRulesMatchTheTypeOnlyOfTheirSourceAndNeverSilenceThePolicysExamples() {
        assertTrue(rules.classify(typed(Source.AZURE_MONITOR, "Sev1", "Service Health dashboard down",
                "Metric / Platform")).opensIncident(), "the title is not the type");
        assertTrue(rules.classify(typed(Source.DEFENDER, "High", "x", "ServiceHealth")).opensIncident(),
                "a Monitor rule");
        Classification raised = rules.classify(typed(Source.AZURE_MONITOR, "Sev4", "Data exfiltration via storage",
                "Activity Log / ServiceHealth"));
        assertTrue(raised.opensIncident(), "a text rule matched: a person must see it");
        assertEquals(Severity.P1, raised.severity());
        RuleSet disabled = new RuleSet(DEFAULTS.stream().map(r -> r.kind() != Kind.KEEP ? r : new Rule(r.id(),
                r.name(), r.source(), r.kind(), r.pattern(), r.severity(), r.category(), false, r.position())).toList());
        Classification opened = disabled.classify(typed(Source.AZURE_MONITOR, "", "Budget prod", "CostAlerts"));
        assertTrue(opened.opensIncident());
        assertEquals(Severity.P3, opened.severity());
        assertEquals("no severity given: P3 until classified", opened.reason());
    }

    @Test
    void azureMonitorSeveritiesMapOneToOne() {
        assertEquals(Severity.P1, rules.classify(alert(Source.AZURE_MONITOR, "Sev0", "CPU", null)).severity());
        assertEquals(Severity.P2, rules.classify(alert(Source.AZURE_MONITOR, "Sev1", "CPU", null)).severity());
        assertEquals(Severity.P3, rules.classify(alert(Source.AZURE_MONITOR, "Sev2", "CPU", null)).severity());
        assertEquals(Severity.P4, rules.classify(alert(Source.AZURE_MONITOR, "Sev3", "CPU", null)).severity());
        assertEquals(Severity.P4, rules.classify(alert(Source.AZURE_MONITOR, "Sev4", "CPU", null)).severity());
    }

    @Test
    void defenderAndSentinelWordsMapAndInformationalIsCategorised() {
        assertEquals(Severity.P2, rules.classify(alert(Source.DEFENDER, "High", "Brute force", null)).severity());
        assertEquals(Severity.P3, rules.classify(alert(Source.SENTINEL, "Medium", "Policy", null)).severity());
        Classification info = rules.classify(alert(Source.SENTINEL, "Informational", "Login", null));
        assertEquals(Severity.P4, info.severity());
        assertEquals(Category.INFORMATIONAL, info.category());
    }

    @Test
    void seedP1ExamplesRaiseToP1WithTheirCategoryAndSayWhy() {
        Classification mining = rules.classify(alert(Source.DEFENDER, "Medium",
                "Digital currency mining related behavior detected", null));
        assertEquals(Severity.P1, mining.severity());
        assertEquals(Category.CRYPTOMINER, mining.category());
        assertTrue(mining.reason().contains("raised to P1 by rule 'Crypto-mining'"), mining.reason());
        assertEquals(Severity.P1, rules.classify(alert(Source.SENTINEL, "Low",
                "Mass data EXFILTRATION from storage", null)).severity());
    }

    @Test
    void phrasesMatchWholeWordsOnly() {
        assertEquals(Severity.P4, rules.classify(alert(Source.DEFENDER, "Low", "exfiltrationish probe", null))
                .severity());
    }

    @Test
    void defenderScoreUsesTheSeedTableAndTextStillRaises() {
        assertEquals(Severity.P1, rules.classify(alert(Source.DEFENDER, "Low", "Anything", 9)).severity());
        assertEquals(Severity.P3, rules.classify(alert(Source.DEFENDER, "High", "Anything", 5)).severity());
        assertEquals(Severity.P1, rules.classify(alert(Source.DEFENDER, "Low", "Credential theft", 2)).severity());
    }

    @Test
    void disabledRulesAndUnknownWordsFallBackToP3() {
        RuleSet none = new RuleSet(List.of(new Rule(1, "High", null, Kind.SEVERITY, "High", Severity.P1, null,
                false, 1)));
        Classification c = none.classify(alert(Source.DEFENDER, "High", "x", null));
        assertEquals(Severity.P3, c.severity());
        assertTrue(c.reason().startsWith("no rule for severity 'High'"));
    }

    @Test
    void sourceSpecificRulesApplyToTheirSourceOnly() {
        assertEquals(Severity.P3, rules.classify(alert(Source.DEFENDER, "Sev0", "x", null)).severity());
    }
}
