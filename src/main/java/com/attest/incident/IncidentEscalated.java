package com.attest.incident;

/** An open incident became more severe (a joined alert, a source's update, a responder); observers run in its transaction. */
public record IncidentEscalated(Incident incident, String by) {
}
