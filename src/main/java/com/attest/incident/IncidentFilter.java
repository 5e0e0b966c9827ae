package com.attest.incident;

import com.attest.security.AuditPeriod;
import java.time.LocalDate;
import java.util.List;

/**
 * What the incident list is narrowed to; every part optional. {@code state} is "open", "closed", a
 * {@link Status} name, or null for all; {@code sla} one of {@link SlaClock.State} or "BREACHED_ANY" (overdue or breached).
 * Dates are the organisation's local dates of detection, both ends included. {@code within}: the audit periods an
 * auditor is kept to (detected in one of them), or null for no such limit. {@code text}: free text the reference,
 * title, an affected resource or an affected user contains, or null.
 */
public record IncidentFilter(String state, Severity severity, String owner, LocalDate from, LocalDate to,
                             String sla, List<AuditPeriod> within, String text) {

    public IncidentFilter(String state, Severity severity, String owner, LocalDate from, LocalDate to, String sla) {
        this(state, severity, owner, from, to, sla, null, null);
    }

    public IncidentFilter(String state, Severity severity, String owner, LocalDate from, LocalDate to, String sla,
                          List<AuditPeriod> within) {
        this(state, severity, owner, from, to, sla, within, null);
    }

    /** This filter kept to {@code periods} (null: no limit). */
    public IncidentFilter limitedTo(List<AuditPeriod> periods) {
        return new IncidentFilter(state, severity, owner, from, to, sla, periods == null ? null : List.copyOf(periods),
                text);
    }

    /**
     * This filter narrowed to incidents whose reference, title, an affected resource or an affected user contains
     * {@code words} (case ignored; blank: no such narrowing).
     */
    public IncidentFilter containing(String words) {
        return new IncidentFilter(state, severity, owner, from, to, sla, within,
                words == null || words.isBlank() ? null : words.strip());
    }
}
