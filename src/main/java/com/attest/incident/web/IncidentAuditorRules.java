package com.attest.incident.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.security.AuditorRoutes.Dating;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An auditor reads the incident list (narrowed to their periods) and each incident detected in them. */
@ApplicationScoped
public class IncidentAuditorRules implements AuditorRules {

    @Inject
    private IncidentService incidents;

    @Override
    public void declare(AuditorRoutes routes) {
        Dating detected = Dating.at(ref -> incidents.find(ref).map(Incident::getDetectedAt));
        routes.page("/incidents/list.xhtml")
                .recordPage("/incidents/view.xhtml", "ref", detected)
                .recordApi("/api/incidents/([^/]+)(?:/.*)?", detected);
    }
}
