package com.attest.audit.web;

import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;

/** An auditor may have the audit trail's hash chain verified (the trail itself is the lead's page). */
@ApplicationScoped
public class AuditAuditorRules implements AuditorRules {

    @Override
    public void declare(AuditorRoutes routes) {
        routes.readingApi("/api/audit/verify");
    }
}
