package com.attest.control;

import java.util.List;

/**
 * One kind of shortcoming found in the records, with the records concerned. {@code count} is how many there are in
 * all ({@code records} may show fewer); {@code detail} completes the sentence where the kind needs it: a date, the
 * audit row that fails and why.
 */
public record Finding(Kind kind, List<RecordRef> records, long count, String detail) {

    /** What can be found. Which control each touches, and how badly, is {@link ControlRules}' to say. */
    public enum Kind {
        /** Incidents not declared and past their response target now. */
        SLA_OVERDUE,
        /** Incidents declared (or closed) after their response target. */
        SLA_BREACHED,
        /** Post-incident reviews past their due date and not approved. */
        PIR_OVERDUE,
        /** Post-incident reviews approved after their due date. */
        PIR_LATE,
        /** Incidents past their customer-notification deadline with no notice delivered. */
        NOTICE_OVERDUE,
        /** Incidents whose customers were told after the deadline. */
        NOTICE_LATE,
        /** No exercise signed off in the twelve months before the period's end. */
        EXERCISE_OVERDUE,
        /** The next exercise falls due on the period's last day. */
        EXERCISE_DUE,
        /** No version of the runbook approved into force. */
        RUNBOOK_NOT_IN_FORCE,
        /** The runbook in force is past its review date. */
        RUNBOOK_REVIEW_OVERDUE,
        /** No version of the policy approved into force. */
        POLICY_NOT_IN_FORCE,
        /** The policy in force is past its review date. */
        POLICY_REVIEW_OVERDUE,
        /** Recomputing the audit trail's hash chain fails. */
        AUDIT_TRAIL_BROKEN,
        /** Declared incidents of the period without an Entra ID audit log in the evidence register. */
        ENTRA_LOG_MISSING,
        /** Incidents of the period closed but not (or not in their last form) registered as evidence. */
        INCIDENT_NOT_REGISTERED,
        /** Days of the period whose Azure evidence (Defender alerts, Sentinel incidents, playbook runs) was not collected. */
        AZURE_EVIDENCE_MISSING,
        /** Sentinel incidents and Defender alerts of the period Azure returned with no portal incident and no disposition. */
        POPULATION_UNMATCHED,
        /** Subscriptions whose latest detection pipeline check fails or could not be read. */
        DETECTION_PIPELINE_FAILING
    }

    public Finding {
        records = List.copyOf(records);
    }

    /** A finding whose records are all there is. */
    public static Finding of(Kind kind, List<RecordRef> records) {
        return new Finding(kind, records, records.size(), null);
    }

    /** A finding about one thing (a document, the exercise schedule, the audit trail), with its detail. */
    public static Finding of(Kind kind, RecordRef record, String detail) {
        return new Finding(kind, List.of(record), 1, detail);
    }
}
