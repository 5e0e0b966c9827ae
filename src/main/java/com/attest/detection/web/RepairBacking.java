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
 * Asking for a repair of the policy's action group or workflow automation: where it is (subscription, resource group,
 * the automation's Logic App), the exact requests
 * read from Azure now with their {@code az} equivalents, and the request, which another compliance lead approves on
 * the run's page before anything is sent.
 */
@Named
@ViewScoped
public class RepairBacking implements Serializable {


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

    private String typeCode;
    private ActionType type = ActionType.REPAIR_ACTION_GROUP;
    private final Map<String, String> values = new HashMap<>();
    private String reason;
    private DryRun dryRun;

    /** The view action: the values given in the address (from the finding), the policy's name, the dry run. */
    public void load() {
        caller.require("repair the detection pipeline", com.attest.security.Role.COMPLIANCE_LEAD);
        type = ActionType.ofCode(typeCode == null ? "" : typeCode).filter(ActionType::repairsPipeline)
                .orElse(ActionType.REPAIR_ACTION_GROUP);
        values.putIfAbsent("actionGroup", settings.policy().actionGroup());
        values.putIfAbsent("automation", settings.policy().automation());
        if (blank(values.get("subscription")) && detection.subscriptions().size() == 1) {
            values.put("subscription", detection.subscriptions().get(0).subscriptionId());
        }
        if (!blank(values.get("resourceGroup")) && (type == ActionType.REPAIR_ACTION_GROUP
                || !blank(values.get("logicApp")))) {
            preview();
        }
    }

    /** The exact requests, read from Azure now. */
    public void preview() {
        dryRun = null;
        try {
            dryRun = preparation.preview(type, values()).getValue();
        } catch (InvalidInput invalid) {
            show(invalid);
        }
    }

    /** Asks another lead to approve; shows the run's page, where they do. */
    public String ask() {
        try {
            ActionRun run = runs.requestRepair(type.code(), values(), reason);
            Forms.info("detection.repairAsked");
            return "/incidents/run?faces-redirect=true&id=" + run.getId();
        } catch (InvalidInput invalid) {
            show(invalid);
            return null;
        }
    }

    /** The values of the type's parameters only. */
    private Map<String, String> values() {
        Map<String, String> given = new HashMap<>();
        type.params().forEach(p -> given.put(p.name(), values.get(p.name())));
        return given;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
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

    /** A parameter's label, by name. */
    public String label(String name) {
        return type.params().stream().filter(p -> p.name().equals(name)).map(p -> p.label()).findFirst().orElse(name);
    }

    public ActionType getType() { return type; }
    public DryRun getDryRun() { return dryRun; }
    public Map<String, String> getValues() { return values; }
    public String getTypeCode() { return typeCode; }
    public void setTypeCode(String typeCode) { this.typeCode = typeCode; }
    public String getSubscription() { return values.get("subscription"); }
    public void setSubscription(String subscription) { values.put("subscription", subscription); }
    public String getResourceGroup() { return values.get("resourceGroup"); }
    public void setResourceGroup(String resourceGroup) { values.put("resourceGroup", resourceGroup); }
    public String getLogicApp() { return values.get("logicApp"); }
    public void setLogicApp(String logicApp) { values.put("logicApp", logicApp); }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
