package com.attest.pir.web;

import com.attest.actionitem.ActionItem;
import com.attest.actionitem.ActionItemRow;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.pir.Pir;
import com.attest.pir.PirReminder;
import com.attest.pir.PirReminderService;
import com.attest.pir.PirService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One post-incident review on the policy's template: the owner writes it (drafts save as the fields change),
 * submits it; the compliance lead approves it or returns it with comments; afterwards its action items move on.
 */
@Named
@ViewScoped
public class PirBacking implements Serializable {

    @Inject
    private PirService pirs;

    @Inject
    private PirReminderService reminderService;

    @Inject
    private IncidentService incidents;

    @Inject
    private com.attest.runbook.WalkthroughService walkthroughs;

    @Inject
    private Caller caller;

    @Inject
    private java.time.Clock clock;

    private Long id;
    private Pir pir;
    private Incident incident;
    private List<PirReminder> reminders;
    private List<EvidenceFile> evidence = List.of();
    private String checklist;
    private List<String> notApplicable = List.of();

    /** An evidence file attached on the incident, and the checklist item it evidences (null: the whole incident). */
    public record EvidenceFile(long id, String filename, String item, String sha256) implements Serializable {
    }

    private PirFields fields = new PirFields();
    private String comment;
    private Instant savedAt;

    public void load() throws IOException {
        pir = id == null ? null : pirs.find(id).orElse(null);
        if (pir == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such review");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        read();
    }

    private void read() {
        pir = pirs.find(id).orElseThrow();
        incident = incidents.byId(pir.getIncidentId()).orElseThrow();
        reminders = reminderService.reminders(pir);
        fields = PirFields.of(pir.form(), pirs.items(pir));
        com.attest.pir.ReviewEvidence found = com.attest.pir.ReviewEvidence.of(incident, walkthroughs);
        checklist = found.checklist() == null ? null : Forms.text("pir.checklistDone", found.checklist());
        notApplicable = found.notApplicable();
        evidence = found.files().stream().map(f -> new EvidenceFile(f.id(), f.filename(), f.item(), f.sha256()))
                .toList();
    }

    /** The incident's evidence files, each with the checklist item it evidences. */
    public List<EvidenceFile> getEvidence() {
        return evidence;
    }

    /** The checklist items said not to apply to the incident, each with why and who said so. */
    public List<String> getNotApplicable() {
        return notApplicable;
    }

    /** How much of the incident's runbook checklist was done, or null without a pinned runbook. */
    public String getChecklist() {
        return checklist;
    }

    /** Saves the draft quietly as the fields change. */
    public void autosave() {
        pir = pirs.save(id, pir.getVersion(), fields.form(), fields.items());
        savedAt = pir.getUpdatedAt();
        syncIds();
    }

    public void save() {
        pir = pirs.save(id, pir.getVersion(), fields.form(), fields.items());
        savedAt = pir.getUpdatedAt();
        syncIds();
        Forms.info("pir.saved");
    }

    /** New rows got ids when saved: later saves must name them. */
    private void syncIds() {
        ActionItemRow.takeIds(fields.getRows(), pirs.items(pir));
    }

    public void submit() {
        pirs.submit(id, pir.getVersion(), fields.form(), fields.items());
        Forms.info("pir.submittedInfo");
        read();
    }

    public void approve() {
        decide(true);
    }

    public void giveBack() {
        decide(false);
    }

    private void decide(boolean approve) {
        if (approve) {
            pirs.approve(id, pir.getVersion(), comment);
        } else {
            pirs.giveBack(id, pir.getVersion(), comment);
        }
        comment = null;
        Forms.info(approve ? "pir.approved" : "pir.returned");
        read();
    }

    public void move(ActionItemRow row) {
        pirs.move(row.getId(), row.getStatus());
        Forms.info("pir.itemMoved");
        read();
    }

    public void addRow() {
        fields.getRows().add(new ActionItemRow());
    }

    public void removeRow(ActionItemRow row) {
        fields.getRows().remove(row);
        autosave();
    }

    public boolean isEditable() {
        return pir.getState().editable() && (caller.hasRole(Role.RESPONDER) || caller.hasRole(Role.COMPLIANCE_LEAD));
    }

    public boolean isMaySubmit() {
        return pir.getState().editable() && (caller.name().equals(pir.getOwner()) || caller.hasRole(Role.COMPLIANCE_LEAD));
    }

    public boolean isMayDecide() {
        return pir.getState() == Pir.State.SUBMITTED && caller.hasRole(Role.COMPLIANCE_LEAD);
    }

    public boolean isMayMoveItems() {
        return pir.getState() == Pir.State.APPROVED && (caller.hasRole(Role.RESPONDER) || caller.hasRole(Role.COMPLIANCE_LEAD));
    }

    public boolean isOverdue() {
        return pir.getState() != Pir.State.APPROVED && clock.instant().isAfter(pir.getDueAt());
    }

    public ActionItem.Status[] getStatuses() {
        return ActionItem.Status.values();
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Pir getPir() { return pir; }
    public Incident getIncident() { return incident; }
    public List<PirReminder> getReminders() { return reminders; }
    public PirFields getFields() { return fields; }
    public Instant getSavedAt() { return savedAt; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
