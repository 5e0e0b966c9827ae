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
        check(type, values);
        try {
            return type == ActionType.REPAIR_ACTION_GROUP ? groupPlan(values, CallLog.NONE).plan()
                    : automationPlan(values, CallLog.NONE).plan();
        } catch (AzureFailure e) {
            String what = type == ActionType.REPAIR_ACTION_GROUP ? "Action group " + values.get("actionGroup")
                    : "Workflow automation " + values.get("automation") + " or Logic App " + values.get("logicApp");
            throw new InvalidInput(type == ActionType.REPAIR_ACTION_GROUP ? "param.actionGroup" : "param.automation",
                    what + " could not be read, so no repair can be prepared: " + e.getMessage());
        }
    }

    /** Carries out an approved repair; its exchanges go to {@code log}. */
    ActionResult run(ActionRun run, CallLog log) throws AzureFailure {
        Map<String, String> values = run.parameterMap();
        check(run.type(), values);
        return run.type() == ActionType.REPAIR_ACTION_GROUP ? runGroup(run, values, log)
                : runAutomation(run, values, log);
    }

    /** A plan as read now, with what the run needs to carry it out. */
    private record Read(DryRun plan, String id, ArmRest.Answer current, String body, String workflowId,
                        String trigger) {
    }

    private Read groupPlan(Map<String, String> values, CallLog log) throws AzureFailure {
        String id = PipelineRepairs.actionGroupId(values.get("subscription"), values.get("resourceGroup"),
                policy.actionGroup());
        ArmRest.Answer current = api.actionGroup(id, log);
        JsonObject group = current == null ? null : current.json("Reading action group " + policy.actionGroup());
        return new Read(dryRun(id, group), id, current, PipelineRepairs.actionGroup(group, policy.actionGroup(),
                policy.intakeUrl(), policy.receiverName(), policy.secureWebhook()), null, null);
    }

    private ActionResult runGroup(ActionRun run, Map<String, String> values, CallLog log) throws AzureFailure {
        Read read = groupPlan(values, log);
        approved(run, read, "Action group " + policy.actionGroup());
        String body = read.body();
        boolean newKey = PipelineRepairs.needsKey(body);
        String id = read.id();
        ArmRest.Answer written = newKey
                ? keys.withNewKey("Action group " + policy.actionGroup() + " (repair run " + run.getId() + ")",
                ActionRunService.RUNNER.name(), key -> api.putActionGroup(id, PipelineRepairs.withNewKey(body, key),
                        log))
                : api.putActionGroup(id, body, log);
        String summary = "Action group " + policy.actionGroup() + (read.current() == null ? " created" : " written")
                + ": enabled, webhook receiver posting to this portal's intake with the common alert schema"
                + (newKey ? ", carrying a new intake key" : "") + ", other receivers kept.";
        return new ActionResult(false, summary, read.current() == null ? null
                : PipelineRepairs.masked(read.current().text()), PipelineRepairs.masked(written.text()), null, null,
                null, id);
    }

    private Read automationPlan(Map<String, String> values, CallLog log) throws AzureFailure {
        String group = "/subscriptions/" + values.get("subscription") + "/resourceGroups/" + values.get("resourceGroup")
                + "/providers/";
        String id = group + "Microsoft.Security/automations/" + policy.automation();
        String workflowId = group + "Microsoft.Logic/workflows/" + values.get("logicApp");
        ArmRest.Answer current = api.automation(id, log);
        ArmRest.Answer workflowRead = api.workflow(workflowId, log);
        if (workflowRead == null) {
            throw new InvalidInput("param.logicApp", "Logic App: " + values.get("logicApp") + " does not exist in"
                    + " resource group " + values.get("resourceGroup") + "; choose one that does.");
        }
        JsonObject workflow = workflowRead.json("Reading Logic App " + values.get("logicApp"));
        JsonObject p = workflow.getJsonObject("properties");
        String state = p == null ? "NotSpecified" : p.getString("state", "NotSpecified");
        if (!"Enabled".equalsIgnoreCase(state)) {
            throw new InvalidInput("param.logicApp", "Logic App: " + values.get("logicApp") + " is "
                    + state.toLowerCase(java.util.Locale.ROOT) + "; enable it in Azure, or choose another.");
        }
        JsonObject definition = p.get("definition") instanceof JsonObject d ? d : null;
        String trigger = definition != null && definition.get("triggers") instanceof JsonObject t && !t.isEmpty()
                ? t.keySet().iterator().next() : null;
        if (trigger == null) {
            throw new InvalidInput("param.logicApp", "Logic App: " + values.get("logicApp") + " has no trigger"
                    + " Defender for Cloud could call.");
        }
        JsonObject automation = current == null ? null : current.json("Reading workflow automation "
                + policy.automation());
        String body = PipelineRepairs.automation(automation, values.get("subscription"), policy.severities(),
                workflowId, workflow.getString("location", "westeurope"));
        String url = DryRun.ARM + id + "?api-version=" + PipelineApi.AUTOMATIONS_API;
        String callback = DryRun.ARM + workflowId + "/triggers/" + trigger + "/listCallbackUrl?api-version="
                + PipelineApi.LOGIC_API;
        String shown = PipelineRepairs.masked(body);
        List<DryRun.Call> calls = List.of(
                new DryRun.Call("GET", url, automation == null ? "read the workflow automation: it does not exist,"
                        + " so it is created" : "read the workflow automation; the run stops if Azure's copy differs"
                        + " from this dry run"),
                new DryRun.Call("GET", DryRun.ARM + workflowId + "?api-version=" + PipelineApi.LOGIC_API,
                        "the Logic App: it exists, is enabled, and Defender calls its trigger " + trigger),
                new DryRun.Call("POST", callback, "the trigger's callback address, read as the run starts: it carries"
                        + " a signature, so it is never shown or kept"),
                new DryRun.Call("PUT", url, shown));
        List<String> az = List.of("az rest --method post --url " + DryRun.sh(callback),
                "az rest --method put --url " + DryRun.sh(url) + " --body " + DryRun.sh(shown),
                "# " + PipelineRepairs.CALLBACK_SHOWN + ": what the POST above answers (it carries a signature)");
        return new Read(new DryRun(calls, az, null), id, current, body, workflowId, trigger);
    }

    private ActionResult runAutomation(ActionRun run, Map<String, String> values, CallLog log) throws AzureFailure {
        Read read = automationPlan(values, log);
        approved(run, read, "Workflow automation " + policy.automation());
        String callback = api.callbackUrl(read.workflowId(), read.trigger(), log);
        ArmRest.Answer written = api.putAutomation(read.id(), read.body().replace(PipelineRepairs.CALLBACK, callback),
                log);
        String summary = "Workflow automation " + policy.automation() + (read.current() == null ? " created"
                : " written") + ": enabled, routing " + String.join(", ", policy.severities()) + " alerts of the"
                + " whole subscription to Logic App " + values.get("logicApp") + ".";
        return new ActionResult(false, summary, read.current() == null ? null
                : PipelineRepairs.masked(read.current().text()), PipelineRepairs.masked(written.text()), null, null,
                null, read.id());
    }

    /** Refuses, writing nothing, when what Azure has now would need other requests than the ones approved. */
    private static void approved(ActionRun run, Read read, String what) throws AzureFailure {
        if (run.getPlan() == null || !read.plan().calls().equals(DryRun.fromJson(run.getPlan()).calls())) {
            throw new AzureFailure(0, CHANGED, what + " is not as it was when this repair was approved ("
                    + (read.current() == null ? "it does not exist now" : "Azure's copy changed") + "): nothing was"
                    + " written. Ask for the repair again to see and approve the requests it needs now.", null, false,
                    null);
        }
    }

    /** The values checked against the policy: a repair makes what the policy names, where it is configured. */
    private void check(ActionType type, Map<String, String> values) {
        if (!type.repairsPipeline()) {
            throw new IllegalArgumentException(type.code() + " is not a repair of the detection pipeline");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (type == ActionType.REPAIR_ACTION_GROUP) {
            if (policy.intakeUrl() == null) {
                errors.add("param.actionGroup", "This portal's intake address is not configured"
                        + " (attest.detection.intake-url): a repair would not know where the webhook should post.");
            }
            if (values.get("actionGroup") != null && !values.get("actionGroup").equalsIgnoreCase(policy.actionGroup())) {
                errors.add("param.actionGroup", "Action group: the policy names " + policy.actionGroup() + "; a"
                        + " repair makes the policy's action group.");
            }
        } else if (values.get("automation") != null && !values.get("automation").equalsIgnoreCase(policy.automation())) {
            errors.add("param.automation", "Workflow automation: the policy names " + policy.automation() + "; a"
                    + " repair makes the policy's workflow automation.");
        }
        errors.throwIfAny();
    }

    /** The requests, shown masked, and the {@code az} equivalents of writing action group {@code current} repaired. */
    DryRun dryRun(String id, JsonObject current) {
        String name = policy.actionGroup();
        String body = PipelineRepairs.actionGroup(current, name, policy.intakeUrl(), policy.receiverName(),
                policy.secureWebhook());
        String shown = PipelineRepairs.masked(body);
        String url = DryRun.ARM + PipelineRepairs.actionGroupPath(id);
        List<DryRun.Call> calls = new ArrayList<>();
        calls.add(new DryRun.Call("GET", url, current == null ? "read the action group: it does not exist, so it is"
                + " created" : "read the action group; the run stops if Azure's copy differs from this dry run"));
        calls.add(new DryRun.Call("PUT", url, shown));
        List<String> az = new ArrayList<>();
        String[] parts = id.split("/");
        if (current == null && policy.secureWebhook() == null) {
            az.add("az monitor action-group create --name " + DryRun.sh(name) + " --resource-group "
                    + DryRun.sh(parts[4]) + " --subscription " + parts[2] + " --short-name "
                    + DryRun.sh(shortName(body)) + " --action"
                    + " webhook " + DryRun.sh(policy.receiverName()) + " " + DryRun.sh(PipelineRepairs.masked(
                    policy.intakeUrl() + "?key=" + PipelineRepairs.NEW_KEY)) + " usecommonalertschema");
        }
        az.add("az rest --method put --url " + DryRun.sh(url) + " --body " + DryRun.sh(shown));
        if (PipelineRepairs.needsKey(body)) {
            az.add("# " + PipelineRepairs.NEW_KEY_SHOWN + ": a new Azure Monitor intake key, issued as the run starts"
                    + " and sent to Azure only");
        }
        return new DryRun(List.copyOf(calls), List.copyOf(az), null);
    }

    private static String shortName(String body) {
        return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject()
                .getJsonObject("properties").getString("groupShortName");
    }
}
