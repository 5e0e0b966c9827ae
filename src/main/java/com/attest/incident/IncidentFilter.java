package com.attest.incident;

import java.time.LocalDate;

/**
 * What the incident list is narrowed to; every part optional. {@code state} is "open", "closed", a
 * {@link Status} name, or null for all; {@code sla} one of {@link SlaClock.State} or "BREACHED_ANY" (overdue or breached).
 * Dates are the organisation's local dates of detection, both ends included.
 */
public record IncidentFilter(String state, Severity severity, String owner, LocalDate from, LocalDate to,
                             String sla) {
}
