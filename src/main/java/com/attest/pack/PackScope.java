package com.attest.pack;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a pack covers: the days of a period (both included, in the organisation's time zone) and, for a
 * single-incident pack, that incident's reference. Incidents belong to the period by their detection time.
 */
public record PackScope(LocalDate from, LocalDate to, ZoneId zone, String incidentReference) {

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean singleIncident() {
        return incidentReference != null;
    }
}
