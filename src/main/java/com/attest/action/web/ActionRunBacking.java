package com.attest.action.web;

import com.attest.action.ActionCall;
import com.attest.action.ActionResultFile;
import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.action.ActionType;
import com.attest.action.DryRun;
import com.attest.action.RunState;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One action run: what was asked, by whom, who approved, every call Azure answered, before and after, the result
 * file; approve, reject, cancel, review, run again. The page polls while the run is waiting or running.
 */
@Named
@ViewScoped
public class ActionRunBacking implements Serializable {

    @Inject
    private ActionRunService runs;

    @Inject
    private IncidentService incidents;

    @Inject
    private Caller caller;

    private Long id;
    private ActionRun run;
    private Incident incident;
    private List<ActionCall> calls;
    private ActionResultFile result;
    private int planned;
    private String note;

    public void load() throws IOException {
        run = id == null ? null : runs.find(id).orElse(null);
        if (run == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such action run");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        incident = run.getIncidentId() == null ? null : incidents.byId(run.getIncidentId()).orElseThrow();
        calls = runs.calls(id);
        result = runs.result(id).orElse(null);
        DryRun dryRun = getDryRun();
        planned = run.type().executes() && dryRun != null ? dryRun.calls().size() : 0;
    }

    /** Read again by the poll while the run waits or runs. */
    public void refresh() throws IOException {
        load();
    }

    public void approve() throws IOException {
        decide(() -> runs.approve(id, run.getVersion(), note), "action.approved");
    }

    public void reject() throws IOException {
        decide(() -> runs.reject(id, run.getVersion(), note), "action.rejected");
    }

    public void cancel() throws IOException {
        decide(() -> runs.cancel(id, run.getVersion()), "action.cancelled");
    }

    public void review() throws IOException {
        decide(() -> runs.review(id, run.getVersion(), note), "action.reviewed");
    }

    private void decide(Runnable decision, String done) throws IOException {
        try {
            decision.run();
            note = null;
            Forms.info(done, id);
        } finally {
            load();
        }
    }

    public boolean isActive() {
        return run != null && !run.getState().finished();
    }

    /** May act on this run: a responder or lead on an incident's; only a lead on a repair of the pipeline. */
    public boolean isWriter() {
        return caller.hasRole(Role.COMPLIANCE_LEAD) || (caller.hasRole(Role.RESPONDER) && run.getIncidentId() != null);
    }

    public boolean isMayDecide() {
        return isWriter() && run.getState() == RunState.AWAITING_APPROVAL && !run.getRequestedBy().equals(caller.name())
                && (incident == null ? caller.hasRole(Role.COMPLIANCE_LEAD) : incident.getStatus().isOpen());
    }

    public boolean isMayCancel() {
        return isWriter() && run.getState() == RunState.AWAITING_APPROVAL
                && (run.getRequestedBy().equals(caller.name()) || caller.hasRole(Role.COMPLIANCE_LEAD));
    }

    public boolean isMayReview() {
        return caller.hasRole(Role.COMPLIANCE_LEAD) && run.isBreakGlass() && run.getReviewedBy() == null
                && run.getState().finished();
    }

    public boolean isMayRunAgain() {
        return isWriter() && incident != null && incident.getStatus().isOpen() && run.getItemKey() != null
                && (run.getState() == RunState.FAILED || run.getState() == RunState.REJECTED
                || run.getState() == RunState.CANCELLED);
    }

    public boolean isMayRelease() {
        return isWriter() && incident != null && incident.getStatus().isOpen() && run.type() == ActionType.QUARANTINE_VM
                && run.getState() == RunState.SUCCEEDED && run.getBeforeState() != null;
    }

    /** 0–100: calls made against the calls planned; 100 once finished. */
    public int getProgress() {
        if (run.getState().finished()) {
            return 100;
        }
        if (run.getState() != RunState.RUNNING || planned == 0) {
            return 0;
        }
        return Math.min(95, Math.max(5, calls.size() * 100 / planned));
    }

    /** The parameters in the action's order, with their labels. */
    public List<Map.Entry<String, String>> getParameters() {
        Map<String, String> values = run.parameterMap();
        return run.type().params().stream().filter(p -> values.containsKey(p.name()))
                .map(p -> Map.entry(p.label(), values.get(p.name()))).toList();
    }

    public DryRun getDryRun() {
        if (run.getPlan() != null) {
            return DryRun.fromJson(run.getPlan());
        }
        return run.type().repairsPipeline() ? null : run.type().executes() || run.type() == ActionType.RECORD_IAC_REDEPLOY
                ? DryRun.of(run.type(), run.parameterMap()) : null;
    }

    public String pretty(String json) {
        return com.attest.platform.web.PrettyJson.of(json);
    }

    /** The subscription a repair of the detection pipeline is for, or null. */
    public String getPipelineSubscription() {
        return run.getIncidentId() == null ? run.parameterMap().get("subscription") : null;
    }

    public String getSubject() {
        return run.type().subject(run.parameterMap());
    }

    public ActionRun getRun() { return run; }
    public Incident getIncident() { return incident; }
    public List<ActionCall> getCalls() { return calls; }
    public ActionResultFile getResult() { return result; }
    public int getPlanned() { return planned; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
}
