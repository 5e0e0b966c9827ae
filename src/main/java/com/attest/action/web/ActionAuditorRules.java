package com.attest.action.web;

import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.security.AuditorRoutes.Dating;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An auditor reads the action runs of incidents detected in their periods. */
@ApplicationScoped
public class ActionAuditorRules implements AuditorRules {

    @Inject
    private ActionRunService runs;

    @Inject
    private IncidentService incidents;

    @Override
    public void declare(AuditorRoutes routes) {
        // a run on an incident is dated by the incident's detection; a repair of the pipeline by its request
        Dating run = Dating.at(id -> Dating.number(id).flatMap(runs::find).flatMap(r -> r.getIncidentId() == null
                ? java.util.Optional.of(r.getRequestedAt())
                : incidents.byId(r.getIncidentId()).map(Incident::getDetectedAt)));
        routes.recordPage("/incidents/run.xhtml", "id", run)
                .recordApi("/api/action-runs/(\\d+)(?:/.*)?", run);
    }
}
