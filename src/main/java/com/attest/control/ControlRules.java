package com.attest.control;

import com.attest.control.Finding.Kind;
import com.attest.control.Gap.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which control a finding touches, how badly, and the sentence that says so. Pure: the one table of the mapping.
 *
 * <ul>
 *   <li>Response SLA (the policy's classification table): evaluating an incident in time is CC7.3; so is
 *       evaluating every event Azure raised, so an Azure incident or alert the population misses is a CC7.3 gap.</li>
 *   <li>Post-incident reviews, exercises and the runbook evidence both response and recovery: CC7.4 and CC7.5.</li>
 *   <li>Customer notification is part of the response: CC7.4.</li>
 *   <li>The policy governs all three, and so does the audit trail every record's integrity rests on.</li>
 *   <li>A detection pipeline (alerts routed to the on-call and the portal) that fails its latest check is
 *       CC7.3's first finding: failing until a later check passes.</li>
 *   <li>Evidence missing from the register touches the controls its evidence type is catalogued for
 *       (the evidence table: an Entra ID audit log evidences CC7.3 and CC7.4).</li>
 * </ul>
 *
 * <p>Failing: the control is not operating now (a deadline passed with nothing done, nothing in force, a broken
 * chain). Attention: a deviation already over that the audit will ask about, a deadline reached today, evidence that
 * can still be collected or registered.
 */
public final class ControlRules {

    private static final List<Control> ALL = List.of(Control.values());
    private static final List<Control> RESPOND_AND_RECOVER = List.of(Control.CC7_4, Control.CC7_5);

    /** The evidence type whose catalogued controls an evidence finding touches. */
    private static final Map<Kind, String> EVIDENCE_TYPE = Map.of(
            Kind.ENTRA_LOG_MISSING, "ENTRA_AUDIT_LOG",
            Kind.INCIDENT_NOT_REGISTERED, "INCIDENT");

    /** The evidence types collected from Azure: alert history, the Sentinel incident list, playbook runs. */
    private static final List<String> AZURE_TYPES = List.of("ALERT", "INCIDENT", "ACTION_RUN");

    private ControlRules() {
    }

    /**
     * The controls a finding touches. {@code catalogue} maps evidence-type codes to their controls; a type missing
     * from it touches every control rather than none.
     */
    public static List<Control> controlsOf(Kind kind, Map<String, List<Control>> catalogue) {
        return switch (kind) {
            case SLA_OVERDUE, SLA_BREACHED, POPULATION_UNMATCHED, DETECTION_PIPELINE_FAILING -> List.of(Control.CC7_3);
            case PIR_OVERDUE, PIR_LATE, EXERCISE_OVERDUE, EXERCISE_DUE, RUNBOOK_NOT_IN_FORCE, RUNBOOK_REVIEW_OVERDUE ->
                    RESPOND_AND_RECOVER;
            case NOTICE_OVERDUE, NOTICE_LATE -> List.of(Control.CC7_4);
            case POLICY_NOT_IN_FORCE, POLICY_REVIEW_OVERDUE, AUDIT_TRAIL_BROKEN -> ALL;
            case ENTRA_LOG_MISSING, INCIDENT_NOT_REGISTERED -> catalogue.getOrDefault(EVIDENCE_TYPE.get(kind), ALL);
            case AZURE_EVIDENCE_MISSING -> ALL.stream().filter(c -> AZURE_TYPES.stream().anyMatch(t ->
                    catalogue.getOrDefault(t, ALL).contains(c))).toList();
        };
    }

    public static Severity severityOf(Kind kind) {
        return switch (kind) {
            case SLA_OVERDUE, PIR_OVERDUE, NOTICE_OVERDUE, EXERCISE_OVERDUE, RUNBOOK_NOT_IN_FORCE,
                 POLICY_NOT_IN_FORCE, AUDIT_TRAIL_BROKEN, DETECTION_PIPELINE_FAILING -> Severity.FAILING;
            case SLA_BREACHED, PIR_LATE, NOTICE_LATE, EXERCISE_DUE, RUNBOOK_REVIEW_OVERDUE, POLICY_REVIEW_OVERDUE,
                 ENTRA_LOG_MISSING, INCIDENT_NOT_REGISTERED, AZURE_EVIDENCE_MISSING, POPULATION_UNMATCHED ->
                    Severity.ATTENTION;
        };
    }

    /** The sentence a person reads. */
    public static String sentence(Finding f) {
        long n = f.count();
        return switch (f.kind()) {
            case SLA_OVERDUE -> n(n, "incident is", "incidents are") + " past the response target and not yet declared.";
            case SLA_BREACHED -> n(n, "incident was", "incidents were") + " declared after the response target.";
            case PIR_OVERDUE -> n(n, "post-incident review is", "post-incident reviews are")
                    + " past the due date and not approved.";
            case PIR_LATE -> n(n, "post-incident review was", "post-incident reviews were")
                    + " approved after the due date.";
            case NOTICE_OVERDUE -> n(n, "incident is", "incidents are")
                    + " past the customer-notification deadline with no notice delivered.";
            case NOTICE_LATE -> n(n, "incident's", "incidents'") + " customers were notified after the deadline.";
            case EXERCISE_OVERDUE -> f.detail() == null
                    ? "No incident-response exercise has been signed off: one is due now."
                    : "No incident-response exercise in the last 12 months: the last was held on " + f.detail() + ".";
            case EXERCISE_DUE -> "An incident-response exercise is due today (the last was held on " + f.detail() + ").";
            case RUNBOOK_NOT_IN_FORCE -> "No version of the incident-response runbook is in force: none is approved.";
            case RUNBOOK_REVIEW_OVERDUE -> "The runbook in force was due for review on " + f.detail() + ".";
            case POLICY_NOT_IN_FORCE -> "No version of the incident-response policy is in force: none is approved.";
            case POLICY_REVIEW_OVERDUE -> "The policy in force was due for review on " + f.detail() + ".";
            case AUDIT_TRAIL_BROKEN -> "The audit trail's hash chain does not verify: " + f.detail() + ".";
            case ENTRA_LOG_MISSING -> n(n, "declared incident has", "declared incidents have")
                    + " no Entra ID audit log in the evidence register.";
            case INCIDENT_NOT_REGISTERED -> n(n, "closed incident is", "closed incidents are")
                    + " not registered as evidence in their final form.";
            case AZURE_EVIDENCE_MISSING -> n(n, "day of Azure evidence was", "days of Azure evidence were")
                    + " not collected (counted per kind and scope): collect them on the evidence register.";
            case POPULATION_UNMATCHED -> n(n, "Sentinel incident or Defender alert", "Sentinel incidents or Defender"
                    + " alerts") + " Azure returned for the period " + (n == 1 ? "has" : "have") + " no portal incident"
                    + " and no recorded disposition: the population may be incomplete.";
            case DETECTION_PIPELINE_FAILING -> "The detection pipeline of " + n(n, "subscription", "subscriptions")
                    + " fails its latest check or could not be read" + (f.detail() == null ? "." : ": " + f.detail()
                    + (f.detail().endsWith(".") ? "" : "."));
        };
    }

    /** The gaps of one control: every finding that touches it, failing ones first, then in the order of the kinds. */
    public static List<Gap> gaps(Control control, Collection<Finding> findings, Map<String, List<Control>> catalogue) {
        List<Gap> gaps = new ArrayList<>();
        for (Finding f : findings) {
            if (f.count() > 0 && controlsOf(f.kind(), catalogue).contains(control)) {
                gaps.add(new Gap(control, f.kind(), severityOf(f.kind()), sentence(f), f.records(), f.count()));
            }
        }
        gaps.sort(Comparator.comparing(Gap::severity).thenComparing(Gap::kind));
        return List.copyOf(gaps);
    }

    /** Red when a gap fails, amber when gaps only need attention, green without gaps. */
    public static Health health(Collection<Gap> gaps) {
        if (gaps.stream().anyMatch(g -> g.severity() == Severity.FAILING)) {
            return Health.RED;
        }
        return gaps.isEmpty() ? Health.GREEN : Health.AMBER;
    }

    private static String n(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
