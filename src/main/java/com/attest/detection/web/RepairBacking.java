package com.attest.detection.web;

import com.attest.action.ActionPreparation;
import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.action.ActionType;
import com.attest.action.DryRun;
import com.attest.azure.AzureIdentity;
import com.attest.detection.DetectionPipelineService;
import com.attest.detection.DetectionSettings;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asking for a repair of the policy's action group: where it is (subscription, resource group), the exact requests
 * read from Azure now with their {@code az} equivalents, and the request, which another compliance lead approves on
 * the run's page before anything is sent.
 */
@Named
@ViewScoped
public class RepairBacking implements Serializable {

    private static final ActionType TYPE = ActionType.REPAIR_ACTION_GROUP;

    @Inject
    private ActionRunService runs;

    @Inject
    private ActionPreparation preparation;

    @Inject
    private DetectionPipelineService detection;

    @Inject
    private DetectionSettings settings;

    @Inject
    private com.attest.security.Caller caller;

    private String subscription;
    private String resourceGroup;
    private String actionGroup;
    private String reason;
    private DryRun dryRun;

    /** The view action: the values given in the address (from the finding), the policy's name, the dry run. */
    public void load() {
        caller.require("repair the detection pipeline", com.attest.security.Role.COMPLIANCE_LEAD);
        if (actionGroup == null || actionGroup.isBlank()) {
            actionGroup = settings.policy().actionGroup();
        }
        if ((subscription == null || subscription.isBlank()) && detection.subscriptions().size() == 1) {
            subscription = detection.subscriptions().get(0).subscriptionId();
        }
        if (resourceGroup != null && !resourceGroup.isBlank()) {
            preview();
        }
    }

    /** The exact requests, read from Azure now. */
    public void preview() {
        dryRun = null;
        try {
            dryRun = preparation.preview(TYPE, values()).getValue();
        } catch (InvalidInput invalid) {
            show(invalid);
        }
    }

    /** Asks another lead to approve; shows the run's page, where they do. */
    public String ask() {
        try {
            ActionRun run = runs.requestRepair(TYPE.code(), values(), reason);
            Forms.info("detection.repairAsked");
            return "/incidents/run?faces-redirect=true&id=" + run.getId();
        } catch (InvalidInput invalid) {
            show(invalid);
            return null;
        }
    }

    private Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        values.put("subscription", subscription);
        values.put("resourceGroup", resourceGroup);
        values.put("actionGroup", actionGroup);
        return values;
    }

    /** A parameter's error goes beside its field ({@code param.resourceGroup} beside {@code resourceGroup}). */
    private static void show(InvalidInput invalid) {
        Forms.show(new InvalidInput(invalid.errors().stream().map(e -> e.field().startsWith("param.")
                ? new InvalidInput.FieldError(e.field().substring(6), e.message()) : e).toList()), "repairForm");
    }

    public String pretty(String json) {
        return com.attest.platform.web.PrettyJson.of(json);
    }

    public List<AzureIdentity> getSubscriptions() {
        return detection.subscriptions();
    }

    public ActionType getType() { return TYPE; }
    public DryRun getDryRun() { return dryRun; }
    public String getSubscription() { return subscription; }
    public void setSubscription(String subscription) { this.subscription = subscription; }
    public String getResourceGroup() { return resourceGroup; }
    public void setResourceGroup(String resourceGroup) { this.resourceGroup = resourceGroup; }
    public String getActionGroup() { return actionGroup; }
    public void setActionGroup(String actionGroup) { this.actionGroup = actionGroup; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
