package com.attest.customernotice.web;

import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.security.AuditorRoutes.Dating;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An auditor reads the customer list and templates, and the notices of incidents detected in their periods. */
@ApplicationScoped
public class NoticeAuditorRules implements AuditorRules {

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private IncidentService incidents;

    @Override
    public void declare(AuditorRoutes routes) {
        Dating notice = Dating.at(id -> Dating.number(id).flatMap(notices::find).map(CustomerNotice::getIncidentId)
                .flatMap(incidents::byId).map(Incident::getDetectedAt));
        routes.page("/customers/list.xhtml")
                .recordPage("/notices/notice.xhtml", "id", notice)
                .recordApi("/api/notices/(\\d+)(?:/.*)?", notice)
                .readingApi("/api/customers|/api/notice-templates");
    }
}
