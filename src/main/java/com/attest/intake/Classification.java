package com.attest.intake;

import com.attest.incident.Category;
import com.attest.incident.Severity;

/**
 * What intake made of an alert: its severity and category, the reason in words for the timeline, and — when a keep
 * rule matched — the name of that rule: the alert is recorded without opening an incident.
 */
public record Classification(Severity severity, Category category, String reason, String keptBy) {

    public Classification(Severity severity, Category category, String reason) {
        this(severity, category, reason, null);
    }

    /** Whether the alert opens (or joins) an incident; false when a keep rule records it as an alert only. */
    public boolean opensIncident() {
        return keptBy == null;
    }
}
