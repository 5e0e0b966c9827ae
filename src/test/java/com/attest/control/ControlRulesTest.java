package com.attest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.control.Finding.Kind;
import com.attest.control.Gap.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which control each finding touches, how badly, the sentence, and a control's state from its gaps. */
class ControlRulesTest {

    /** The policy's evidence table, as the register catalogues it. */
    private static final Map<String, List<Control>> CATALOGUE = Map.of(
            "ENTRA_AUDIT_LOG", List.of(Control.CC7_3, Control.CC7_4),
            "INCIDENT", List.of(Control.CC7_3, Control.CC7_4));

    private static final RecordRef P1 = RecordRef.incident("INC-2026-007", "P1 · 2 h 10 min past the target");
    private static final RecordRef P2 = RecordRef.incident("INC-2026-003", "P2 · declared 1 h 05 min late");

    @Test
    void responseSlaBreachesAreEvaluationGapsAndFailOnlyWhileTheIncidentIsStillUndeclared() {
        assertEquals(List.of(Control.CC7_3), ControlRules.controlsOf(Kind.SLA_OVERDUE, CATALOGUE));
        assertEquals(List.of(Control.CC7_3), ControlRules.controlsOf(Kind.SLA_BREACHED, CATALOGUE));
        assertEquals(Severity.FAILING, ControlRules.severityOf(Kind.SLA_OVERDUE));
        assertEquals(Severity.ATTENTION, ControlRules.severityOf(Kind.SLA_BREACHED));
    }

    @Test
    void reviewsExercisesAndTheRunbookEvidenceResponseAndRecovery() {
        for (Kind kind : List.of(Kind.PIR_OVERDUE, Kind.PIR_LATE, Kind.EXERCISE_OVERDUE, Kind.EXERCISE_DUE,
                Kind.RUNBOOK_NOT_IN_FORCE, Kind.RUNBOOK_REVIEW_OVERDUE)) {
            assertEquals(List.of(Control.CC7_4, Control.CC7_5), ControlRules.controlsOf(kind, CATALOGUE), kind.name());
        }
        assertEquals(Severity.FAILING, ControlRules.severityOf(Kind.PIR_OVERDUE));
        assertEquals(Severity.ATTENTION, ControlRules.severityOf(Kind.PIR_LATE));
        assertEquals(Severity.FAILING, ControlRules.severityOf(Kind.EXERCISE_OVERDUE));
        assertEquals(Severity.ATTENTION, ControlRules.severityOf(Kind.EXERCISE_DUE));
        assertEquals(Severity.FAILING, ControlRules.severityOf(Kind.RUNBOOK_NOT_IN_FORCE));
        assertEquals(Severity.ATTENTION, ControlRules.severityOf(Kind.RUNBOOK_REVIEW_OVERDUE));
    }

    @Test
    void customerNotificationIsPartOfTheResponse() {
        assertEquals(List.of(Control.CC7_4), ControlRules.controlsOf(Kind.NOTICE_OVERDUE, CATALOGUE));
        assertEquals(List.of(Control.CC7_4), ControlRules.controlsOf(Kind.NOTICE_LATE, CATALOGUE));
        assertEquals(Severity.FAILING, ControlRules.severityOf(Kind.NOTICE_OVERDUE));
        assertEquals(Severity.ATTENTION, ControlRules.severityOf(Kind.NOTICE_LATE));
    }

    @Test
    void thePolicyAndTheAuditTrailConcernEveryControl() {
        List<Control> all = Arrays.asList(Control.values());
        assertEquals(all, ControlRules.controlsOf(Kind.POLICY_NOT_IN_FORCE, CATALOGUE));
        assertEquals(all, ControlRules.controlsOf(Kind.POLICY_REVIEW_OVERDUE, CATALOGUE));
        assertEquals(all, ControlRules.controlsOf(Kind.AUDIT_TRAIL_BROKEN, CATALOGUE));
        assertEquals(Severity.FAILING, ControlRules.severityOf(Kind.AUDIT_TRAIL_BROKEN));
    }

    @Test
    void missingEvidenceTouchesTheControlsItsTypeIsCataloguedFor() {
        assertEquals(List.of(Control.CC7_3, Control.CC7_4), ControlRules.controlsOf(Kind.ENTRA_LOG_MISSING, CATALOGUE));
        assertEquals(List.of(Control.CC7_5), ControlRules.controlsOf(Kind.ENTRA_LOG_MISSING,
                Map.of("ENTRA_AUDIT_LOG", List.of(Control.CC7_5))), "the catalogue decides");
        assertEquals(Arrays.asList(Control.values()), ControlRules.controlsOf(Kind.INCIDENT_NOT_REGISTERED, Map.of()),
                "a type missing from the catalogue concerns every control rather than none");
        assertEquals(Severity.ATTENTION, ControlRules.severityOf(Kind.ENTRA_LOG_MISSING));
    }

    @Test
    void uncollectedAzureEvidenceTouchesTheControlsOfItsEvidenceTypesAndNeedsAttention() {
        Map<String, List<Control>> catalogue = Map.of("ALERT", List.of(Control.CC7_3), "INCIDENT",
                List.of(Control.CC7_3, Control.CC7_4), "ACTION_RUN", List.of(Control.CC7_4));
        assertEquals(List.of(Control.CC7_3, Control.CC7_4), ControlRules.controlsOf(Kind.AZURE_EVIDENCE_MISSING,
                catalogue));
        assertEquals(Severity.ATTENTION, ControlRules.severityOf(Kind.AZURE_EVIDENCE_MISSING));
        assertEquals("2 days of Azure evidence were not collected (counted per kind and scope): collect them on the"
                + " evidence register.", ControlRules.sentence(new Finding(Kind.AZURE_EVIDENCE_MISSING, List.of(), 2,
                null)));
    }

    @Test
    void azureItemsMissingFromThePopulationAreACc73GapNeedingAttention() {
        assertEquals(List.of(Control.CC7_3), ControlRules.controlsOf(Kind.POPULATION_UNMATCHED, CATALOGUE));
        assertEquals(Severity.ATTENTION, ControlRules.severityOf(Kind.POPULATION_UNMATCHED));
        assertEquals("2 Sentinel incidents or Defender alerts Azure returned for the period have no portal incident"
                + " and no recorded disposition: the population may be incomplete.", ControlRules.sentence(
                new Finding(Kind.POPULATION_UNMATCHED, List.of(), 2, null)));
    }

    @Test
    void aFailingDetectionPipelineFailsEvaluationOnly() {
        assertEquals(List.of(Control.CC7_3), ControlRules.controlsOf(Kind.DETECTION_PIPELINE_FAILING, CATALOGUE));
        assertEquals(Severity.FAILING, ControlRules.severityOf(Kind.DETECTION_PIPELINE_FAILING));
        assertEquals("The detection pipeline of 1 subscription fails its latest check or could not be read: Action"
                + " group ag-security-oncall is disabled.", ControlRules.sentence(new Finding(
                Kind.DETECTION_PIPELINE_FAILING, List.of(), 1, "Action group ag-security-oncall is disabled.")));
    }

    @Test
    void everyKindHasControlsASeverityAndASentence() {
        for (Kind kind : Kind.values()) {
            assertTrue(!ControlRules.controlsOf(kind, CATALOGUE).isEmpty(), kind.name());
            String sentence = ControlRules.sentence(new Finding(kind, List.of(P1), 1, "2026-03-01"));
            assertTrue(sentence.endsWith("."), kind + ": " + sentence);
        }
    }

    @Test
    void sentencesCountTheRecordsAndNameTheDetail() {
        assertEquals("2 incidents are past the response target and not yet declared.",
                ControlRules.sentence(Finding.of(Kind.SLA_OVERDUE, List.of(P1, P2))));
        assertEquals("1 incident was declared after the response target.",
                ControlRules.sentence(Finding.of(Kind.SLA_BREACHED, List.of(P2))));
        assertEquals("140 post-incident reviews are past the due date and not approved.",
                ControlRules.sentence(new Finding(Kind.PIR_OVERDUE, List.of(), 140, null)), "the count, not the shown");
        assertEquals("No incident-response exercise has been signed off: one is due now.",
                ControlRules.sentence(Finding.of(Kind.EXERCISE_OVERDUE, exercises(), null)));
        assertEquals("No incident-response exercise in the last 12 months: the last was held on 2025-03-02.",
                ControlRules.sentence(Finding.of(Kind.EXERCISE_OVERDUE, exercises(), "2025-03-02")));
        assertEquals("The audit trail's hash chain does not verify: row 42, content does not match its stored hash.",
                ControlRules.sentence(Finding.of(Kind.AUDIT_TRAIL_BROKEN, new RecordRef(RecordRef.Kind.AUDIT_TRAIL,
                        "42", "Audit trail", null), "row 42, content does not match its stored hash")));
    }

    @Test
    void aControlGetsTheGapsThatTouchItFailingFirst() {
        List<Finding> findings = List.of(
                Finding.of(Kind.SLA_BREACHED, List.of(P2)),
                Finding.of(Kind.SLA_OVERDUE, List.of(P1)),
                Finding.of(Kind.EXERCISE_OVERDUE, exercises(), null),
                Finding.of(Kind.ENTRA_LOG_MISSING, List.of(P2)),
                Finding.of(Kind.NOTICE_OVERDUE, List.of()));
        List<Gap> evaluate = ControlRules.gaps(Control.CC7_3, findings, CATALOGUE);
        assertEquals(List.of(Kind.SLA_OVERDUE, Kind.SLA_BREACHED, Kind.ENTRA_LOG_MISSING),
                evaluate.stream().map(Gap::kind).toList());
        assertEquals("INC-2026-007", evaluate.get(0).records().get(0).key());
        assertEquals("incidents/view.xhtml?ref=INC-2026-007", evaluate.get(0).records().get(0).path());
        assertEquals(1, evaluate.get(0).count());

        List<Gap> recover = ControlRules.gaps(Control.CC7_5, findings, CATALOGUE);
        assertEquals(List.of(Kind.EXERCISE_OVERDUE), recover.stream().map(Gap::kind).toList(),
                "a finding with nothing in it is no gap; Entra logs are not recovery evidence");
        assertEquals("exercises/list.xhtml", recover.get(0).records().get(0).path());
    }

    @Test
    void redWhenAGapFailsAmberWhenGapsOnlyNeedAttentionGreenWithout() {
        Gap failing = ControlRules.gaps(Control.CC7_3, List.of(Finding.of(Kind.SLA_OVERDUE, List.of(P1))), CATALOGUE)
                .get(0);
        Gap attention = ControlRules.gaps(Control.CC7_3, List.of(Finding.of(Kind.SLA_BREACHED, List.of(P2))),
                CATALOGUE).get(0);
        assertEquals(Health.RED, ControlRules.health(List.of(attention, failing)));
        assertEquals(Health.AMBER, ControlRules.health(List.of(attention)));
        assertEquals(Health.GREEN, ControlRules.health(List.of()));
    }

    @Test
    void controlsAreFoundByTheirCode() {
        assertEquals(Control.CC7_4, Control.of("CC7.4").orElseThrow());
        assertTrue(Control.of("CC7.6").isEmpty());
        assertTrue(Control.of("CC7_4").isEmpty(), "only the code auditors write");
    }

    private static RecordRef exercises() {
        return new RecordRef(RecordRef.Kind.EXERCISES, "", "Exercises", null);
    }
}
