package com.attest.action;

import com.attest.azure.AzureSettings;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.incident.Severity;
import com.attest.incident.SystemActor;
import com.attest.incident.TimelineService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.change.Approval;
import com.attest.platform.change.Changes;
import com.attest.runbook.WalkthroughService;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Action runs on incidents: requested from a runbook item, approved or rejected by a second person, or run alone
 * under break glass on a P1; carried out by the {@link ActionRunSweep} after commit; finished with their evidence.
 * Every change is in the audit trail and on the incident's timeline.
 */
@ApplicationScoped
@Transactional
public class ActionRunService {

    /** Fired when a run is ready to be carried out; the runner picks it up after commit. */
    public record Queued(long runId) {
    }

    static final SystemActor RUNNER = new SystemActor("azure-actions");
    static final String ENTITY = "ActionRun";
    private static final Changes.Kind KIND = new Changes.Kind("run", "action run");

    private static final int NOTE_MAX = 2000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private ActionPreparation preparation;

    @Inject
    private ActionOutcomeService outcomes;

    @Inject
    private Caller caller;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private WalkthroughService walkthroughs;

    @Inject
    private AzureSettings azure;

    @Inject
    private Event<Queued> queued;

    @Inject
    private PipelineRepair repairs;

    /**
     * Asks for {@code type} to be performed on incident {@code ref} for its runbook item {@code itemKey}. A
     * destructive action waits for a second person's approval unless the requester breaks glass on a P1; an
     * investigation is queued at once; an IaC redeploy is recorded.
     *
     * @param rerunOf the run this one repeats (a failed one, or the quarantine a release undoes), or null
     */
    public ActionRun request(String ref, String itemKey, String typeCode, Map<String, String> raw, String reason,
                             boolean breakGlass, String breakGlassReason, Long rerunOf) {
        caller.require("request runbook actions", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Incident incident = incidents.find(ref).orElseThrow(() -> new InvalidInput("reference", "No incident " + ref + "."));
        ActionType type = ActionType.ofCode(typeCode == null ? "" : typeCode.strip())
                .orElseThrow(() -> new InvalidInput("type", "'" + typeCode + "' is not an action this portal performs."));
        if (type.repairsPipeline()) {
            throw new InvalidInput("type", type.label() + " is asked for from the detection pipeline page, not from an"
                    + " incident.");
        }
        if (!incident.getStatus().isOpen() && !type.collectsEvidence()) {
            throw new InvalidInput("reference", incident.getReference() + " is " + incident.getStatus().name()
                    .toLowerCase(Locale.ROOT).replace('_', ' ') + ": actions are taken on open incidents only.");
        }
        WalkthroughService.Checklist checklist = walkthroughs.checklist(incident).orElse(null);
        String expected = type == ActionType.RELEASE_VM ? ActionType.QUARANTINE_VM.code() : type.code();
        if (type.collectsEvidence()) {
            if (itemKey != null && !itemKey.isBlank()) {
                errors.add("item", type.label() + " is asked from the incident, not from a runbook item.");
            }
        } else if (checklist == null) {
            throw new InvalidInput("item", incident.getReference() + " has no runbook pinned yet: declare the incident"
                    + " first.");
        } else if (checklist.items().stream().noneMatch(i -> i.item().key().equals(itemKey)
                && expected.equals(i.item().action()))) {
            errors.add("item", "Item '" + itemKey + "' of " + incident.getReference() + "'s runbook (version "
                    + checklist.version().getNumber() + ") does not call for " + type.label().toLowerCase(Locale.ROOT)
                    + ".");
        }
        Map<String, String> values = ActionInputs.check(type, raw, preparation.inputContext(), errors);
        String why = trimmed(reason, "reason", errors);
        String glassWhy = trimmed(breakGlassReason, "breakGlassReason", errors);
        if (breakGlass) {
            if (!type.destructive()) {
                errors.add("breakGlass", type.label() + " needs no approval: there is no glass to break.");
            } else if (incident.getSeverity() != Severity.P1) {
                errors.add("breakGlass", "Break glass is for P1 incidents only; " + incident.getReference() + " is "
                        + incident.getSeverity() + ". Ask a second person to approve.");
            }
            if (glassWhy == null) {
                errors.add("breakGlassReason", "Say why this cannot wait for a second person: break glass is"
                        + " reviewed by the compliance lead.");
            }
        }
        if (rerunOf != null) {
            ActionRun earlier = em.find(ActionRun.class, rerunOf);
            if (earlier == null || !earlier.getIncidentId().equals(incident.getId())) {
                errors.add("rerunOf", "Run " + rerunOf + " is not one of " + incident.getReference() + "'s runs.");
            }
        }
        errors.throwIfAny();

        RunState state = !type.executes() ? RunState.RECORDED
                : type.destructive() && !breakGlass ? RunState.AWAITING_APPROVAL : RunState.QUEUED;
        ActionRun run = new ActionRun(incident.getId(), type.collectsEvidence() ? null : itemKey,
                checklist == null ? null : checklist.version().getId(), type,
                CanonicalJson.write(values), rerunOf, caller.name(), clock.instant(), why, breakGlass,
                breakGlass ? glassWhy : null, state);
        if (state == RunState.RECORDED) {
            run.recorded("IaC redeploy recorded: " + values.get("outcome") + " — " + values.get("runLink"),
                    clock.instant());
        }
        changes.create("action.requested", run);
        String what = type.label() + " (" + type.subject(values) + ")";
        if (state == RunState.RECORDED) {
            boolean restored = "succeeded".equals(values.get("outcome"));
            outcomes.timeline(incident, run, restored, "Recorded: " + what + ", " + values.get("outcome") + ". "
                    + values.get("command"));
        } else if (state == RunState.QUEUED) {
            timelines.note(RUNNER, incident, clock.instant(), null, (breakGlass ? "BREAK GLASS — " + caller.name()
                    + " acts alone: " + glassWhy + ". " : "") + "Running " + what + ", asked by " + caller.name() + ".");
            queued.fire(new Queued(run.getId()));
        } else {
            timelines.note(RUNNER, incident, clock.instant(), null, caller.name() + " asked for " + what
                    + "; awaiting a second person's approval.");
        }
        return run;
    }

    /**
     * A compliance lead asks for a repair of the detection pipeline: the values checked, the resource read from Azure
     * and the exact requests kept with the request as its plan. It waits for another lead's approval; nothing is sent
     * to Azure before.
     */
    public ActionRun requestRepair(String typeCode, Map<String, String> raw, String reason) {
        caller.require("ask for repairs of the detection pipeline", Role.COMPLIANCE_LEAD);
        ActionType type = ActionType.ofCode(typeCode == null ? "" : typeCode.strip()).filter(ActionType::repairsPipeline)
                .orElseThrow(() -> new InvalidInput("type", "'" + typeCode + "' is not a repair of the detection"
                        + " pipeline."));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, String> values = ActionInputs.check(type, raw, preparation.inputContext(), errors);
        String why = trimmed(reason, "reason", errors);
        errors.throwIfAny();
        DryRun plan = repairs.plan(type, values);
        ActionRun run = new ActionRun(type, CanonicalJson.write(values), plan.toJson(), caller.name(),
                clock.instant(), why);
        return changes.create("action.requested", run);
    }

    /** A second person (responder or compliance lead, never the requester) lets the run go ahead. */
    public ActionRun approve(long id, long seenVersion, String note) {
        return decide(id, seenVersion, true, note);
    }

    /** A second person refuses the run; the note saying why is required. */
    public ActionRun reject(long id, long seenVersion, String note) {
        return decide(id, seenVersion, false, note);
    }

    private ActionRun decide(long id, long seenVersion, boolean approve, String rawNote) {
        caller.require((approve ? "approve" : "reject") + " runbook actions", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        ActionRun run = changes.lock(ActionRun.class, id, seenVersion, KIND);
        if (run.getIncidentId() == null) {
            caller.require((approve ? "approve" : "reject") + " repairs of the detection pipeline",
                    Role.COMPLIANCE_LEAD);
        }
        String note = Approval.comment(rawNote);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        // a second person decides, never the one who asked (four eyes)
        Approval.refusals(errors, new Approval.Wording("run " + id, "run", "state", "decisionNote", "asked for",
                        "approve", "reject", "rejected", "a second person must approve it (four eyes)",
                        "a second person must reject it (four eyes)"), run.getState() == RunState.AWAITING_APPROVAL,
                run.getState().label().toLowerCase(Locale.ROOT), caller.name(), List.of(run.getRequestedBy()),
                approve, note);
        Incident incident = run.getIncidentId() == null ? null : incidents.byId(run.getIncidentId()).orElseThrow();
        if (approve && incident != null && !incident.getStatus().isOpen()) {
            errors.add("state", incident.getReference() + " is no longer open: nothing more runs on it.");
        }
        errors.throwIfAny();
        changes.apply(approve ? "action.approved" : "action.rejected", run, () -> {
            run.decide(approve ? RunState.QUEUED : RunState.REJECTED, caller.name(), clock.instant(), note);
            if (!approve) {
                run.recorded(null, clock.instant());
            }
        });
        if (incident != null) {
            timelines.note(RUNNER, incident, clock.instant(), null, caller.name() + (approve ? " approved "
                    : " rejected ") + run.type().label().toLowerCase(Locale.ROOT) + " (run " + id + ")"
                    + (note == null ? "." : ": " + note));
        }
        if (approve) {
            queued.fire(new Queued(id));
        }
        return run;
    }

    /** The requester (or the compliance lead) withdraws a request still awaiting approval. */
    public ActionRun cancel(long id, long seenVersion) {
        caller.require("cancel runbook actions", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        ActionRun run = changes.lock(ActionRun.class, id, seenVersion, KIND);
        if (run.getState() != RunState.AWAITING_APPROVAL) {
            throw new InvalidInput("state", "Run " + id + " is " + run.getState().label().toLowerCase(Locale.ROOT)
                    + ": only a request awaiting approval can be cancelled.");
        }
        if (!run.getRequestedBy().equals(caller.name()) && !caller.hasRole(Role.COMPLIANCE_LEAD)) {
            throw new InvalidInput("state", "Only " + run.getRequestedBy() + ", who asked, or a compliance lead may"
                    + " cancel run " + id + ".");
        }
        return changes.apply("action.cancelled", run, () -> run.cancel(clock.instant(), "Cancelled by " + caller.name()));
    }

    /** The compliance lead reviews a break-glass run after the fact. */
    public ActionRun review(long id, long seenVersion, String rawNote) {
        caller.require("review break-glass runs", Role.COMPLIANCE_LEAD);
        ActionRun run = changes.lock(ActionRun.class, id, seenVersion, KIND);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String note = trimmed(rawNote, "reviewNote", errors);
        if (!run.isBreakGlass()) {
            errors.add("state", "Run " + id + " was approved by a second person: it needs no review.");
        } else if (run.getReviewedBy() != null) {
            errors.add("state", "Run " + id + " was reviewed by " + run.getReviewedBy() + " already.");
        } else if (!run.getState().finished()) {
            errors.add("state", "Run " + id + " has not finished yet.");
        }
        if (note == null) {
            errors.add("reviewNote", "Record what the review found.");
        }
        errors.throwIfAny();
        return changes.apply("action.reviewed", run, () -> run.review(caller.name(), clock.instant(), note));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ActionRun> find(long id) {
        return Optional.ofNullable(em.find(ActionRun.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionRun> of(Incident incident) {
        return em.createNamedQuery(ActionRun.OF_INCIDENT, ActionRun.class).setParameter("incident", incident.getId())
                .getResultList();
    }

    /** The runs that repair the detection pipeline, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionRun> pipelineRepairs(int max) {
        return em.createNamedQuery(ActionRun.OF_SUBJECT, ActionRun.class)
                .setParameter("subject", ActionRun.DETECTION_PIPELINE).setMaxResults(max).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionCall> calls(long runId) {
        return em.createNamedQuery(ActionCall.OF_RUN, ActionCall.class).setParameter("run", runId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long callCount(long runId) {
        return em.createNamedQuery(ActionCall.COUNT_OF_RUN, Long.class).setParameter("run", runId).getSingleResult();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ActionResultFile> result(long runId) {
        return Optional.ofNullable(em.find(ActionResultFile.class, runId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionRun> awaitingApproval() {
        return em.createNamedQuery(ActionRun.IN_STATE, ActionRun.class)
                .setParameter("state", RunState.AWAITING_APPROVAL).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionRun> toReview() {
        return em.createNamedQuery(ActionRun.TO_REVIEW, ActionRun.class).getResultList();
    }

    private static String trimmed(String value, String field, InvalidInput.Collector errors) {
        String v = value == null ? "" : value.strip();
        if (v.length() > NOTE_MAX) {
            errors.add(field, "At most 2,000 characters.");
        }
        return v.isEmpty() ? null : v;
    }

}
