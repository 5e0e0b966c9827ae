package com.attest.oncall;

import com.attest.incident.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * What the on-call person must hear about an incident.
 *
 * @param action        raise the alarm or stand it down
 * @param dedupKey      the key that ties a resolve to its trigger: the incident reference, e.g. INC-2026-007
 * @param reference     the incident reference as people read it
 * @param title         the incident title
 * @param severity      the incident severity
 * @param status        the incident status word, may be null
 * @param source        where the incident came from, e.g. "Defender for Cloud"; may be null
 * @param detectedAt    when it was detected, may be null
 * @param responseDueAt when the response is due, may be null
 * @param incidentUrl   absolute link to the incident page, may be null
 * @param summary       first lines of the description; null is read as empty
 */
public record OnCallMessage(Action action, String dedupKey, String reference, String title, Severity severity,
                            String status, String source, Instant detectedAt, Instant responseDueAt,
                            String incidentUrl, String summary) {

    /** What the message asks of the channel. */
    public enum Action {
        /** Alert the on-call person. */
        TRIGGER,
        /** Tell them the incident no longer needs them. */
        RESOLVE,
        /** An e-mail to named people (a reminder, a customer notice), carried by the same outbox. */
        MAIL,
        /** A write-back to a linked Microsoft Sentinel incident, carried by the same outbox. */
        WRITE_BACK
    }

    public OnCallMessage {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        summary = summary == null ? "" : summary;
    }

    /** Whether the incident is P1 or P2, the severities that interrupt. */
    public boolean urgent() {
        return severity == Severity.P1 || severity == Severity.P2;
    }
}
