package com.attest.incident;

/** An incident's owner changed (not by declaring it); observers run in its transaction. */
public record IncidentOwnerChanged(Incident incident, String owner, String by) {
}
