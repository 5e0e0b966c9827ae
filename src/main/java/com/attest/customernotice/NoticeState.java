package com.attest.customernotice;

/**
 * A notice's life: a draft anyone responding may edit; awaiting approval once asked for; approved when the policy's
 * approvals are in for the current text; then sent through the outbox or delivered by hand, after which it never
 * changes. A rejection, or an edit of a text awaiting or holding approval, starts a new round from draft.
 */
public enum NoticeState {
    DRAFT("Draft"),
    AWAITING_APPROVAL("Awaiting approval"),
    APPROVED("Approved"),
    SENT("Sent"),
    DELIVERED("Delivered (recorded)");

    private final String label;

    NoticeState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String getLabel() {
        return label;
    }

    public boolean finished() {
        return this == SENT || this == DELIVERED;
    }
}
