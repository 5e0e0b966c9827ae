package com.attest.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Business days of the organisation, as an immutable value: working out a deadline never reads the database.
 * Days are counted in the organisation's time zone, so a deadline at "17:00 on Monday" stays 17:00 local
 * across a daylight-saving change.
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> weekend, LocalTime dayClosesAt, Set<LocalDate> holidays) {

    public BusinessCalendar {
        weekend = weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekend);
        holidays = Set.copyOf(holidays);
        if (weekend.size() == 7) {
            throw new IllegalArgumentException("A week needs at least one business day.");
        }
    }

    public boolean isBusinessDay(LocalDate day) {
        return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The first business day after {@code day}. */
    public LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The business day {@code days} business days after {@code day} (0 = the day itself if a business day). */
    public LocalDate plusBusinessDays(LocalDate day, int days) {
        LocalDate result = day;
        if (days == 0) {
            return isBusinessDay(day) ? day : nextBusinessDay(day);
        }
        for (int i = 0; i < days; i++) {
            result = nextBusinessDay(result);
        }
        return result;
    }

    /** The organisation's local date of an instant. */
    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** When the business day {@code day} closes, as an instant. */
    public Instant closeOf(LocalDate day) {
        return ZonedDateTime.of(day, dayClosesAt, zone).toInstant();
    }

    /** The close of the next business day after the one on which {@code instant} falls (P4 response). */
    public Instant closeOfNextBusinessDay(Instant instant) {
        return closeOf(nextBusinessDay(localDate(instant)));
    }

    /** The close of the business day {@code days} business days after {@code instant} (PIR due dates). */
    public Instant closeAfterBusinessDays(Instant instant, int days) {
        return closeOf(plusBusinessDays(localDate(instant), days));
    }
}
