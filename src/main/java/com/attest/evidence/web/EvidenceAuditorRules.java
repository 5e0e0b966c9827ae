package com.attest.evidence.web;

import com.attest.evidence.EvidenceItem;
import com.attest.evidence.EvidenceService;
import com.attest.security.AuditorRoutes.Dating;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An auditor reads the register (narrowed to their periods), each item whose period date falls in them, and the
 * catalogue and disposal certificates, which belong to no period.
 */
@ApplicationScoped
public class EvidenceAuditorRules implements AuditorRules {

    @Inject
    private EvidenceService register;

    @Override
    public void declare(AuditorRoutes routes) {
        Dating item = Dating.on(id -> Dating.number(id).flatMap(register::find).map(EvidenceItem::getPeriodDate));
        routes.page("/evidence/register.xhtml")
                .recordPage("/evidence/item.xhtml", "id", item)
                .recordApi("/api/evidence/items/(\\d+)", item)
                .readingApi("/api/evidence/(?:items|types|disposals)");
    }
}
