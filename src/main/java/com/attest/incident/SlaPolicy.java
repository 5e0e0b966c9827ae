package com.attest.incident;

import com.attest.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Response-SLA targets per severity: a duration from detection, or — where none is set — the close of the
 * next business day on the organisation's calendar. The policy's targets are the defaults: P1 30 minutes,
 * P2 2 hours, P3 24 hours, P4 next business day.
 */
public record SlaPolicy(Map<Severity, Duration> targets, BusinessCalendar calendar) {

    public static Map<Severity, Duration> policyTargets() {
        Map<Severity, Duration> targets = new EnumMap<>(Severity.class);
        targets.put(Severity.P1, Duration.ofMinutes(30));
        targets.put(Severity.P2, Duration.ofHours(2));
        targets.put(Severity.P3, Duration.ofHours(24));
        targets.put(Severity.P4, null);
        return targets;
    }

    /** By when a responder must have taken ownership and assigned the severity. */
    public Instant responseDue(Severity severity, Instant detectedAt) {
        Duration target = targets.get(severity);
        return target == null ? calendar.closeOfNextBusinessDay(detectedAt) : detectedAt.plus(target);
    }
}
