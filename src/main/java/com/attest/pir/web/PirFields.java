package com.attest.pir.web;

import com.attest.actionitem.ActionItem;
import com.attest.actionitem.ActionItemRow;
import com.attest.pir.PirForm;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The review's template as its page edits it: the form's fields and the action item rows. */
public class PirFields implements Serializable {

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
    private List<ActionItemRow> rows = new ArrayList<>();

    static PirFields of(PirForm f, List<ActionItem> items) {
        PirFields fields = new PirFields();
        fields.timeline = f.timeline();
        fields.rootCause = f.rootCause();
        fields.systemsAffected = f.systemsAffected();
        fields.dataInvolved = f.dataInvolved();
        fields.customersNotified = f.customersNotified();
        fields.containmentActions = f.containmentActions();
        fields.eradicationActions = f.eradicationActions();
        fields.recoveryActions = f.recoveryActions();
        fields.notificationRequired = f.notificationRequired();
        fields.notificationDate = f.notificationDate();
        fields.notificationMethod = f.notificationMethod();
        fields.rows = ActionItemRow.of(items);
        return fields;
    }

    PirForm form() {
        return new PirForm(timeline, rootCause, systemsAffected, dataInvolved, customersNotified, containmentActions,
                eradicationActions, recoveryActions, notificationRequired, notificationDate, notificationMethod);
    }

    List<ActionItem.Item> items() {
        return rows.stream().map(ActionItemRow::item).toList();
    }

    public List<ActionItemRow> getRows() { return rows; }
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
}
