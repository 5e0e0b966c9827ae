package com.attest.testing;

import java.util.Locale;

/**
 * The detection pipeline's ARM resources, shaped like the examples of Microsoft's REST specifications (action groups
 * 2023-01-01, security automations 2023-12-01-preview, Logic App workflows and runs 2019-05-01, SecurityInsights
 * automation rules 2023-02-01): a healthy pipeline, and the broken variants an auditor would find.
 */
public final class PipelineFixtures {

    /** How the pipeline stands in the fake. */
    public enum Variant {
        HEALTHY,
        /** ag-security-oncall exists but is disabled. */
        ACTION_GROUP_DISABLED,
        /** The automation routes High alerts to a Logic App that no longer exists. */
        LOGIC_APP_MISSING,
        /** The action group's webhook points at another host, not this portal. */
        WEBHOOK_ELSEWHERE
    }

    public static final String ACTION_GROUP = "ag-security-oncall";
    public static final String AUTOMATION = "route-high-alerts";
    public static final String ROUTE_LOGIC_APP = "logic-defender-route";
    public static final String GONE_LOGIC_APP = "logic-defender-route-old";
    public static final String PLAYBOOK_LOGIC_APP = "logic-sentinel-teams";
    public static final String RULE = "b9e4f0a2-3c1d-4e5f-8a6b-7c8d9e0f1a2b";
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private PipelineFixtures() {
    }

    public static String group(String subscription) {
        return "/subscriptions/" + subscription + "/resourceGroups/rg-soc";
    }

    public static String workflowId(String subscription, String name) {
        return group(subscription) + "/providers/Microsoft.Logic/workflows/" + name;
    }

    public static String actionGroups(String subscription, Variant variant, String intakeUrl) {
        String uri = variant == Variant.WEBHOOK_ELSEWHERE ? "https://old-portal.example.net/api/intake/azure-monitor"
                : intakeUrl;
        return "{\"value\":[{\"id\":\"" + group(subscription) + "/providers/microsoft.insights/actionGroups/"
                + ACTION_GROUP + "\",\"type\":\"Microsoft.Insights/ActionGroups\",\"name\":\"" + ACTION_GROUP
                + "\",\"location\":\"Global\",\"tags\":{},\"properties\":{\"groupShortName\":\"seconcall\","
                + "\"enabled\":" + (variant != Variant.ACTION_GROUP_DISABLED) + ",\"emailReceivers\":[{\"name\":"
                + "\"Security on-call e-mail\",\"emailAddress\":\"security-oncall@contoso.com\","
                + "\"useCommonAlertSchema\":true,\"status\":\"Enabled\"}],\"smsReceivers\":[],\"webhookReceivers\":"
                + "[{\"name\":\"attest-intake\",\"serviceUri\":\"" + uri + "?key=fake-intake-key\","
                + "\"useCommonAlertSchema\":true,\"useAadAuth\":false}],\"itsmReceivers\":[],"
                + "\"azureAppPushReceivers\":[],\"automationRunbookReceivers\":[],\"voiceReceivers\":[],"
                + "\"logicAppReceivers\":[],\"azureFunctionReceivers\":[],\"armRoleReceivers\":[],"
                + "\"eventHubReceivers\":[]}},{\"id\":\"" + group(subscription)
                + "/providers/microsoft.insights/actionGroups/ag-cost-alerts\",\"type\":\"Microsoft.Insights/ActionGroups\","
                + "\"name\":\"ag-cost-alerts\",\"location\":\"Global\",\"properties\":{\"groupShortName\":\"cost\","
                + "\"enabled\":true,\"emailReceivers\":[{\"name\":\"finance\",\"emailAddress\":\"finance@contoso.com\","
                + "\"useCommonAlertSchema\":false,\"status\":\"Enabled\"}],\"webhookReceivers\":[]}}]}";
    }

    public static String automations(String subscription, Variant variant) {
        String target = variant == Variant.LOGIC_APP_MISSING ? GONE_LOGIC_APP : ROUTE_LOGIC_APP;
        return "{\"value\":[{\"id\":\"" + group(subscription) + "/providers/Microsoft.Security/automations/"
                + AUTOMATION + "\",\"name\":\"" + AUTOMATION + "\",\"type\":\"Microsoft.Security/automations\","
                + "\"location\":\"westeurope\",\"etag\":null,\"tags\":{},\"properties\":{\"description\":\"Routes High"
                + " severity Defender for Cloud alerts to the on-call Logic App\",\"isEnabled\":true,\"scopes\":"
                + "[{\"description\":\"The whole subscription\",\"scopePath\":\"/subscriptions/" + subscription
                + "\"}],\"sources\":[{\"eventSource\":\"Alerts\",\"ruleSets\":[{\"rules\":[{\"propertyJPath\":"
                + "\"Severity\",\"propertyType\":\"String\",\"expectedValue\":\"High\",\"operator\":\"Equals\"}]}]}],"
                + "\"actions\":[{\"actionType\":\"LogicApp\",\"logicAppResourceId\":\"" + workflowId(subscription,
                target) + "\",\"uri\":\"https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/"
                + "paths/invoke\"}]}}]}";
    }

    public static String workflows(String subscription) {
        return "{\"value\":[" + workflow(subscription, ROUTE_LOGIC_APP) + "," + workflow(subscription,
                PLAYBOOK_LOGIC_APP) + "]}";
    }

    public static String workflow(String subscription, String name) {
        return "{\"id\":\"" + workflowId(subscription, name) + "\",\"name\":\"" + name + "\",\"type\":"
                + "\"Microsoft.Logic/workflows\",\"location\":\"westeurope\",\"tags\":{},\"properties\":{"
                + "\"provisioningState\":\"Succeeded\",\"createdTime\":\"2026-03-02T09:12:11.2Z\",\"changedTime\":"
                + "\"2026-11-20T15:02:41.7Z\",\"state\":\"Enabled\",\"version\":\"08584537838541562155\","
                + "\"accessEndpoint\":\"https://prod-00.westeurope.logic.azure.com:443/workflows/"
                + name.hashCode() + "\",\"definition\":{\"$schema\":\"https://schema.management.azure.com/providers/"
                + "Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#\",\"contentVersion\":\"1.0.0.0\","
                + "\"triggers\":{\"manual\":{\"type\":\"Request\",\"kind\":\"Http\",\"inputs\":{\"schema\":{}}}},"
                + "\"actions\":{}},\"parameters\":{}}}";
    }

    public static String runs(String subscription, String name, String status) {
        String id = workflowId(subscription, name) + "/runs/08584537839118512345";
        return "{\"value\":[{\"properties\":{\"waitEndTime\":\"2026-12-01T20:16:32.5779407Z\",\"startTime\":"
                + "\"2026-12-01T20:16:32.5779407Z\",\"endTime\":\"2026-12-01T20:16:33.9115618Z\",\"status\":\""
                + status + "\",\"correlation\":{\"clientTrackingId\":\"08584537839118512345\"},\"workflow\":{\"id\":\""
                + workflowId(subscription, name) + "/versions/08584537838541562155\",\"name\":"
                + "\"08584537838541562155\",\"type\":\"Microsoft.Logic/workflows/versions\"},\"trigger\":{\"name\":"
                + "\"manual\",\"startTime\":\"2026-12-01T20:16:32.5779407Z\",\"status\":\"Succeeded\"},"
                + "\"outputs\":{}},\"id\":\"" + id + "\",\"name\":\"08584537839118512345\",\"type\":"
                + "\"Microsoft.Logic/workflows/runs\"}]}";
    }

    public static String automationRules(String sentinelProviderPath, String subscription) {
        return "{\"value\":[{\"id\":\"" + sentinelProviderPath + "/automationRules/" + RULE + "\",\"name\":\"" + RULE
                + "\",\"type\":\"Microsoft.SecurityInsights/automationRules\",\"etag\":"
                + "\"\\\"0300bf09-0000-0000-0000-5c37296e0000\\\"\",\"properties\":{\"displayName\":\"Notify Teams of"
                + " new incidents\",\"order\":1,\"triggeringLogic\":{\"isEnabled\":true,\"triggersOn\":\"Incidents\","
                + "\"triggersWhen\":\"Created\",\"conditions\":[]},\"actions\":[{\"order\":1,\"actionType\":"
                + "\"RunPlaybook\",\"actionConfiguration\":{\"logicAppResourceId\":\"" + workflowId(subscription,
                PLAYBOOK_LOGIC_APP) + "\",\"tenantId\":\"" + TENANT + "\"}}],\"lastModifiedTimeUtc\":"
                + "\"2026-11-20T10:00:00Z\",\"createdTimeUtc\":\"2026-03-02T10:00:00Z\",\"lastModifiedBy\":{"
                + "\"objectId\":\"2046feea-040d-4a46-9e2b-91c2941bfa70\",\"email\":\"lead@contoso.com\","
                + "\"name\":\"Compliance Lead\",\"userPrincipalName\":\"lead@contoso.com\"},\"createdBy\":{"
                + "\"objectId\":\"2046feea-040d-4a46-9e2b-91c2941bfa70\",\"email\":\"lead@contoso.com\","
                + "\"name\":\"Compliance Lead\",\"userPrincipalName\":\"lead@contoso.com\"}}}]}";
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
