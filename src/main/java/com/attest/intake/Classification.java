package com.attest.intake;

import com.attest.incident.Category;
import com.attest.incident.Severity;

/** What intake made of an alert: its severity and category, and the reason in words for the timeline. */
public record Classification(Severity severity, Category category, String reason) {
}
