package com.attest.runbook;

/**
 * Where a checklist item of an incident's runbook stands: done, not applicable to this incident (a responder said
 * why), or still open. Resolving an incident with items open asks for a reason.
 */
public enum ItemStatus {
    DONE, NOT_APPLICABLE, OPEN
}
