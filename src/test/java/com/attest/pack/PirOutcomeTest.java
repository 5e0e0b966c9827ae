package com.attest.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.attest.pack.PackSource.PirRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A review's outcome in the pack is judged as the population, the Reviews page and control health judge it. */
class PirOutcomeTest {

    private static final Instant DUE = Instant.parse("2019-03-12T17:00:00Z");

    private static PirRow review(String state, Instant decidedAt) {
        return new PirRow(1, state, "rita", DUE.minusSeconds(5 * 86400), DUE, decidedAt == null ? null : "lena",
                decidedAt, null);
    }

    @Test
    void aReviewNotApprovedByItsDueDateIsOverdueNotMerelyNotApproved() {
        assertEquals("overdue", review("DRAFT", null).outcome(DUE.plusSeconds(1)));
        assertEquals("overdue", review("SUBMITTED", null).outcome(DUE.plusSeconds(86400 * 200)));
        assertEquals("open", review("SUBMITTED", null).outcome(DUE));
    }

    @Test
    void anApprovedReviewIsOnTimeOrLateByItsDueDate() {
        assertEquals("approved on time", review("APPROVED", DUE).outcome(DUE.plusSeconds(86400)));
        assertEquals("approved late", review("APPROVED", DUE.plusSeconds(60)).outcome(DUE.plusSeconds(86400)));
    }
}
