package com.attest.oncall;

/** The kinds of channel that reach the on-call person. */
public enum Channel {
    TEAMS("Microsoft Teams"),
    EMAIL("E-mail"),
    PAGERDUTY("PagerDuty");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** The channel's name as people read it. */
    public String getLabel() {
        return label;
    }
}
