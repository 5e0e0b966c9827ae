package com.attest.pir;

import com.attest.calendar.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** When a review falls due and which reminders are due on a given day: pure rules over the business calendar. */
public final class PirSchedule {

    /** Business days from resolution to the review's due date. */
    public static final int BUSINESS_DAYS = 5;
    /** Business days before the due date the owner is first reminded. */
    public static final int NOTICE_DAYS = 2;

    /** The kinds of reminder, each sent once per day it is for. */
    public enum Kind {
        /** To the owner, {@link #NOTICE_DAYS} business days before the due date. */
        BEFORE_DUE,
        /** To the owner, on the due date. */
        DUE,
        /** To the owner, every day the review is overdue. */
        OVERDUE,
        /** To each compliance lead, once, when the review becomes overdue. */
        OVERDUE_LEAD
    }

    /** A reminder due: its kind and the day it is for (its identity with the review and the recipient). */
    public record Reminder(Kind kind, LocalDate forDay) {
    }

    private PirSchedule() {
    }

    /** The close of the fifth business day after the business day on which the incident was resolved. */
    public static Instant dueAt(Instant resolvedAt, BusinessCalendar calendar) {
        return calendar.closeAfterBusinessDays(resolvedAt, BUSINESS_DAYS);
    }

    /** The business day {@code days} business days before {@code day}. */
    static LocalDate minusBusinessDays(LocalDate day, int days, BusinessCalendar calendar) {
        LocalDate result = day;
        for (int i = 0; i < days; i++) {
            result = result.minusDays(1);
            while (!calendar.isBusinessDay(result)) {
                result = result.minusDays(1);
            }
        }
        return result;
    }

    /**
     * The reminders due for a review not yet approved, as of {@code now}. A reminder whose day has passed without
     * a sweep (the portal was down) is still due until the next one takes over, so none is lost; the caller sends
     * each (kind, day) once.
     */
    public static List<Reminder> due(Instant dueAt, Instant now, BusinessCalendar calendar) {
        LocalDate today = calendar.localDate(now);
        LocalDate dueDay = calendar.localDate(dueAt);
        List<Reminder> due = new ArrayList<>();
        if (now.isAfter(dueAt)) {
            due.add(new Reminder(Kind.OVERDUE, today.isAfter(dueDay) ? today : dueDay));
            due.add(new Reminder(Kind.OVERDUE_LEAD, dueDay));
        } else if (!today.isBefore(dueDay)) {
            due.add(new Reminder(Kind.DUE, dueDay));
        } else {
            LocalDate notice = minusBusinessDays(dueDay, NOTICE_DAYS, calendar);
            if (!today.isBefore(notice)) {
                due.add(new Reminder(Kind.BEFORE_DUE, notice));
            }
        }
        return due;
    }
}
