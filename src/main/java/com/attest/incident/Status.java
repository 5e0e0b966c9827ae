package com.attest.incident;

import java.util.List;
import java.util.Set;

/**
 * Where an incident stands. The response steps run in order — Detected, Declared, Contained, Eradicated,
 * Recovered, Resolved, Closed — and none may be skipped. Any incident not yet closed may instead be closed as a
 * false positive or a duplicate, with a reason.
 */
public enum Status {
    DETECTED(null, null),
    DECLARED("Declare", Milestone.DECLARED),
    CONTAINED("Contain", Milestone.CONTAINMENT_ACTION_TAKEN),
    ERADICATED("Eradicate", Milestone.ROOT_CAUSE_IDENTIFIED),
    RECOVERED("Recover", Milestone.SYSTEM_RESTORED),
    RESOLVED("Resolve", Milestone.RESOLVED),
    CLOSED("Close", Milestone.CLOSED),
    FALSE_POSITIVE("Close as false positive", Milestone.CLOSED),
    DUPLICATE("Close as duplicate", Milestone.CLOSED);

    /** The ways an incident ends. */
    public static final Set<Status> CLOSED_STATES = Set.of(CLOSED, FALSE_POSITIVE, DUPLICATE);

    /** The response steps in their one order. */
    public static final List<Status> STEPS = List.of(DETECTED, DECLARED, CONTAINED, ERADICATED, RECOVERED,
            RESOLVED, CLOSED);

    private final String step;
    private final Milestone milestone;

    Status(String step, Milestone milestone) {
        this.step = step;
        this.milestone = milestone;
    }

    public boolean isOpen() {
        return !CLOSED_STATES.contains(this);
    }

    /** The step that leads here, e.g. "Contain". */
    public String getStep() {
        return step;
    }

    /** The milestone a move here stamps on the timeline. */
    public Milestone milestone() {
        return milestone;
    }

    /** The next response step, or null when there is none. */
    public Status next() {
        int i = STEPS.indexOf(this);
        return i < 0 || i == STEPS.size() - 1 ? null : STEPS.get(i + 1);
    }

    /**
     * Why moving from this status to {@code target} is not allowed, or null when it is. The message names the
     * step that is missing.
     */
    public String refusalToMoveTo(Status target) {
        if (!isOpen()) {
            return "The incident is already closed (" + name().toLowerCase().replace('_', ' ') + ").";
        }
        if (target == FALSE_POSITIVE || target == DUPLICATE) {
            return null;
        }
        if (target == this) {
            return "The incident is already " + name().toLowerCase() + ".";
        }
        int from = STEPS.indexOf(this);
        int to = STEPS.indexOf(target);
        if (to < from) {
            return "An incident does not go back from " + name().toLowerCase() + " to " + target.name().toLowerCase()
                    + ": add a timeline entry instead.";
        }
        if (to > from + 1) {
            Status missing = STEPS.get(from + 1);
            return "Cannot " + target.step.toLowerCase() + " yet: the incident is " + name().toLowerCase()
                    + " and must first be " + missing.name().toLowerCase() + " (missing step: " + missing.step
                    + ").";
        }
        return null;
    }
}
