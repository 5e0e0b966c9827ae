package com.attest.incident;

/** The policy's timeline milestones (post-incident review template), plus the resolution. */
public enum Milestone {
    ALERT_TRIGGERED,
    ON_CALL_NOTIFIED,
    DECLARED,
    CONTAINMENT_ACTION_TAKEN,
    ROOT_CAUSE_IDENTIFIED,
    SYSTEM_RESTORED,
    RESOLVED,
    CLOSED
}
