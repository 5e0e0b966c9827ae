package com.attest.incident;

/** An incident was declared (an owner took it); observers run in its transaction, e.g. to pin the runbook. */
public record IncidentDeclared(Incident incident, String by) {
}
