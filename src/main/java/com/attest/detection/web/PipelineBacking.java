package com.attest.detection.web;

import com.attest.azure.AzureIdentity;
import com.attest.detection.DetectionCheck;
import com.attest.detection.DetectionPipelineService;
import com.attest.detection.DetectionSettings;
import com.attest.detection.Finding;
import com.attest.detection.PipelineDiagram;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The detection pipeline page: a configured subscription's latest check (or the one named in the address) drawn as
 * a diagram coloured by its findings, the findings with their sentences, the checks before it; the lead checks now.
 */
@Named
@ViewScoped
public class PipelineBacking implements Serializable {

    private static final int HISTORY = 20;

    @Inject
    private DetectionPipelineService detection;

    @Inject
    private DetectionSettings settings;

    @Inject
    private com.attest.detection.ProofService proofService;

    private List<com.attest.detection.DetectionProof> proofs = List.of();

    @Inject
    private com.attest.action.ActionRunService runs;

    @Inject
    private com.attest.security.Caller caller;

    private List<com.attest.action.ActionRun> repairs = List.of();

    private String subscription;
    private Long check;
    private List<AzureIdentity> subscriptions;
    private DetectionCheck shown;
    private List<Finding> findings = List.of();
    private List<DetectionCheck> history = List.of();
    private String diagram;
    private String tallDiagram;

    /** The view action: the check named, else the subscription's latest (the first subscription by default). */
    public void load() {
        subscriptions = detection.subscriptions();
        try {
            if (check == null && (subscription == null || subscription.isBlank()) && !subscriptions.isEmpty()) {
                subscription = subscriptions.get(0).subscriptionId();
            }
            shown = check == null && subscriptions.isEmpty() ? null
                    : detection.shown(check, subscription).orElse(null);
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "subscription");
            shown = null;
        }
        if (shown != null) {
            subscription = shown.getSubscriptionId();
            findings = shown.findingList();
            java.util.function.IntFunction<String> link = i -> i < 0 ? "#evidence" : "#finding-" + i;
            diagram = PipelineDiagram.svg(findings, settings.policy(), PipelineDiagram.Layout.WIDE, link);
            tallDiagram = PipelineDiagram.svg(findings, settings.policy(), PipelineDiagram.Layout.TALL, link);
        }
        if (subscription != null && subscriptions.stream().anyMatch(s -> s.subscriptionId()
                .equalsIgnoreCase(subscription))) {
            history = detection.history(subscription, HISTORY);
            proofs = proofService.recent(subscription, HISTORY);
            if (caller.hasRole(com.attest.security.Role.COMPLIANCE_LEAD)) {
                repairs = runs.pipelineRepairs(HISTORY).stream().filter(r -> subscription.equalsIgnoreCase(
                        r.parameterMap().get("subscription"))).toList();
            }
        }
    }

    /** The lead checks the chosen subscription now, and is shown the new check. */
    public String checkNow() {
        DetectionCheck made = detection.check(subscription);
        Forms.info("detection.checked", made.getSubscriptionLabel(), PipelineDiagram.words(made.getVerdict()));
        return "/detection/pipeline?faces-redirect=true&check=" + made.getId();
    }

    /** The lead sends a test alert through the chosen subscription's action group; the page shows it waiting. */
    public String sendTestAlert() {
        com.attest.detection.DetectionProof sent = proofService.send(subscription);
        Forms.info(sent.getState() == com.attest.detection.DetectionProof.State.WAITING ? "detection.proofSent"
                : "detection.proofRefused", sent.getSubscriptionLabel(), sent.getOutcome());
        return "/detection/pipeline?faces-redirect=true&subscription=" + sent.getSubscriptionId();
    }

    /**
     * The repair offered beside a finding (the lead only, on the page), or null: a failing action group, a failing
     * workflow automation, or the Logic App it routes to failing.
     */
    public String repairType(Finding finding) {
        if (finding.verdict() != com.attest.detection.Verdict.FAIL) {
            return null;
        }
        return switch (finding.part()) {
            case ACTION_GROUP -> com.attest.action.ActionType.REPAIR_ACTION_GROUP.code();
            case AUTOMATION -> com.attest.action.ActionType.REPAIR_AUTOMATION.code();
            case PLAYBOOK -> com.attest.detection.PipelineRules.routedByAutomation(finding)
                    ? com.attest.action.ActionType.REPAIR_AUTOMATION.code() : null;
            default -> null;
        };
    }

    /**
     * The resource group a repair starts from: the failing resource's, else that of another resource the check
     * read (the action group is usually beside the automation), else none.
     */
    public String repairGroup(Finding finding) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        ids.add(finding.resource());
        findings.forEach(f -> ids.add(f.resource()));
        for (String id : ids) {
            java.util.regex.Matcher m = id == null ? null
                    : java.util.regex.Pattern.compile("(?i)/resourceGroups/([^/]+)/").matcher(id);
            if (m != null && m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    /** Shows another subscription's latest check. */
    public String show() {
        return "/detection/pipeline?faces-redirect=true&subscription=" + subscription;
    }

    public String words(Object verdict) {
        return PipelineDiagram.words(com.attest.detection.Verdict.valueOf(String.valueOf(verdict)));
    }

    public String getSubscription() { return subscription; }
    public void setSubscription(String subscription) { this.subscription = subscription; }
    public Long getCheck() { return check; }
    public void setCheck(Long check) { this.check = check; }
    public List<AzureIdentity> getSubscriptions() { return subscriptions; }
    public DetectionCheck getShown() { return shown; }
    public List<Finding> getFindings() { return findings; }
    public List<DetectionCheck> getHistory() { return history; }
    public String getDiagram() { return diagram; }
    public String getTallDiagram() { return tallDiagram; }
    public List<com.attest.detection.DetectionProof> getProofs() { return proofs; }
    public List<com.attest.action.ActionRun> getRepairs() { return repairs; }

    /** When a check was made, as the portal shows times. */
    public String at(java.time.Instant instant) {
        return com.attest.platform.web.InstantFormat.format(instant);
    }
}
