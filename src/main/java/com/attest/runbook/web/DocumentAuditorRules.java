package com.attest.runbook.web;

import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;

/** An auditor reads the runbook and the policy, every version. */
@ApplicationScoped
public class DocumentAuditorRules implements AuditorRules {

    @Override
    public void declare(AuditorRoutes routes) {
        routes.page("/runbooks/list.xhtml").page("/runbooks/view.xhtml").readingApi("/api/documents/[^/]+");
    }
}
