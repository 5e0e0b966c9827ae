package com.attest.incident;

/**
 * Work another part of the portal expects done before an incident is resolved (for example: its runbook checklist).
 * Resolving with some of it still open is allowed, but only with a reason, which the timeline and the review keep.
 */
public interface ResolvingCheck {

    /** What of {@code incident}'s response is still open, in words, or null when nothing is. */
    String openWork(Incident incident);
}
