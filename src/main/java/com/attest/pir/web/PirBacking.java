package com.attest.pir.web;

import com.attest.actionitem.ActionItem;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.pir.Pir;
import com.attest.pir.PirForm;
import com.attest.pir.PirReminder;
import com.attest.pir.PirReminderService;
import com.attest.pir.PirService;
import com.attest.platform.InvalidInput;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One post-incident review on the seed's template: the owner writes it (drafts save as the fields change),
 * submits it; the compliance lead approves it or returns it with comments; afterwards its action items move on.
 */
@Named
@ViewScoped
public class PirBacking implements Serializable {

    /** An action item row as the form edits it. */
    public static final class Row implements Serializable {
        private Long id;
        private String description;
        private String owner;
        private LocalDate dueOn;
        private ActionItem.Status status = ActionItem.Status.OPEN;

        public Long getId() { return id; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getOwner() { return owner; }
        public void setOwner(String owner) { this.owner = owner; }
        public LocalDate getDueOn() { return dueOn; }
        public void setDueOn(LocalDate dueOn) { this.dueOn = dueOn; }
        public ActionItem.Status getStatus() { return status; }
        public void setStatus(ActionItem.Status status) { this.status = status; }
    }

    @Inject
    private PirService pirs;

    @Inject
    private PirReminderService reminderService;

    @Inject
    private IncidentService incidents;

    @Inject
    private Caller caller;

    @Inject
    private java.time.Clock clock;

    private Long id;
    private Pir pir;
    private Incident incident;
    private List<PirReminder> reminders;

    private String timeline;
    private String rootCause;
    private String systemsAffected;
    private String dataInvolved;
    private boolean customersNotified;
    private String containmentActions;
    private String eradicationActions;
    private String recoveryActions;
    private boolean notificationRequired;
    private LocalDate notificationDate;
    private String notificationMethod;
    private List<Row> rows = new ArrayList<>();
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
        PirForm f = pir.form();
        timeline = f.timeline();
        rootCause = f.rootCause();
        systemsAffected = f.systemsAffected();
        dataInvolved = f.dataInvolved();
        customersNotified = f.customersNotified();
        containmentActions = f.containmentActions();
        eradicationActions = f.eradicationActions();
        recoveryActions = f.recoveryActions();
        notificationRequired = f.notificationRequired();
        notificationDate = f.notificationDate();
        notificationMethod = f.notificationMethod();
        rows = new ArrayList<>();
        for (ActionItem item : pirs.items(pir)) {
            Row row = new Row();
            row.id = item.getId();
            row.description = item.getDescription();
            row.owner = item.getOwner();
            row.dueOn = item.getDueOn();
            row.status = item.getStatus();
            rows.add(row);
        }
    }

    private PirForm form() {
        return new PirForm(timeline, rootCause, systemsAffected, dataInvolved, customersNotified, containmentActions,
                eradicationActions, recoveryActions, notificationRequired, notificationDate, notificationMethod);
    }

    private List<ActionItem.Item> items() {
        return rows.stream().map(r -> new ActionItem.Item(r.id, r.description, r.owner, r.dueOn, r.status)).toList();
    }

    /** Saves the draft quietly as the fields change. */
    public void autosave() {
        try {
            pir = pirs.save(id, pir.getVersion(), form(), items());
            savedAt = pir.getUpdatedAt();
            syncIds();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "pirForm");
        }
    }

    public void save() {
        try {
            pir = pirs.save(id, pir.getVersion(), form(), items());
            savedAt = pir.getUpdatedAt();
            syncIds();
            Forms.info("pir.saved");
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "pirForm");
        }
    }

    /** New rows got ids when saved (empty rows are not kept): later saves must name them, or they would be added twice. */
    private void syncIds() {
        List<ActionItem> saved = pirs.items(pir);
        int j = 0;
        for (Row r : rows) {
            boolean empty = (r.description == null || r.description.isBlank())
                    && (r.owner == null || r.owner.isBlank()) && r.dueOn == null;
            if (!empty && j < saved.size()) {
                r.id = saved.get(j++).getId();
            }
        }
    }

    public void submit() {
        try {
            pirs.submit(id, pir.getVersion(), form(), items());
            Forms.info("pir.submittedInfo");
            read();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "pirForm");
        }
    }

    public void approve() {
        decide(true);
    }

    public void giveBack() {
        decide(false);
    }

    private void decide(boolean approve) {
        try {
            if (approve) {
                pirs.approve(id, pir.getVersion(), comment);
            } else {
                pirs.giveBack(id, pir.getVersion(), comment);
            }
            comment = null;
            Forms.info(approve ? "pir.approved" : "pir.returned");
            read();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "decisionForm");
        }
    }

    public void move(Row row) {
        try {
            pirs.move(row.id, row.status);
            Forms.info("pir.itemMoved");
            read();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "itemsForm");
        }
    }

    public void addRow() {
        rows.add(new Row());
    }

    public void removeRow(Row row) {
        rows.remove(row);
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
    public List<Row> getRows() { return rows; }
    public Instant getSavedAt() { return savedAt; }
    public String getTimeline() { return timeline; }
    public void setTimeline(String timeline) { this.timeline = timeline; }
    public String getRootCause() { return rootCause; }
    public void setRootCause(String rootCause) { this.rootCause = rootCause; }
    public String getSystemsAffected() { return systemsAffected; }
    public void setSystemsAffected(String systemsAffected) { this.systemsAffected = systemsAffected; }
    public String getDataInvolved() { return dataInvolved; }
    public void setDataInvolved(String dataInvolved) { this.dataInvolved = dataInvolved; }
    public boolean isCustomersNotified() { return customersNotified; }
    public void setCustomersNotified(boolean customersNotified) { this.customersNotified = customersNotified; }
    public String getContainmentActions() { return containmentActions; }
    public void setContainmentActions(String containmentActions) { this.containmentActions = containmentActions; }
    public String getEradicationActions() { return eradicationActions; }
    public void setEradicationActions(String eradicationActions) { this.eradicationActions = eradicationActions; }
    public String getRecoveryActions() { return recoveryActions; }
    public void setRecoveryActions(String recoveryActions) { this.recoveryActions = recoveryActions; }
    public boolean isNotificationRequired() { return notificationRequired; }
    public void setNotificationRequired(boolean notificationRequired) { this.notificationRequired = notificationRequired; }
    public LocalDate getNotificationDate() { return notificationDate; }
    public void setNotificationDate(LocalDate notificationDate) { this.notificationDate = notificationDate; }
    public String getNotificationMethod() { return notificationMethod; }
    public void setNotificationMethod(String notificationMethod) { this.notificationMethod = notificationMethod; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
