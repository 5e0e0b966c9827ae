package com.attest.security.web;

import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;

/** An auditor changes their own password. */
@ApplicationScoped
public class AccountAuditorRules implements AuditorRules {

    @Override
    public void declare(AuditorRoutes routes) {
        routes.page("/account/password.xhtml");
    }
}
