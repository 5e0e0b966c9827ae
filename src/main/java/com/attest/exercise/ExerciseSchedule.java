package com.attest.exercise;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;

/**
 * The annual rule: an exercise is due twelve months after the last signed-off one was held, and at once when
 * there has never been one. On the due date itself it is due (flagged); after it, overdue.
 */
public final class ExerciseSchedule {

    /** How often an exercise must be held. */
    public static final int MONTHS = 12;

    public enum State {
        /** No signed-off exercise ever: one is due now. */
        NEVER,
        /** The last one is less than twelve months old. */
        CURRENT,
        /** Exactly twelve months since the last one: due today. */
        DUE_TODAY,
        /** More than twelve months since the last one. */
        OVERDUE
    }

    /** The last exercise held (null for none), the day the next is due, and where that leaves us today. */
    public record Due(LocalDate last, LocalDate next, State state) {
        /** Shown in the warning style: no exercise within the last twelve months. */
        public boolean flagged() {
            return state != State.CURRENT;
        }
    }

    private ExerciseSchedule() {
    }

    /** From the days signed-off exercises were held (in any order), as seen on {@code today}. */
    public static Due lastAndNextDue(Collection<LocalDate> held, LocalDate today) {
        LocalDate last = held.stream().filter(d -> !d.isAfter(today)).max(Comparator.naturalOrder()).orElse(null);
        if (last == null) {
            return new Due(null, today, State.NEVER);
        }
        LocalDate next = last.plusMonths(MONTHS);
        State state = today.isBefore(next) ? State.CURRENT : today.isEqual(next) ? State.DUE_TODAY : State.OVERDUE;
        return new Due(last, next, state);
    }
}
