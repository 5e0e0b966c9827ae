package com.attest.pir.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.pir.Pir;
import com.attest.pir.PirService;
import com.attest.security.AuditorRoutes.Dating;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An auditor reads the reviews of incidents detected in their periods (the list narrows itself). */
@ApplicationScoped
public class PirAuditorRules implements AuditorRules {

    @Inject
    private PirService pirs;

    @Inject
    private IncidentService incidents;

    @Override
    public void declare(AuditorRoutes routes) {
        Dating review = Dating.at(id -> Dating.number(id).flatMap(pirs::find).map(Pir::getIncidentId)
                .flatMap(incidents::byId).map(Incident::getDetectedAt));
        routes.page("/pirs/list.xhtml")
                .recordPage("/pirs/view.xhtml", "id", review)
                .recordApi("/api/pirs/(\\d+)(?:/.*)?", review)
                .recordApi("/api/pirs/incident/([^/]+)", Dating.at(ref -> incidents.find(ref)
                        .map(Incident::getDetectedAt)));
    }
}
