package com.attest.incident;

/**
 * An incident changed, or something was written on its timeline (by a responder, or by another feature: a checklist
 * tick, an action run, a notice). Fired in the changing transaction; the parts of a page showing the incident read
 * it again after commit.
 */
public record IncidentChanged(long incidentId) {
}
