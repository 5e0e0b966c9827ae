package com.attest.platform.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.InvalidInput;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalTest {

    private static final Instant T = Instant.parse("2026-03-11T10:00:00Z");
    private static final Approval.Wording NOTICE = new Approval.Wording("notice 7", "notice", "state", "comment",
            "wrote", "approve", "reject", "rejected", "another approver must approve it",
            "another approver must reject it");

    private static List<InvalidInput.FieldError> refusals(boolean open, String decider, boolean approve,
                                                          String comment) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Approval.refusals(errors, NOTICE, open, "draft", decider, List.of("dana", "erik"), approve, comment);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (InvalidInput e) {
            return e.errors();
        }
    }

    @Test
    void nobodyDecidesWhatTheyWroteOrAskedFor() {
        assertEquals(List.of(new InvalidInput.FieldError("state",
                "You wrote notice 7: another approver must approve it.")), refusals(true, "erik", true, null));
        assertEquals(List.of(), refusals(true, "carl", true, null));
    }

    @Test
    void thereMustBeSomethingToDecide() {
        assertEquals(List.of(new InvalidInput.FieldError("state",
                "Notice 7 is draft: there is nothing to reject.")), refusals(false, "carl", false, "Too vague"));
    }

    @Test
    void aReturnSaysWhyAndACommentIsBounded() {
        assertEquals(List.of(new InvalidInput.FieldError("comment", "Say why the notice is rejected.")),
                refusals(true, "carl", false, null));
        assertEquals(List.of(new InvalidInput.FieldError("comment", "A comment is at most 2,000 characters.")),
                refusals(true, "carl", true, "x".repeat(2001)));
        assertNull(Approval.comment("   "));
        assertEquals("Fine", Approval.comment("  Fine \n"));
    }

    @Test
    void eachRecordSaysWhoDecidesInsteadInItsOwnWords() {
        Approval.Wording exercise = new Approval.Wording("this exercise", "exercise", "signOff", "comment",
                "facilitated", "sign off", "return", "returned", "another compliance lead signs it off", null);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Approval.refusals(errors, exercise, true, "draft", "lena", List.of("lena"), true, null);
        assertEquals("You facilitated this exercise: another compliance lead signs it off.",
                assertThrows(InvalidInput.class, errors::throwIfAny).errors().get(0).message());
        InvalidInput.Collector closed = new InvalidInput.Collector();
        Approval.refusals(closed, exercise, false, "signed off by carl", "lena", List.of("sam"), true, null);
        assertEquals(new InvalidInput.FieldError("signOff", "This exercise is signed off by carl: there is nothing"
                + " to sign off."), assertThrows(InvalidInput.class, closed::throwIfAny).errors().get(0));
    }

    @Test
    void roundsFollowRequestsDecisionsAndWithdrawals() {
        Approval approval = new Approval();
        assertFalse(approval.isPending());
        approval.request("rita", T);
        assertTrue(approval.isPending());
        assertEquals(1, approval.getRound());
        approval.decide(false, "lena", T.plusSeconds(60), "Add the detection gap");
        assertEquals(Approval.Decision.RETURNED, approval.getDecision());
        assertThrows(IllegalStateException.class, () -> approval.decide(true, "lena", T, null), "once per round");
        approval.request("rita", T.plusSeconds(120));
        assertEquals(2, approval.getRound(), "asked again after a decision: a new round");
        assertEquals("lena", approval.getDecidedBy(), "the latest decision stays until the next one");
        approval.nextRound();
        approval.request("rita", T.plusSeconds(180));
        assertEquals(3, approval.getRound(), "a round ended by a change is not reused");
        approval.decide(true, "carl", T.plusSeconds(240), null);
        assertEquals(Approval.Decision.APPROVED, approval.getDecision());
        assertFalse(approval.isPending());
    }
}
