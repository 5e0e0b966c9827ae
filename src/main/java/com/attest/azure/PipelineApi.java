package com.attest.azure;

import com.attest.platform.InvalidInput;
import com.azure.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * The resources of the detection pipeline as Resource Manager has them, read page by page and kept byte for byte:
 * the subscription's action groups ({@code Microsoft.Insights/actionGroups}, {@value #ACTION_GROUPS_API}), Defender
 * for Cloud workflow automations ({@code Microsoft.Security/automations}, {@value #AUTOMATIONS_API}), Logic App
 * workflows and their latest runs ({@code Microsoft.Logic/workflows}, {@value #LOGIC_API}) and a Sentinel
 * workspace's automation rules ({@code Microsoft.SecurityInsights/automationRules}, {@value #AUTOMATION_RULES_API}).
 * The released monitor library pins an older action-group API and none covers the other three here, so every call
 * goes through the azure-core pipeline of {@link ArmRest} (token, retries, timeout, recording).
 */
@ApplicationScoped
public class PipelineApi {

    public static final String ACTION_GROUPS_API = "2023-01-01";
    public static final String AUTOMATIONS_API = "2023-12-01-preview";
    public static final String LOGIC_API = AzureHistory.LOGIC_API;
    public static final String AUTOMATION_RULES_API = "2023-02-01";
    /** A list longer than this many pages is refused rather than judged by a part. */
    static final int MAX_PAGES = 20;

    @Inject
    AzureClients clients;

    /** For CDI. */
    public PipelineApi() {
    }

    public PipelineApi(AzureClients clients) {
        this.clients = clients;
    }

    /** The configured subscription, or a refusal naming it. */
    public AzureIdentity identity(String subscriptionId) {
        return clients.settings().subscription(subscriptionId).orElseThrow(() -> new InvalidInput("subscription",
                "Subscription " + subscriptionId + " is not among the configured Azure subscriptions."));
    }

    /** Every page of the subscription's action groups. */
    public List<ArmRest.Answer> actionGroups(String subscriptionId, CallLog log) throws AzureFailure {
        return list(subscriptionId, "Microsoft.Insights/actionGroups", ACTION_GROUPS_API,
                "Listing the action groups of subscription " + subscriptionId, log);
    }

    /** Every page of the subscription's Defender for Cloud workflow automations. */
    public List<ArmRest.Answer> automations(String subscriptionId, CallLog log) throws AzureFailure {
        return list(subscriptionId, "Microsoft.Security/automations", AUTOMATIONS_API,
                "Listing the Defender for Cloud workflow automations of subscription " + subscriptionId, log);
    }

    /** Every page of the subscription's Logic App workflows. */
    public List<ArmRest.Answer> workflows(String subscriptionId, CallLog log) throws AzureFailure {
        return list(subscriptionId, "Microsoft.Logic/workflows", LOGIC_API,
                "Listing the Logic App workflows of subscription " + subscriptionId, log);
    }

    /** The latest {@code top} runs of one workflow, newest first (one page). */
    public ArmRest.Answer latestRuns(String workflowId, int top, CallLog log) throws AzureFailure {
        java.util.regex.Matcher id;
        try {
            id = ResourceIds.parse(ResourceIds.WORKFLOW, workflowId, "a Logic App workflow id");
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("resource", e.getMessage());
        }
        AzureIdentity identity = identity(ResourceIds.subscription(id));
        return new ArmRest(clients).send(identity, HttpMethod.GET, id.group(0) + "/runs?api-version=" + LOGIC_API
                + "&$top=" + top, null, null, "Listing the latest runs of Logic App " + id.group(3),
                java.util.Set.of(), log);
    }

    /**
     * Asks Azure to send a test notification through one action group to the receivers in {@code body} (Action
     * Groups {@code createNotifications} at the action-group level, {@value #ACTION_GROUPS_API}); Azure answers 202
     * with the notification's status address in Location.
     */
    public ArmRest.Answer createNotifications(String actionGroupId, String body, CallLog log) throws AzureFailure {
        java.util.regex.Matcher id;
        try {
            id = ResourceIds.parse(ResourceIds.ACTION_GROUP, actionGroupId, "an action group id");
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("resource", e.getMessage());
        }
        AzureIdentity identity = identity(ResourceIds.subscription(id));
        return new ArmRest(clients).send(identity, HttpMethod.POST, id.group(0) + "/createNotifications?api-version="
                + ACTION_GROUPS_API, body, null, "Asking action group " + id.group(3) + " to send a test notification",
                java.util.Set.of(), log);
    }

    /**
     * One action group as Resource Manager has it, or null when it does not exist (404); any other refusal is an
     * {@link AzureFailure} in Azure's words.
     */
    public ArmRest.Answer actionGroup(String actionGroupId, CallLog log) throws AzureFailure {
        java.util.regex.Matcher id = actionGroupId(actionGroupId);
        ArmRest.Answer answer = new ArmRest(clients).send(identity(ResourceIds.subscription(id)), HttpMethod.GET,
                PipelineRepairs.actionGroupPath(id.group(0)), null, null, "Reading action group " + id.group(3),
                java.util.Set.of(404), log);
        return answer.status() == 404 ? null : answer;
    }

    /** Writes one action group whole (create or replace, {@value #ACTION_GROUPS_API}); Azure answers 200 or 201. */
    public ArmRest.Answer putActionGroup(String actionGroupId, String body, CallLog log) throws AzureFailure {
        java.util.regex.Matcher id = actionGroupId(actionGroupId);
        return new ArmRest(clients).send(identity(ResourceIds.subscription(id)), HttpMethod.PUT,
                PipelineRepairs.actionGroupPath(id.group(0)), body, null, "Writing action group " + id.group(3),
                java.util.Set.of(), log);
    }

    /** One Defender for Cloud workflow automation, or null when it does not exist (404). */
    public ArmRest.Answer automation(String automationId, CallLog log) throws AzureFailure {
        java.util.regex.Matcher id = parsed(ResourceIds.AUTOMATION, automationId, "a workflow automation id");
        ArmRest.Answer answer = new ArmRest(clients).send(identity(ResourceIds.subscription(id)), HttpMethod.GET,
                id.group(0) + "?api-version=" + AUTOMATIONS_API, null, null, "Reading workflow automation "
                        + id.group(3), java.util.Set.of(404), log);
        return answer.status() == 404 ? null : answer;
    }

    /** Writes one workflow automation whole (create or replace, {@value #AUTOMATIONS_API}). */
    public ArmRest.Answer putAutomation(String automationId, String body, CallLog log) throws AzureFailure {
        java.util.regex.Matcher id = parsed(ResourceIds.AUTOMATION, automationId, "a workflow automation id");
        return new ArmRest(clients).send(identity(ResourceIds.subscription(id)), HttpMethod.PUT, id.group(0)
                + "?api-version=" + AUTOMATIONS_API, body, null, "Writing workflow automation " + id.group(3),
                java.util.Set.of(), log);
    }

    /** One Logic App workflow, or null when it does not exist (404). */
    public ArmRest.Answer workflow(String workflowId, CallLog log) throws AzureFailure {
        java.util.regex.Matcher id = parsed(ResourceIds.WORKFLOW, workflowId, "a Logic App workflow id");
        ArmRest.Answer answer = new ArmRest(clients).send(identity(ResourceIds.subscription(id)), HttpMethod.GET,
                id.group(0) + "?api-version=" + LOGIC_API, null, null, "Reading Logic App " + id.group(3),
                java.util.Set.of(404), log);
        return answer.status() == 404 ? null : answer;
    }

    /**
     * The callback address of a Logic App's trigger (WorkflowTriggers_ListCallbackUrl), which Defender calls: it
     * carries a signature, so the caller keeps it out of anything shown or stored.
     */
    public String callbackUrl(String workflowId, String trigger, CallLog log) throws AzureFailure {
        java.util.regex.Matcher id = parsed(ResourceIds.WORKFLOW, workflowId, "a Logic App workflow id");
        String doing = "Reading the callback address of Logic App " + id.group(3) + "'s trigger " + trigger;
        ArmRest.Answer answer = new ArmRest(clients).send(identity(ResourceIds.subscription(id)), HttpMethod.POST,
                id.group(0) + "/triggers/" + trigger + "/listCallbackUrl?api-version=" + LOGIC_API, null, null, doing,
                java.util.Set.of(), log);
        String url = answer.json(doing).getString("value", "");
        if (!url.startsWith("https://")) {
            throw new AzureFailure(answer.status(), "NoCallbackUrl", doing + ": Azure answered no https address.",
                    null, false, null);
        }
        return url;
    }

    private static java.util.regex.Matcher parsed(java.util.regex.Pattern pattern, String value, String what) {
        try {
            return ResourceIds.parse(pattern, value, what);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("resource", e.getMessage());
        }
    }

    private static java.util.regex.Matcher actionGroupId(String actionGroupId) {
        try {
            return ResourceIds.parse(ResourceIds.ACTION_GROUP, actionGroupId, "an action group id");
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("resource", e.getMessage());
        }
    }

    /** Every page of a Sentinel workspace's automation rules. */
    public List<ArmRest.Answer> automationRules(SentinelWorkspace workspace, CallLog log) throws AzureFailure {
        return new ArmRest(clients).pages(identity(workspace.subscriptionId()), HttpMethod.GET,
                workspace.providerPath() + "/automationRules?api-version=" + AUTOMATION_RULES_API, null,
                "Listing the automation rules of Sentinel workspace " + workspace.workspace(), MAX_PAGES, log);
    }

    private List<ArmRest.Answer> list(String subscriptionId, String type, String api, String doing, CallLog log)
            throws AzureFailure {
        return new ArmRest(clients).pages(identity(subscriptionId), HttpMethod.GET, "/subscriptions/"
                + subscriptionId.toLowerCase(Locale.ROOT) + "/providers/" + type + "?api-version=" + api, null, doing,
                MAX_PAGES, log);
    }
}
