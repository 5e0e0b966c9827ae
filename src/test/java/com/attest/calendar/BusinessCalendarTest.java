package com.attest.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final BusinessCalendar UK = new BusinessCalendar(LONDON,
            EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(17, 0),
            Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28)));

    @Test
    void weekendsAndHolidaysAreNotBusinessDays() {
        assertTrue(UK.isBusinessDay(LocalDate.of(2026, 11, 27)));
        assertFalse(UK.isBusinessDay(LocalDate.of(2026, 11, 28)), "Saturday");
        assertFalse(UK.isBusinessDay(LocalDate.of(2026, 11, 29)), "Sunday");
        assertFalse(UK.isBusinessDay(LocalDate.of(2026, 12, 25)), "holiday");
    }

    @Test
    void fridayEveningP4IsDueWhenMondayCloses() {
        Instant fridayEvening = Instant.parse("2026-11-27T19:30:00Z");
        assertEquals(Instant.parse("2026-11-30T17:00:00Z"), UK.closeOfNextBusinessDay(fridayEvening));
    }

    @Test
    void aSaturdayAlertIsDueWhenMondayCloses() {
        assertEquals(Instant.parse("2026-11-30T17:00:00Z"),
                UK.closeOfNextBusinessDay(Instant.parse("2026-11-28T10:00:00Z")));
    }

    @Test
    void holidaysAreSkipped() {
        // Thursday 24 December: Friday 25th is Christmas, then the weekend, then Monday 28th a holiday too
        assertEquals(LocalDate.of(2026, 12, 29), UK.nextBusinessDay(LocalDate.of(2026, 12, 24)));
        assertEquals(LocalDate.of(2026, 12, 30), UK.plusBusinessDays(LocalDate.of(2026, 12, 23), 3));
    }

    @Test
    void theCloseStaysFivePmLocalAcrossADaylightSavingChange() {
        // British Summer Time ends on Sunday 25 October 2026: Friday 17:00 is 16:00 UTC, Monday 17:00 is 17:00 UTC
        assertEquals(Instant.parse("2026-10-23T16:00:00Z"), UK.closeOf(LocalDate.of(2026, 10, 23)));
        assertEquals(Instant.parse("2026-10-26T17:00:00Z"),
                UK.closeOfNextBusinessDay(Instant.parse("2026-10-23T18:00:00Z")));
        // and the local date of an instant follows the zone: 23:30 UTC on a summer Friday is Saturday in London
        assertEquals(LocalDate.of(2026, 7, 4), UK.localDate(Instant.parse("2026-07-03T23:30:00Z")));
    }

    @Test
    void fiveBusinessDaysForAReview() {
        // resolved Wednesday 2 December → due when Wednesday 9 December closes
        assertEquals(Instant.parse("2026-12-09T17:00:00Z"),
                UK.closeAfterBusinessDays(Instant.parse("2026-12-02T11:00:00Z"), 5));
    }

    @Test
    void aWeekWithoutBusinessDaysIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BusinessCalendar(LONDON,
                EnumSet.allOf(DayOfWeek.class), LocalTime.NOON, Set.of()));
    }
}
