package com.attest.incident;

/**
 * An entry was written on an incident's timeline (by a responder, or by another feature: a checklist tick, an
 * action run, a customer notice). Fired in the writing transaction; a page showing the incident reloads after commit.
 */
public record TimelineWritten(long incidentId) {
}
