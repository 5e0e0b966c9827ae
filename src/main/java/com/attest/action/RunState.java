package com.attest.action;

/** Where an action run stands. */
public enum RunState {
    AWAITING_APPROVAL("Awaiting approval"),
    REJECTED("Rejected"),
    CANCELLED("Cancelled"),
    QUEUED("Queued"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    ALREADY_IN_EFFECT("Already in effect"),
    FAILED("Failed"),
    RECORDED("Recorded");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Nothing more will happen to the run (a review of a break-glass run aside). */
    public boolean finished() {
        return this != AWAITING_APPROVAL && this != QUEUED && this != RUNNING;
    }

    /** The run achieved what it was for. */
    public boolean effective() {
        return this == SUCCEEDED || this == ALREADY_IN_EFFECT || this == RECORDED;
    }
}
