package com.attest.detection;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The judgement of a detection pipeline, as Resource Manager returned it, against the policy. Pure: one sentence per
 * part, in the words a compliance lead reads in an audit ("Action group ag-security-oncall is disabled."). A list
 * that could not be read is "could not be read" for every part it would have shown, never a pass.
 */
public final class PipelineRules {

    private static final String ROUTED = "The automation routes ";

    /** How many of a workflow's latest runs are read. */
    public static final int RUNS = 5;

    private PipelineRules() {
    }

    /** The findings of one subscription, in the order of the diagram: action group, automation, playbooks, rules. */
    public static List<Finding> evaluate(PipelineRead read, Policy policy) {
        List<Finding> findings = new ArrayList<>();
        findings.add(actionGroup(read, policy));
        findings.addAll(automation(read, policy));
        findings.addAll(automationRules(read));
        return findings;
    }

    /** Whether a finding judges the Logic App the Defender workflow automation routes to (not a Sentinel playbook). */
    public static boolean routedByAutomation(Finding finding) {
        return finding.part() == Part.PLAYBOOK && finding.sentence().startsWith(ROUTED);
    }

    /** The worst verdict of the findings. */
    public static Verdict overall(List<Finding> findings) {
        return findings.stream().map(Finding::verdict).reduce(Verdict.PASS, Verdict::worse);
    }

    /**
     * The workflows whose runs are worth reading: the Logic App the policy's automation routes to and the playbooks
     * Sentinel automation rules run, where the workflow exists (lower-case ids).
     */
    public static Set<String> playbooksUsed(PipelineRead read, Policy policy) {
        Set<String> used = new LinkedHashSet<>();
        named(read.automations(), policy.automation()).ifPresent(a -> logicApps(a).forEach(id -> used.add(lower(id))));
        for (Listing rules : read.automationRules().values()) {
            for (JsonObject rule : rules.items()) {
                playbooksOf(rule).forEach(id -> used.add(lower(id)));
            }
        }
        Set<String> existing = read.workflows().items().stream().map(w -> lower(w.getString("id", "")))
                .collect(Collectors.toSet());
        used.retainAll(existing);
        return used;
    }

    static Finding actionGroup(PipelineRead read, Policy policy) {
        String name = policy.actionGroup();
        if (!read.actionGroups().readable()) {
            return new Finding(Part.ACTION_GROUP, null, Verdict.UNREADABLE, "Action group " + name
                    + " could not be read: " + read.actionGroups().failure());
        }
        Optional<JsonObject> found = named(read.actionGroups(), name);
        if (found.isEmpty()) {
            return new Finding(Part.ACTION_GROUP, null, Verdict.FAIL, "Action group " + name + " does not exist in"
                    + " subscription " + read.subscriptionLabel() + ": nobody is notified of alerts.");
        }
        JsonObject group = found.get();
        String id = group.getString("id", null);
        JsonObject p = properties(group);
        if (!p.getBoolean("enabled", true)) {
            return new Finding(Part.ACTION_GROUP, id, Verdict.FAIL, "Action group " + name + " is disabled.");
        }
        List<JsonObject> webhooks = objects(p, "webhookReceivers");
        List<JsonObject> toPortal = webhooks.stream().filter(w -> policy.isIntake(w.getString("serviceUri", "")))
                .toList();
        if (toPortal.isEmpty()) {
            String elsewhere = webhooks.stream().map(w -> w.getString("name", "?") + " → " + host(w.getString(
                    "serviceUri", ""))).collect(Collectors.joining(", "));
            return new Finding(Part.ACTION_GROUP, id, Verdict.FAIL, "Action group " + name
                    + (webhooks.isEmpty() ? " has no webhook receiver: alerts never reach this portal."
                    : " posts elsewhere (" + elsewhere + "), not to this portal's intake."));
        }
        JsonObject receiver = toPortal.get(0);
        if (!receiver.getBoolean("useCommonAlertSchema", false)) {
            return new Finding(Part.ACTION_GROUP, id, Verdict.FAIL, "Action group " + name + "'s webhook "
                    + receiver.getString("name", "?") + " does not use the common alert schema, which the portal's"
                    + " intake reads.");
        }
        int receivers = count(p);
        if (receivers == 1) {
            return new Finding(Part.ACTION_GROUP, id, Verdict.WARN, "Action group " + name + " posts to this"
                    + " portal but notifies nobody else: add the security on-call's e-mail or SMS.");
        }
        return new Finding(Part.ACTION_GROUP, id, Verdict.PASS, "Action group " + name + " is enabled, posts to this"
                + " portal with the common alert schema (webhook " + receiver.getString("name", "?") + ") and has "
                + receivers + " receivers.");
    }

    static List<Finding> automation(PipelineRead read, Policy policy) {
        String name = policy.automation();
        if (!read.automations().readable()) {
            return List.of(new Finding(Part.AUTOMATION, null, Verdict.UNREADABLE, "Workflow automation " + name
                    + " could not be read: " + read.automations().failure()));
        }
        Optional<JsonObject> found = named(read.automations(), name);
        if (found.isEmpty()) {
            return List.of(new Finding(Part.AUTOMATION, null, Verdict.FAIL, "Defender for Cloud has no workflow"
                    + " automation " + name + ": High alerts are routed nowhere."));
        }
        JsonObject automation = found.get();
        String id = automation.getString("id", null);
        JsonObject p = properties(automation);
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        if (!p.getBoolean("isEnabled", false)) {
            return List.of(new Finding(Part.AUTOMATION, id, Verdict.FAIL, "Workflow automation " + name
                    + " is disabled."));
        }
        List<String> scopes = objects(p, "scopes").stream().map(s -> s.getString("scopePath", "")).toList();
        String subscriptionScope = "/subscriptions/" + read.subscriptionId();
        if (scopes.isEmpty()) {
            return List.of(new Finding(Part.AUTOMATION, id, Verdict.FAIL, "Workflow automation " + name
                    + " has no scope: it watches nothing."));
        }
        if (scopes.stream().noneMatch(s -> lower(s).equals(lower(subscriptionScope)))) {
            verdict = Verdict.WARN;
            problems.add("it watches only " + String.join(", ", scopes) + ", not the whole subscription");
        }
        List<String> routed = routedSeverities(p);
        List<String> missing = policy.severities().stream().filter(s -> routed.stream().noneMatch(s::equalsIgnoreCase))
                .toList();
        if (!missing.isEmpty()) {
            return List.of(new Finding(Part.AUTOMATION, id, Verdict.FAIL, "Workflow automation " + name
                    + " does not route " + String.join(" or ", missing) + " alerts"
                    + (routed.isEmpty() ? "." : " (it routes " + String.join(", ", routed) + ").")));
        }
        List<String> targets = logicApps(automation);
        if (targets.isEmpty()) {
            return List.of(new Finding(Part.AUTOMATION, id, Verdict.FAIL, "Workflow automation " + name
                    + " runs no Logic App."));
        }
        findings.add(new Finding(Part.AUTOMATION, id, verdict, "Workflow automation " + name + " routes "
                + String.join(", ", policy.severities()) + " alerts to " + targets.stream().map(PipelineRules::nameOf)
                .collect(Collectors.joining(", ")) + (problems.isEmpty() ? "." : ", but " + String.join("; ",
                problems) + ".")));
        for (String target : targets) {
            findings.add(playbook(read, target, ROUTED + String.join(", ", policy.severities()) + " alerts to"));
        }
        return findings;
    }

    static List<Finding> automationRules(PipelineRead read) {
        List<Finding> findings = new ArrayList<>();
        for (var entry : read.automationRules().entrySet()) {
            String workspace = entry.getKey();
            Listing rules = entry.getValue();
            if (!rules.readable()) {
                findings.add(new Finding(Part.AUTOMATION_RULE, null, Verdict.UNREADABLE, "The Sentinel automation"
                        + " rules of workspace " + workspace + " could not be read: " + rules.failure()));
                continue;
            }
            List<JsonObject> running = rules.items().stream().filter(r -> !playbooksOf(r).isEmpty()).toList();
            if (running.isEmpty()) {
                findings.add(new Finding(Part.AUTOMATION_RULE, null, Verdict.FAIL, "No Sentinel automation rule of"
                        + " workspace " + workspace + " runs a playbook: incidents notify nobody."));
                continue;
            }
            for (JsonObject rule : running) {
                JsonObject p = properties(rule);
                String name = p.getString("displayName", rule.getString("name", "?"));
                JsonObject logic = p.getJsonObject("triggeringLogic");
                boolean enabled = logic != null && logic.getBoolean("isEnabled", false);
                String when = logic == null ? "" : logic.getString("triggersOn", "") + " "
                        + logic.getString("triggersWhen", "").toLowerCase(Locale.ROOT);
                List<String> playbooks = playbooksOf(rule);
                findings.add(new Finding(Part.AUTOMATION_RULE, rule.getString("id", null),
                        enabled ? Verdict.PASS : Verdict.FAIL, enabled ? "Sentinel automation rule " + name
                        + " runs " + playbooks.stream().map(PipelineRules::nameOf).collect(Collectors.joining(", "))
                        + " on " + when.strip().toLowerCase(Locale.ROOT) + "." : "Sentinel automation rule " + name
                        + " is disabled."));
                if (enabled) {
                    for (String playbook : playbooks) {
                        findings.add(playbook(read, playbook, "Sentinel automation rule " + name + " runs"));
                    }
                }
            }
        }
        return findings;
    }

    /** A Logic App the pipeline uses: it exists, is enabled, and its latest run did not fail. */
    static Finding playbook(PipelineRead read, String workflowId, String usedBy) {
        String name = nameOf(workflowId);
        if (!read.workflows().readable()) {
            return new Finding(Part.PLAYBOOK, workflowId, Verdict.UNREADABLE, "Logic App " + name
                    + " could not be read: " + read.workflows().failure());
        }
        Optional<JsonObject> found = read.workflows().items().stream()
                .filter(w -> lower(w.getString("id", "")).equals(lower(workflowId))).findFirst();
        if (found.isEmpty()) {
            return new Finding(Part.PLAYBOOK, workflowId, Verdict.FAIL, usedBy + " a Logic App that no longer"
                    + " exists (" + name + ").");
        }
        String state = properties(found.get()).getString("state", "NotSpecified");
        if (!"Enabled".equalsIgnoreCase(state)) {
            return new Finding(Part.PLAYBOOK, workflowId, Verdict.FAIL, usedBy + " Logic App " + name + ", which is "
                    + state.toLowerCase(Locale.ROOT) + ".");
        }
        Listing runs = read.runs().get(lower(workflowId));
        if (runs == null || !runs.readable()) {
            return new Finding(Part.PLAYBOOK, workflowId, Verdict.UNREADABLE, "The latest runs of Logic App " + name
                    + " could not be read" + (runs == null ? "." : ": " + runs.failure()));
        }
        if (runs.items().isEmpty()) {
            return new Finding(Part.PLAYBOOK, workflowId, Verdict.WARN, "Logic App " + name + " is enabled but has"
                    + " never run: nothing shows it delivers.");
        }
        JsonObject last = properties(runs.items().get(0));
        String status = last.getString("status", "Unknown");
        String started = last.getString("startTime", "?");
        if ("Failed".equalsIgnoreCase(status) || "TimedOut".equalsIgnoreCase(status)) {
            return new Finding(Part.PLAYBOOK, workflowId, Verdict.FAIL, "Logic App " + name + "'s latest run ("
                    + started + ") " + ("Failed".equalsIgnoreCase(status) ? "failed." : "timed out."));
        }
        long failed = runs.items().stream().map(r -> properties(r).getString("status", ""))
                .filter("Failed"::equalsIgnoreCase).count();
        if (failed > 0) {
            return new Finding(Part.PLAYBOOK, workflowId, Verdict.WARN, "Logic App " + name + " is enabled; "
                    + failed + " of its latest " + runs.items().size() + " runs failed.");
        }
        return new Finding(Part.PLAYBOOK, workflowId, Verdict.PASS, "Logic App " + name + " is enabled; its latest"
                + " run (" + started + ") " + status.toLowerCase(Locale.ROOT) + ".");
    }

    /** The severities an automation's alert rule sets accept (Severity Equals X). */
    static List<String> routedSeverities(JsonObject p) {
        List<String> severities = new ArrayList<>();
        for (JsonObject source : objects(p, "sources")) {
            if (!"Alerts".equalsIgnoreCase(source.getString("eventSource", ""))) {
                continue;
            }
            List<JsonObject> ruleSets = objects(source, "ruleSets");
            if (ruleSets.isEmpty()) {
                return List.of("High", "Medium", "Low", "Informational"); // no rule: every alert
            }
            for (JsonObject ruleSet : ruleSets) {
                for (JsonObject rule : objects(ruleSet, "rules")) {
                    String path = lower(rule.getString("propertyJPath", ""));
                    if ((path.equals("severity") || path.endsWith(".severity"))
                            && "Equals".equalsIgnoreCase(rule.getString("operator", ""))) {
                        severities.add(rule.getString("expectedValue", ""));
                    }
                }
            }
        }
        return severities;
    }

    static List<String> logicApps(JsonObject automation) {
        return objects(properties(automation), "actions").stream()
                .filter(a -> "LogicApp".equalsIgnoreCase(a.getString("actionType", "")))
                .map(a -> a.getString("logicAppResourceId", "")).filter(s -> !s.isBlank()).toList();
    }

    static List<String> playbooksOf(JsonObject rule) {
        return objects(properties(rule), "actions").stream()
                .filter(a -> "RunPlaybook".equalsIgnoreCase(a.getString("actionType", "")))
                .map(a -> a.getJsonObject("actionConfiguration"))
                .filter(c -> c != null && !c.getString("logicAppResourceId", "").isBlank())
                .map(c -> c.getString("logicAppResourceId")).toList();
    }

    private static int count(JsonObject p) {
        int n = 0;
        for (var entry : p.entrySet()) {
            if (entry.getKey().endsWith("Receivers") && entry.getValue() instanceof JsonArray a) {
                n += a.size();
            }
        }
        return n;
    }

    private static Optional<JsonObject> named(Listing listing, String name) {
        return listing.items().stream().filter(r -> r.getString("name", "").equalsIgnoreCase(name)).findFirst();
    }

    static JsonObject properties(JsonObject resource) {
        JsonValue p = resource.get("properties");
        return p instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static List<JsonObject> objects(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (!(v instanceof JsonArray a)) {
            return List.of();
        }
        return a.stream().filter(x -> x instanceof JsonObject).map(x -> (JsonObject) x).toList();
    }

    static String nameOf(String id) {
        return id == null ? "?" : id.substring(id.lastIndexOf('/') + 1);
    }

    private static String host(String uri) {
        try {
            String host = java.net.URI.create(uri.strip()).getHost();
            return host == null ? uri : host;
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
