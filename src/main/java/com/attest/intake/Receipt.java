package com.attest.intake;

/** What intake answers a source: the alert, the incident it belongs to, and whether nothing new arrived. */
public record Receipt(long alertId, String incidentReference, boolean duplicate) {
}
