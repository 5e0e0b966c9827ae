package com.attest.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The annual rule: the next exercise is due twelve months after the last one held, and now when there was none. */
class ExerciseScheduleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 18);

    @Test
    void neverAnExerciseIsDueNowAndFlagged() {
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(List.of(), TODAY);
        assertNull(due.last());
        assertEquals(TODAY, due.next());
        assertEquals(ExerciseSchedule.State.NEVER, due.state());
        assertTrue(due.flagged());
    }

    @Test
    void elevenMonthsAgoIsCurrentAndTheNextIsDueAMonthAhead() {
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(List.of(TODAY.minusMonths(11)), TODAY);
        assertEquals(LocalDate.of(2025, 12, 18), due.last());
        assertEquals(LocalDate.of(2026, 12, 18), due.next());
        assertEquals(ExerciseSchedule.State.CURRENT, due.state());
        assertFalse(due.flagged());
    }

    @Test
    void exactlyTwelveMonthsAgoIsDueTodayAndFlagged() {
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(List.of(TODAY.minusMonths(12)), TODAY);
        assertEquals(TODAY, due.next());
        assertEquals(ExerciseSchedule.State.DUE_TODAY, due.state());
        assertTrue(due.flagged());
    }

    @Test
    void oneDayShortOfTwelveMonthsIsStillCurrent() {
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(List.of(TODAY.minusMonths(12).plusDays(1)), TODAY);
        assertEquals(ExerciseSchedule.State.CURRENT, due.state());
        assertEquals(TODAY.plusDays(1), due.next());
    }

    @Test
    void thirteenMonthsAgoIsOverdue() {
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(List.of(TODAY.minusMonths(13)), TODAY);
        assertEquals(TODAY.minusMonths(1), due.next());
        assertEquals(ExerciseSchedule.State.OVERDUE, due.state());
        assertTrue(due.flagged());
    }

    @Test
    void theLatestExerciseCountsWhateverTheOrder() {
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(List.of(TODAY.minusMonths(30),
                TODAY.minusMonths(2), TODAY.minusMonths(14)), TODAY);
        assertEquals(TODAY.minusMonths(2), due.last());
        assertEquals(TODAY.plusMonths(10), due.next());
        assertEquals(ExerciseSchedule.State.CURRENT, due.state());
    }

    @Test
    void theTwentyNinthOfFebruaryIsDueOnTheTwentyEighthAYearLater() {
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(List.of(LocalDate.of(2028, 2, 29)),
                LocalDate.of(2028, 6, 1));
        assertEquals(LocalDate.of(2029, 2, 28), due.next());
    }

    @Test
    void aDateAfterTodayIsNotCounted() {
        ExerciseSchedule.Due due = ExerciseSchedule.lastAndNextDue(List.of(TODAY.plusDays(3)), TODAY);
        assertEquals(ExerciseSchedule.State.NEVER, due.state());
    }
}
