package com.attest.customernotice;

/** Who approves customer notices, as the policy names them; each is mapped to a portal user in the settings. */
public enum ApproverRole {
    LEGAL("Legal"),
    CISO("CISO"),
    CEO("CEO");

    private final String label;

    ApproverRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String getLabel() {
        return label;
    }
}
