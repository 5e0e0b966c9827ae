package com.attest.security;

/** What a person may do in the portal. The names are the Jakarta Security groups and web.xml roles. */
public enum Role {
    /** Prepares audits, owns policy and runbooks, administers users. */
    COMPLIANCE_LEAD,
    /** Handles incidents and files post-incident reviews. */
    RESPONDER,
    /** Reads, for one audit period; never writes. */
    AUDITOR
}
