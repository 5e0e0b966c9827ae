package com.attest.incident;

/** An incident a part of the portal opened (e.g. intake for an alert); observers run in its transaction. */
public record IncidentOpened(Incident incident, SystemActor by) {
}
