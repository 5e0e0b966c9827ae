package com.attest.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void scoresMapExactlyAsTheSeedsTable() {
        int[] scores = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        Severity[] expected = {Severity.P4, Severity.P4, Severity.P4, Severity.P3, Severity.P3, Severity.P3,
                Severity.P2, Severity.P2, Severity.P1, Severity.P1};
        for (int i = 0; i < scores.length; i++) {
            assertEquals(expected[i], Severity.fromScore(scores[i]), "score " + scores[i]);
        }
    }

    @Test
    void scoresOutsideOneToTenAreRefused() {
        assertEquals("A Defender score is 1 to 10, not 0.",
                assertThrows(IllegalArgumentException.class, () -> Severity.fromScore(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Severity.fromScore(11));
    }

    @Test
    void theTablesExamplesGuideClassification() {
        assertEquals("9–10", Severity.P1.getScoreRange());
        assertEquals("Brute force attack", Severity.P2.getExamples().get(0));
        assertEquals("Next business day", Severity.P4.getPolicySla());
    }

    @Test
    void aScoreWithoutAChosenSeverityIsClassifiedByTheTable() {
        IncidentForm form = new IncidentForm(" t ", null, Category.BRUTE_FORCE, null, 7, " ", false, false,
                java.util.Set.of(), java.util.Set.of()).normalized();
        assertEquals(Severity.P2, form.severity());
        assertEquals(null, form.severityReason());
        assertEquals(Severity.P1, new IncidentForm("t", null, Category.OTHER, Severity.P1, 7, "why", false, false,
                java.util.Set.of(), java.util.Set.of()).normalized().severity(), "a chosen severity stands");
    }
}
