package com.attest.security;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;

/**
 * The dates an audit covers, both included. An evidence item belongs to it when its period date falls within; an
 * incident when the day it was detected (in the organisation's time zone) does.
 */
public record AuditPeriod(LocalDate from, LocalDate to) {

    public AuditPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("An audit period ends on or after its first day: " + from + " to " + to);
        }
    }

    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }

    /** Whether {@code day} falls in any of {@code periods} (none: it falls in none). */
    public static boolean anyContains(Collection<AuditPeriod> periods, LocalDate day) {
        return periods.stream().anyMatch(p -> p.contains(day));
    }

    @Override
    public String toString() {
        return from + " – " + to;
    }
}
