package com.attest.action.web;

import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists of action runs: an incident's (on its page, polled while any is active), the requests awaiting a second
 * person, and the break-glass runs awaiting the compliance lead's review.
 */
@Named
@RequestScoped
public class ActionListsBacking {

    @Inject
    private ActionRunService runs;

    @Inject
    private IncidentService incidents;

    @Inject
    private com.attest.azure.AzureSettings azure;

    private final Map<Long, String> references = new HashMap<>();
    private List<ActionRun> ofIncident;
    private List<ActionRun> awaitingApproval;
    private List<ActionRun> toReview;

    /** Whether an Azure subscription is configured: without one no runbook action can be prepared. */
    public boolean isAzureConfigured() {
        return !azure.identities().isEmpty();
    }

    /** What a checklist item offers for its action ({@code PREPARE}, {@code NO_AZURE} or {@code NONE}). */
    public String offer(boolean writer, boolean incidentOpen, boolean itemOpen, boolean hasAction) {
        return PrepareOffer.of(writer, incidentOpen, itemOpen, hasAction, isAzureConfigured()).name();
    }

    public List<ActionRun> of(Incident incident) {
        if (ofIncident == null) {
            ofIncident = incident == null ? List.of() : runs.of(incident);
        }
        return ofIncident;
    }

    public boolean anyActive(Incident incident) {
        return of(incident).stream().anyMatch(r -> !r.getState().finished());
    }

    public List<ActionRun> getAwaitingApproval() {
        if (awaitingApproval == null) {
            awaitingApproval = runs.awaitingApproval();
        }
        return awaitingApproval;
    }

    public List<ActionRun> getToReview() {
        if (toReview == null) {
            toReview = runs.toReview();
        }
        return toReview;
    }

    public String subject(ActionRun run) {
        return run.type().subject(run.parameterMap());
    }

    public String reference(ActionRun run) {
        if (run.getIncidentId() == null) {
            return com.attest.platform.web.Forms.text("action.detectionPipeline");
        }
        return references.computeIfAbsent(run.getIncidentId(),
                id -> incidents.byId(id).map(Incident::getReference).orElse("?"));
    }
}
