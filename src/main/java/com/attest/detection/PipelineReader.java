package com.attest.detection;

import com.attest.azure.ArmRest;
import com.attest.azure.AzureFailure;
import com.attest.azure.AzureSettings;
import com.attest.azure.CallLog;
import com.attest.azure.PipelineApi;
import com.attest.azure.PipelineRepairs;
import com.attest.azure.SentinelWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one subscription's pipeline from Resource Manager, outside any transaction: the three lists, the
 * automation rules of each Sentinel workspace in the subscription, then the latest runs of the workflows the
 * pipeline uses. A list Azure refuses is kept as its refusal in Azure's words; every answer is kept verbatim but for
 * the secrets an address may carry (an intake key in a webhook's address, a Logic App callback's signature), which
 * are masked: evidence auditors download never holds a live credential.
 */
@ApplicationScoped
public class PipelineReader {

    /** What was read, and every answer as Azure sent it (method, URL, status, request id, body as text). */
    public record Result(PipelineRead read, JsonArray answers) {
    }

    @Inject
    private PipelineApi api;

    @Inject
    private AzureSettings settings;

    public Result read(String subscriptionId, String label, Policy policy) {
        JsonArrayBuilder answers = Json.createArrayBuilder();
        Listing groups = listing("actionGroups", answers, () -> api.actionGroups(subscriptionId, CallLog.NONE));
        Listing automations = listing("automations", answers, () -> api.automations(subscriptionId, CallLog.NONE));
        Listing workflows = listing("workflows", answers, () -> api.workflows(subscriptionId, CallLog.NONE));
        Map<String, Listing> rules = new LinkedHashMap<>();
        for (SentinelWorkspace workspace : settings.sentinelWorkspaces()) {
            if (workspace.subscriptionId().equalsIgnoreCase(subscriptionId)) {
                rules.put(workspace.workspace(), listing("automationRules", answers,
                        () -> api.automationRules(workspace, CallLog.NONE)));
            }
        }
        PipelineRead partial = new PipelineRead(subscriptionId, label, groups, automations, workflows, Map.of(), rules);
        Map<String, Listing> runs = new LinkedHashMap<>();
        for (String workflow : PipelineRules.playbooksUsed(partial, policy)) {
            String id = workflows.items().stream().map(w -> w.getString("id", ""))
                    .filter(w -> w.toLowerCase(Locale.ROOT).equals(workflow)).findFirst().orElse(workflow);
            runs.put(workflow, listing("runs", answers,
                    () -> List.of(api.latestRuns(id, PipelineRules.RUNS, CallLog.NONE))));
        }
        return new Result(new PipelineRead(subscriptionId, label, groups, automations, workflows, runs, rules),
                answers.build());
    }

    @FunctionalInterface
    private interface Pages {
        List<ArmRest.Answer> get() throws AzureFailure;
    }

    private static Listing listing(String what, JsonArrayBuilder answers, Pages pages) {
        try {
            List<JsonObject> items = new ArrayList<>();
            for (ArmRest.Answer page : pages.get()) {
                answers.add(answer(what, page));
                JsonValue value = page.json(what).get("value");
                if (value instanceof JsonArray array) {
                    array.stream().filter(v -> v instanceof JsonObject).forEach(v -> items.add((JsonObject) v));
                }
            }
            return Listing.of(items);
        } catch (AzureFailure e) {
            answers.add(Json.createObjectBuilder().add("what", what).add("status", e.status())
                    .add("error", String.valueOf(e.getMessage())));
            return Listing.failed(e.getMessage());
        } catch (RuntimeException e) {
            // no client could be built (credentials, configuration): nobody can say the pipeline works
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            answers.add(Json.createObjectBuilder().add("what", what).add("status", 0).add("error", why));
            return Listing.failed(why);
        }
    }

    private static JsonObject answer(String what, ArmRest.Answer page) {
        return Json.createObjectBuilder().add("what", what).add("method", page.method()).add("url", page.url())
                .add("status", page.status())
                .add("requestId", page.requestId() == null ? JsonValue.NULL : Json.createValue(page.requestId()))
                .add("body", PipelineRepairs.masked(page.text())).build();
    }
}
