package com.attest.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaTest {

    private static final BusinessCalendar CALENDAR = new BusinessCalendar(ZoneId.of("Europe/Berlin"),
            EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(17, 0), Set.of());
    private static final SlaPolicy POLICY = new SlaPolicy(SlaPolicy.policyTargets(), CALENDAR);
    private static final Instant DETECTED = Instant.parse("2026-11-27T18:00:00Z"); // Friday 19:00 in Berlin

    @Test
    void theSeedsTargets() {
        assertEquals(DETECTED.plus(Duration.ofMinutes(30)), POLICY.responseDue(Severity.P1, DETECTED));
        assertEquals(DETECTED.plus(Duration.ofHours(2)), POLICY.responseDue(Severity.P2, DETECTED));
        assertEquals(DETECTED.plus(Duration.ofHours(24)), POLICY.responseDue(Severity.P3, DETECTED));
        assertEquals(Instant.parse("2026-11-30T16:00:00Z"), POLICY.responseDue(Severity.P4, DETECTED),
                "Monday 17:00 Berlin");
    }

    @Test
    void targetsAreConfigurable() {
        SlaPolicy strict = new SlaPolicy(Map.of(Severity.P1, Duration.ofMinutes(15)), CALENDAR);
        assertEquals(DETECTED.plus(Duration.ofMinutes(15)), strict.responseDue(Severity.P1, DETECTED));
    }

    @Test
    void theClockRunsUntilDeclaredAndTellsTheMargin() {
        Instant due = DETECTED.plus(Duration.ofMinutes(30));
        SlaClock running = SlaClock.of(due, null, DETECTED.plus(Duration.ofMinutes(10)));
        assertEquals(SlaClock.State.RUNNING, running.state());
        assertEquals("20 min", running.getMarginText());

        SlaClock overdue = SlaClock.of(due, null, DETECTED.plus(Duration.ofMinutes(95)));
        assertEquals(SlaClock.State.OVERDUE, overdue.state());
        assertTrue(overdue.isBreached());
        assertEquals("1 h 05 min", overdue.getMarginText());

        assertEquals(SlaClock.State.MET, SlaClock.of(due, DETECTED.plus(Duration.ofMinutes(29)), Instant.MAX).state());
        SlaClock late = SlaClock.of(due, DETECTED.plus(Duration.ofMinutes(31)), Instant.MAX);
        assertEquals(SlaClock.State.BREACHED, late.state());
        assertEquals("1 min", late.getMarginText());
    }

    @Test
    void humanisedDurations() {
        assertEquals("3 d 2 h", SlaClock.humanize(Duration.ofHours(74)));
        assertEquals("45 s", SlaClock.humanize(Duration.ofSeconds(45)));
    }
}
