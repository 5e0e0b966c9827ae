package com.attest.action;

import com.attest.azure.ActionResult;
import com.attest.azure.ArmRest;
import com.attest.azure.AzureFailure;
import com.attest.azure.CallLog;
import com.attest.azure.PipelineApi;
import com.attest.azure.PipelineRepairs;
import com.attest.platform.InvalidInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Repairs of the detection pipeline, planned and carried out through the one Azure client layer: the plan reads the
 * resource as Azure has it and shows the exact requests (intake key masked) with their {@code az} equivalents; the
 * run reads it again and sends exactly what was approved, or nothing when Azure's copy changed meanwhile.
 */
@ApplicationScoped
public class PipelineRepair {

    /** The code of a run that found the resource changed since its plan was approved. */
    static final String CHANGED = "ChangedSinceApproval";

    @Inject
    private PipelineApi api;

    @Inject
    private RepairPolicy policy;

    @Inject
    private RepairKeys keys;

    /** For CDI. */
    public PipelineRepair() {
    }

    /** For a plan built without Azure (its requests from a resource already read). */
    PipelineRepair(RepairPolicy policy) {
        this.policy = policy;
    }

    /** The dry run of a repair with checked {@code values}, read from Azure now; refuses, naming the field. */
    public DryRun plan(ActionType type, Map<String, String> values) {
        String id = target(type, values);
        ArmRest.Answer current;
        try {
            current = api.actionGroup(id, CallLog.NONE);
            return dryRun(id, current == null ? null : current.json("Reading action group"));
        } catch (AzureFailure e) {
            throw new InvalidInput("param.actionGroup", "Action group " + values.get("actionGroup")
                    + " could not be read, so no repair can be prepared: " + e.getMessage());
        }
    }

    /** Carries out an approved repair; its exchanges go to {@code log}. */
    ActionResult run(ActionRun run, CallLog log) throws AzureFailure {
        Map<String, String> values = run.parameterMap();
        String id = target(run.type(), values);
        String name = values.get("actionGroup");
        ArmRest.Answer read = api.actionGroup(id, log);
        JsonObject current = read == null ? null : read.json("Reading action group " + name);
        DryRun now = dryRun(id, current);
        if (run.getPlan() == null || !now.calls().equals(DryRun.fromJson(run.getPlan()).calls())) {
            throw new AzureFailure(0, CHANGED, "Action group " + name + " is not as it was when this repair was"
                    + " approved (" + (current == null ? "it no longer exists" : "Azure's copy changed") + "):"
                    + " nothing was written. Ask for the repair again to see and approve the requests it needs now.",
                    null, false, null);
        }
        String body = PipelineRepairs.actionGroup(current, name, policy.intakeUrl(), policy.receiverName());
        boolean newKey = PipelineRepairs.needsKey(body);
        ArmRest.Answer written = newKey
                ? keys.withNewKey("Action group " + name + " (repair run " + run.getId() + ")",
                ActionRunService.RUNNER.name(), key -> api.putActionGroup(id, PipelineRepairs.withNewKey(body, key),
                        log))
                : api.putActionGroup(id, body, log);
        String summary = "Action group " + name + (current == null ? " created" : " written") + ": enabled, webhook "
                + "receiver posting to this portal's intake with the common alert schema"
                + (newKey ? ", carrying a new intake key" : "") + ", other receivers kept.";
        return new ActionResult(false, summary, read == null ? null : PipelineRepairs.masked(read.text()),
                PipelineRepairs.masked(written.text()), null, null, null, id);
    }

    /** The resource a repair writes, its values checked against the policy. */
    private String target(ActionType type, Map<String, String> values) {
        if (type != ActionType.REPAIR_ACTION_GROUP) {
            throw new IllegalArgumentException(type.code() + " is not a repair of the detection pipeline");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (policy.intakeUrl() == null) {
            errors.add("param.actionGroup", "This portal's intake address is not configured"
                    + " (attest.detection.intake-url): a repair would not know where the webhook should post.");
        }
        if (values.get("actionGroup") != null && !values.get("actionGroup").equalsIgnoreCase(policy.actionGroup())) {
            errors.add("param.actionGroup", "Action group: the policy names " + policy.actionGroup() + "; a repair"
                    + " makes the policy's action group.");
        }
        errors.throwIfAny();
        return PipelineRepairs.actionGroupId(values.get("subscription"), values.get("resourceGroup"),
                policy.actionGroup());
    }

    /** The requests, shown masked, and the {@code az} equivalents of writing {@code current} repaired. */
    DryRun dryRun(String id, JsonObject current) {
        String name = policy.actionGroup();
        String body = PipelineRepairs.actionGroup(current, name, policy.intakeUrl(), policy.receiverName());
        String shown = PipelineRepairs.masked(body);
        String url = DryRun.ARM + PipelineRepairs.actionGroupPath(id);
        List<DryRun.Call> calls = new ArrayList<>();
        calls.add(new DryRun.Call("GET", url, current == null ? "read the action group: it does not exist, so it is"
                + " created" : "read the action group; the run stops if Azure's copy differs from this dry run"));
        calls.add(new DryRun.Call("PUT", url, shown));
        List<String> az = new ArrayList<>();
        String[] parts = id.split("/");
        if (current == null) {
            az.add("az monitor action-group create --name " + DryRun.sh(name) + " --resource-group "
                    + DryRun.sh(parts[4]) + " --subscription " + parts[2] + " --short-name "
                    + DryRun.sh(shortName(body)) + " --action"
                    + " webhook " + DryRun.sh(policy.receiverName()) + " " + DryRun.sh(PipelineRepairs.masked(
                    policy.intakeUrl() + "?key=" + PipelineRepairs.NEW_KEY)) + " usecommonalertschema");
        }
        az.add("az rest --method put --url " + DryRun.sh(url) + " --body " + DryRun.sh(shown));
        if (PipelineRepairs.needsKey(body)) {
            az.add("# " + PipelineRepairs.MASK + " in the webhook's address: a new Azure Monitor intake key, issued"
                    + " as the run starts and sent to Azure only");
        }
        return new DryRun(List.copyOf(calls), List.copyOf(az), null);
    }

    private static String shortName(String body) {
        return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject()
                .getJsonObject("properties").getString("groupShortName");
    }
}
