package com.attest.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;

/** What a person may do in the portal. The names are the Jakarta Security groups and web.xml roles. */
public enum Role {
    /** Prepares audits, owns policy and runbooks, administers users. */
    COMPLIANCE_LEAD,
    /** Handles incidents and files post-incident reviews. */
    RESPONDER,
    /** Reads, for one audit period; never writes. */
    AUDITOR;

    /** The roles the request's caller holds. */
    public static Set<Role> of(HttpServletRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : values()) {
            if (request.isUserInRole(role.name())) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** Whether these are the roles of an auditor and nothing else: someone kept to the periods they audit. */
    public static boolean auditorOnly(Set<Role> roles) {
        return roles.contains(AUDITOR) && !roles.contains(COMPLIANCE_LEAD) && !roles.contains(RESPONDER);
    }
}
