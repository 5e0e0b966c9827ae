package com.attest.oncall;

/** The kinds of channel the outbox delivers through: those that reach the on-call person, and Microsoft Sentinel. */
public enum Channel {
    /** A Teams webhook has no idempotency key: a message sent again may show twice. */
    TEAMS("Microsoft Teams", false),
    /** Graph {@code sendMail} has no idempotency key: a mail sent again may arrive twice. */
    EMAIL("E-mail", false),
    /** A trigger repeated with the same dedup_key while the alert is open is the same alert (Events API v2). */
    PAGERDUTY("PagerDuty", true),
    /**
     * Write-backs to a linked Microsoft Sentinel incident (owner, status, classification, comments): read again and
     * written over the fresh read, the comment under the portal's own id, so a repeat changes nothing.
     */
    SENTINEL("Microsoft Sentinel", true);

    private final String label;
    private final boolean foldsRepeats;

    Channel(String label, boolean foldsRepeats) {
        this.label = label;
        this.foldsRepeats = foldsRepeats;
    }

    /**
     * Whether the channel takes the same message sent again as the one it already has: where it does not, a message
     * sent again after an attempt whose outcome is unknown may reach the person twice.
     */
    public boolean foldsRepeats() {
        return foldsRepeats;
    }

    /** The channel's name as people read it. */
    public String getLabel() {
        return label;
    }
}
