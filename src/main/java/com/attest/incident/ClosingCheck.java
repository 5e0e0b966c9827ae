package com.attest.incident;

/**
 * A condition another part of the portal puts on closing a resolved incident (for example: its post-incident
 * review is approved). Closing as a false positive or a duplicate is not subject to it.
 */
public interface ClosingCheck {

    /** Why {@code incident} cannot be closed yet, in words, or null when nothing stands in the way. */
    String refusal(Incident incident);
}
