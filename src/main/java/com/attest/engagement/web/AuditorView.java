package com.attest.engagement.web;

import com.attest.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** For the navigation: whether the person is an auditor and nothing else, kept to their engagements' pages. */
@Named
@RequestScoped
public class AuditorView {

    @Inject
    private HttpServletRequest request;

    public boolean isOnly() {
        return Role.auditorOnly(Role.of(request));
    }
}
