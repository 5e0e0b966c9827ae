package com.attest.pack.web;

import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An auditor reads, asks for, cancels and verifies the evidence packs of their periods; the service keeps each to
 * the engagement.
 */
@ApplicationScoped
public class PackAuditorRules implements AuditorRules {

    @Override
    public void declare(AuditorRoutes routes) {
        routes.page("/packs/list.xhtml").page("/packs/verify.xhtml")
                .readingApi("/api/packs(?:/\\d+(?:/(?:pdf|zip))?)?")
                .request("/api/packs(?:/verify|/\\d+/cancel)?");
    }
}
