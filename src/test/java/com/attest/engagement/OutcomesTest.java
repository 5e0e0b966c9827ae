package com.attest.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.attest.engagement.Outcomes.Notice;
import com.attest.engagement.Outcomes.Review;
import com.attest.engagement.Outcomes.Sla;
import com.attest.incident.SlaClock;
import com.attest.incident.Status;
import com.attest.pir.Pir;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    @Test
    void theResponseSlaIsMetOnlyWhenDeclaredInTime() {
        assertEquals(Sla.MET, Outcomes.sla(SlaClock.State.MET));
        assertEquals(Sla.BREACHED, Outcomes.sla(SlaClock.State.BREACHED));
        assertEquals(Sla.BREACHED, Outcomes.sla(SlaClock.State.OVERDUE), "still undeclared past the target");
        assertEquals(Sla.RUNNING, Outcomes.sla(SlaClock.State.RUNNING));
    }

    @Test
    void aReviewIsApprovedOnTimeLateOpenMissingOrNotRequired() {
        assertEquals(Review.APPROVED_ON_TIME, Outcomes.review(Status.CLOSED, true, Pir.State.APPROVED, true));
        assertEquals(Review.APPROVED_LATE, Outcomes.review(Status.CLOSED, true, Pir.State.APPROVED, false));
        assertEquals(Review.OPEN, Outcomes.review(Status.RESOLVED, true, Pir.State.SUBMITTED, null));
        assertEquals(Review.OPEN, Outcomes.review(Status.RESOLVED, true, Pir.State.RETURNED, null));
        assertEquals(Review.OPEN, Outcomes.review(Status.CONTAINED, false, null, null), "not resolved yet");
        assertEquals(Review.MISSING, Outcomes.review(Status.RESOLVED, true, null, null));
        assertEquals(Review.MISSING, Outcomes.review(Status.CLOSED, true, null, null), "closed before reviews");
        assertEquals(Review.OVERDUE, Outcomes.review(Status.RESOLVED, true, Pir.State.DRAFT, null, true),
                "past its due date and not approved: overdue, as the Reviews page says");
        assertEquals(Review.OVERDUE, Outcomes.review(Status.RESOLVED, true, Pir.State.SUBMITTED, null, true));
        assertEquals(Review.OPEN, Outcomes.review(Status.RESOLVED, true, Pir.State.DRAFT, null, false));
        assertEquals(Review.APPROVED_LATE, Outcomes.review(Status.CLOSED, true, Pir.State.APPROVED, false, true));
        assertEquals("overdue", Outcomes.words(Review.OVERDUE));
        assertEquals(Review.NOT_REQUIRED, Outcomes.review(Status.FALSE_POSITIVE, false, null, null));
        assertEquals(Review.NOT_REQUIRED, Outcomes.review(Status.DUPLICATE, false, null, null));
    }

    @Test
    void customersAreToldOnTimeLateNotAtAllOrNeedNotBe() {
        assertEquals(Notice.NOT_REQUIRED, Outcomes.notice(null));
        assertEquals(Notice.ON_TIME, Outcomes.notice(SlaClock.State.MET));
        assertEquals(Notice.LATE, Outcomes.notice(SlaClock.State.BREACHED));
        assertEquals(Notice.MISSING, Outcomes.notice(SlaClock.State.OVERDUE));
        assertEquals(Notice.PENDING, Outcomes.notice(SlaClock.State.RUNNING));
        assertEquals("approved on time", Outcomes.words(Review.APPROVED_ON_TIME));
    }
}
