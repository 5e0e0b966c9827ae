package com.attest.incident;

/** An incident was resolved or closed; observers run in its transaction (e.g. to resolve a page). */
public record IncidentEnded(Incident incident, String by) {
}
