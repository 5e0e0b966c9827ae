package com.attest.pir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.attest.calendar.BusinessCalendar;
import com.attest.pir.PirSchedule.Kind;
import com.attest.pir.PirSchedule.Reminder;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PirScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Easter 2026: Good Friday 3 April and Easter Monday 6 April are holidays. */
    private static final BusinessCalendar CALENDAR = new BusinessCalendar(BERLIN,
            Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(17, 0),
            Set.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 12, 25),
                    LocalDate.of(2026, 12, 26)));

    private static Instant at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @Test
    void fiveBusinessDaysSkipWeekends() {
        // resolved Monday 2 March 2026 → due at the close of Monday 9 March
        assertEquals(at("2026-03-09T17:00"), PirSchedule.dueAt(at("2026-03-02T10:15"), CALENDAR));
        // resolved Friday evening → the following Friday
        assertEquals(at("2026-03-13T17:00"), PirSchedule.dueAt(at("2026-03-06T22:40"), CALENDAR));
        // resolved on a Saturday → counts from Monday: due Friday
        assertEquals(at("2026-03-13T17:00"), PirSchedule.dueAt(at("2026-03-07T09:00"), CALENDAR));
    }

    @Test
    void holidaysDoNotCount() {
        // resolved Wednesday 1 April: Thu 2, (Good Friday), (weekend), (Easter Monday), Tue 7, Wed 8, Thu 9, Fri 10
        assertEquals(at("2026-04-10T17:00"), PirSchedule.dueAt(at("2026-04-01T12:00"), CALENDAR));
        // across Christmas and New Year's weekend: Wed 23 Dec → Thu 24, Mon 28, Tue 29, Wed 30, Thu 31
        assertEquals(at("2026-12-31T17:00"), PirSchedule.dueAt(at("2026-12-23T09:00"), CALENDAR));
    }

    @Test
    void theDueDateIsCountedInTheOrganisationsZone() {
        // 23:30 UTC on Sunday is already Monday 00:30 in Berlin: Monday is day 0, due the next Monday
        assertEquals(at("2026-03-09T17:00"), PirSchedule.dueAt(Instant.parse("2026-03-01T23:30:00Z"), CALENDAR));
    }

    @Test
    void remindersTwoBusinessDaysBeforeOnTheDayAndDailyWhenOverdue() {
        Instant due = at("2026-04-10T17:00"); // Friday after Easter
        assertEquals(List.of(), PirSchedule.due(due, at("2026-04-07T09:00"), CALENDAR));
        // two business days before Friday 10 April is Wednesday 8 April
        assertEquals(List.of(new Reminder(Kind.BEFORE_DUE, LocalDate.of(2026, 4, 8))),
                PirSchedule.due(due, at("2026-04-08T08:00"), CALENDAR));
        assertEquals(List.of(new Reminder(Kind.BEFORE_DUE, LocalDate.of(2026, 4, 8))),
                PirSchedule.due(due, at("2026-04-09T16:00"), CALENDAR), "still the same reminder, sent once");
        assertEquals(List.of(new Reminder(Kind.DUE, LocalDate.of(2026, 4, 10))),
                PirSchedule.due(due, at("2026-04-10T09:00"), CALENDAR));
        assertEquals(List.of(new Reminder(Kind.OVERDUE, LocalDate.of(2026, 4, 10)),
                        new Reminder(Kind.OVERDUE_LEAD, LocalDate.of(2026, 4, 10))),
                PirSchedule.due(due, at("2026-04-10T17:30"), CALENDAR), "overdue from the close of the day");
        assertEquals(List.of(new Reminder(Kind.OVERDUE, LocalDate.of(2026, 4, 12)),
                        new Reminder(Kind.OVERDUE_LEAD, LocalDate.of(2026, 4, 10))),
                PirSchedule.due(due, at("2026-04-12T11:00"), CALENDAR), "daily, weekends too; the lead once");
    }

    @Test
    void theNoticeDayStepsBackOverHolidays() {
        // due Tuesday 7 April: one business day before is Thursday 2 April (Easter Monday, the weekend and Good
        // Friday skipped), two before is Wednesday 1 April
        assertEquals(LocalDate.of(2026, 4, 2), PirSchedule.minusBusinessDays(LocalDate.of(2026, 4, 7), 1, CALENDAR));
        assertEquals(LocalDate.of(2026, 4, 1), PirSchedule.minusBusinessDays(LocalDate.of(2026, 4, 7), 2, CALENDAR));
    }
}
