package com.attest.control.web;

import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;

/** An auditor reads control health; its service keeps the findings to the auditor's periods. */
@ApplicationScoped
public class ControlAuditorRules implements AuditorRules {

    @Override
    public void declare(AuditorRoutes routes) {
        routes.page("/controls/overview.xhtml").page("/controls/control.xhtml").readingApi("/api/controls(?:/[^/]+)?");
    }
}
