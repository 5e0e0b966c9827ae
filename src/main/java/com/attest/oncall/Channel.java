package com.attest.oncall;

/** The kinds of channel the outbox delivers through: those that reach the on-call person, and Microsoft Sentinel. */
public enum Channel {
    TEAMS("Microsoft Teams"),
    EMAIL("E-mail"),
    PAGERDUTY("PagerDuty"),
    /** Write-backs to a linked Microsoft Sentinel incident (owner, status, classification, comments). */
    SENTINEL("Microsoft Sentinel");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** The channel's name as people read it. */
    public String getLabel() {
        return label;
    }
}
