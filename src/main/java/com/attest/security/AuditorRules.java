package com.attest.security;

/**
 * What one feature lets an auditor reach. The auditor's boundary knows no feature's addresses: it asks every
 * feature's rules (CDI beans implementing this) and lets an auditor through only where one of them says so. A
 * feature that declares nothing is closed to auditors.
 */
public interface AuditorRules {

    /** Declares the feature's reading pages and endpoints, and how the records they name are dated. */
    void declare(AuditorRoutes routes);
}
