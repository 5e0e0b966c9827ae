package com.attest.intake.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.intake.AlertService;
import com.attest.security.AuditorRoutes.Dating;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An auditor reads the alert payloads delivered for incidents detected in their periods. */
@ApplicationScoped
public class IntakeAuditorRules implements AuditorRules {

    @Inject
    private AlertService alerts;

    @Inject
    private IncidentService incidents;

    @Override
    public void declare(AuditorRoutes routes) {
        Dating payload = Dating.at(id -> Dating.number(id).flatMap(alerts::incidentOfPayload)
                .flatMap(incidents::byId).map(Incident::getDetectedAt));
        routes.recordPage("/incidents/payload.xhtml", "id", payload)
                .recordApi("/api/alert-payloads/(\\d+)", payload);
    }
}
