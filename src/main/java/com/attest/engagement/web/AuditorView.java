package com.attest.engagement.web;

import com.attest.engagement.AuditorScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;
import com.attest.security.Role;

/** For the navigation: whether the person is an auditor and nothing else, kept to their engagements' pages. */
@Named
@RequestScoped
public class AuditorView {

    @Inject
    private HttpServletRequest request;

    public boolean isOnly() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (request.isUserInRole(role.name())) {
                roles.add(role);
            }
        }
        return AuditorScope.auditorOnly(roles);
    }
}
