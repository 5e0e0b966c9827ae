package com.attest.action;

import com.attest.azure.ActionResult;
import com.attest.azure.AzureCall;
import com.attest.azure.AzureFailure;
import com.attest.azure.AzureIdentity;
import com.attest.azure.AzureSettings;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.incident.Severity;
import com.attest.incident.SystemActor;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import com.attest.runbook.WalkthroughService;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    private static final String ENTITY = "ActionRun";
    private static final int NOTE_MAX = 2000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private Caller caller;

    @Inject
    private IncidentService incidents;

    @Inject
    private WalkthroughService walkthroughs;

    @Inject
    private AzureSettings azure;

    @Inject
    private Event<Queued> queued;

    /** What a request form checks values against: the subscriptions and workspaces configured, and the time. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ActionInputs.Context inputContext() {
        Instant now = clock.instant();
        return new ActionInputs.Context() {
            @Override
            public boolean subscriptionConfigured(String subscriptionId) {
                return azure.subscription(subscriptionId).isPresent();
            }

            @Override
            public boolean workspaceConfigured(String workspaceId) {
                return azure.workspace(workspaceId).isPresent();
            }

            @Override
            public String configuredSubscriptions() {
                return azure.identities().stream().map(i -> i.name() + " " + i.subscriptionId())
                        .collect(Collectors.joining(", "));
            }

            @Override
            public Instant now() {
                return now;
            }
        };
    }

    /** The parameters checked and the dry run of {@code type}; refuses bad values, naming each field. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map.Entry<Map<String, String>, DryRun> preview(ActionType type, Map<String, String> raw) {
        caller.require("prepare runbook actions", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, String> values = ActionInputs.check(type, raw, inputContext(), errors);
        errors.throwIfAny();
        return Map.entry(values, type.executes() || type == ActionType.RECORD_IAC_REDEPLOY
                ? DryRun.of(type, values) : new DryRun(List.of(), List.of(), null));
    }

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
        Map<String, String> values = ActionInputs.check(type, raw, inputContext(), errors);
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
        em.persist(run);
        em.flush();
        audit.record("action.requested", ENTITY, run.getId(), null, run.snapshot());
        String what = type.label() + " (" + subject(type, values) + ")";
        if (state == RunState.RECORDED) {
            boolean restored = "succeeded".equals(values.get("outcome"));
            timeline(incident, run, restored, "Recorded: " + what + ", " + values.get("outcome") + ". "
                    + values.get("command"));
        } else if (state == RunState.QUEUED) {
            incidents.note(RUNNER, incident, clock.instant(), null, (breakGlass ? "BREAK GLASS — " + caller.name()
                    + " acts alone: " + glassWhy + ". " : "") + "Running " + what + ", asked by " + caller.name() + ".");
            queued.fire(new Queued(run.getId()));
        } else {
            incidents.note(RUNNER, incident, clock.instant(), null, caller.name() + " asked for " + what
                    + "; awaiting a second person's approval.");
        }
        return run;
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
        ActionRun run = lockedRun(id, seenVersion);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String note = trimmed(rawNote, "decisionNote", errors);
        if (run.getState() != RunState.AWAITING_APPROVAL) {
            errors.add("state", "Run " + id + " is " + run.getState().label().toLowerCase(Locale.ROOT)
                    + ": there is nothing to " + (approve ? "approve" : "reject") + ".");
        } else if (run.getRequestedBy().equals(caller.name())) {
            errors.add("state", "You asked for run " + id + ": a second person must "
                    + (approve ? "approve" : "reject") + " it (four eyes).");
        }
        if (!approve && note == null) {
            errors.add("decisionNote", "Say why the run is rejected.");
        }
        Incident incident = incidents.byId(run.getIncidentId()).orElseThrow();
        if (approve && !incident.getStatus().isOpen()) {
            errors.add("state", incident.getReference() + " is no longer open: nothing more runs on it.");
        }
        errors.throwIfAny();
        Map<String, Object> before = run.snapshot();
        run.decide(approve ? RunState.QUEUED : RunState.REJECTED, caller.name(), clock.instant(), note);
        if (!approve) {
            run.recorded(null, clock.instant());
        }
        em.flush();
        audit.record(approve ? "action.approved" : "action.rejected", ENTITY, id, before, run.snapshot());
        incidents.note(RUNNER, incident, clock.instant(), null, caller.name() + (approve ? " approved " : " rejected ")
                + run.type().label().toLowerCase(Locale.ROOT) + " (run " + id + ")" + (note == null ? "." : ": " + note));
        if (approve) {
            queued.fire(new Queued(id));
        }
        return run;
    }

    /** The requester (or the compliance lead) withdraws a request still awaiting approval. */
    public ActionRun cancel(long id, long seenVersion) {
        caller.require("cancel runbook actions", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        ActionRun run = lockedRun(id, seenVersion);
        if (run.getState() != RunState.AWAITING_APPROVAL) {
            throw new InvalidInput("state", "Run " + id + " is " + run.getState().label().toLowerCase(Locale.ROOT)
                    + ": only a request awaiting approval can be cancelled.");
        }
        if (!run.getRequestedBy().equals(caller.name()) && !caller.hasRole(Role.COMPLIANCE_LEAD)) {
            throw new InvalidInput("state", "Only " + run.getRequestedBy() + ", who asked, or a compliance lead may"
                    + " cancel run " + id + ".");
        }
        Map<String, Object> before = run.snapshot();
        run.cancel(clock.instant(), "Cancelled by " + caller.name());
        em.flush();
        audit.record("action.cancelled", ENTITY, id, before, run.snapshot());
        return run;
    }

    /** The compliance lead reviews a break-glass run after the fact. */
    public ActionRun review(long id, long seenVersion, String rawNote) {
        caller.require("review break-glass runs", Role.COMPLIANCE_LEAD);
        ActionRun run = lockedRun(id, seenVersion);
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
        Map<String, Object> before = run.snapshot();
        run.review(caller.name(), clock.instant(), note);
        em.flush();
        audit.record("action.reviewed", ENTITY, id, before, run.snapshot());
        return run;
    }

    // --- the runner's side ---------------------------------------------------------------------------------

    /** Takes a queued run for carrying out; false when another thread has it or it is no longer queued. */
    public boolean claim(long id) {
        int rows = em.createNativeQuery("UPDATE action_run SET state = 'RUNNING', started_at = ?1, version = version + 1"
                        + " WHERE id = ?2 AND state = 'QUEUED'")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, id).executeUpdate();
        return rows == 1;
    }

    /** One exchange with Azure, kept at once in its own transaction so the page shows progress. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordCall(long id, AzureCall call) {
        em.persist(new ActionCall(id, call));
    }

    /** The run achieved its end (or found it achieved already): evidence kept, milestone stamped. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(long id, ActionResult result, long millis) {
        ActionRun run = em.find(ActionRun.class, id, LockModeType.PESSIMISTIC_WRITE);
        Map<String, Object> before = run.snapshot();
        run.states(result.before(), result.after(), result.azureReference());
        run.finish(result.alreadyInEffect() ? RunState.ALREADY_IN_EFFECT : RunState.SUCCEEDED, clock.instant(), millis,
                result.summary());
        if (result.file() != null) {
            em.persist(new ActionResultFile(id, result.fileName(), result.contentType(), result.file(),
                    Sha256.hex(result.file())));
        }
        em.flush();
        audit.record(RUNNER.name(), "action.succeeded", ENTITY, id, before, run.snapshot());
        Incident incident = incidents.byId(run.getIncidentId()).orElseThrow();
        timeline(incident, run, true, run.type().label() + ": " + result.summary() + " (run " + id + ", asked by "
                + run.getRequestedBy() + (run.getDecidedBy() == null ? "" : ", approved by " + run.getDecidedBy())
                + (run.isBreakGlass() ? ", break glass" : "") + ").");
    }

    /** Azure refused or did not answer: its own words are kept. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(long id, AzureFailure failure, long millis) {
        ActionRun run = em.find(ActionRun.class, id, LockModeType.PESSIMISTIC_WRITE);
        Map<String, Object> before = run.snapshot();
        run.error(failure.status() == 0 ? null : failure.status(), failure.code(), failure.getMessage(),
                failure.retryAfter() == null ? null : (int) Math.max(1, failure.retryAfter().toSeconds()),
                failure.timedOut());
        run.finish(RunState.FAILED, clock.instant(), millis, failure.timedOut() ? "Azure did not answer in time."
                : failure.status() == 0 ? "Azure could not be reached." : "Azure answered " + failure.status()
                + (failure.code() == null ? "" : " " + failure.code()) + ".");
        em.flush();
        audit.record(RUNNER.name(), "action.failed", ENTITY, id, before, run.snapshot());
        Incident incident = incidents.byId(run.getIncidentId()).orElseThrow();
        incidents.note(RUNNER, incident, clock.instant(), null, run.type().label() + " failed (run " + id + "): "
                + cut(failure.getMessage(), 600));
    }

    /** Runs the portal left running when it stopped: their outcome in Azure is unknown. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int interrupted(Instant startedBefore) {
        List<ActionRun> stale = em.createNamedQuery(ActionRun.IN_STATE, ActionRun.class)
                .setParameter("state", RunState.RUNNING).getResultList().stream()
                .filter(r -> r.getStartedAt() != null && r.getStartedAt().isBefore(startedBefore)).toList();
        for (ActionRun run : stale) {
            failed(run.getId(), new AzureFailure(0, "Interrupted", "The portal stopped while this run was in"
                    + " progress; check the state in Azure before running it again.", null, false, null),
                    java.time.Duration.between(run.getStartedAt(), clock.instant()).toMillis());
        }
        return stale.size();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> queuedIds() {
        return em.createNamedQuery(ActionRun.IN_STATE, ActionRun.class).setParameter("state", RunState.QUEUED)
                .getResultList().stream().map(ActionRun::getId).toList();
    }

    // --- reading ---------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ActionRun> find(long id) {
        return Optional.ofNullable(em.find(ActionRun.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionRun> of(Incident incident) {
        return em.createNamedQuery(ActionRun.OF_INCIDENT, ActionRun.class).setParameter("incident", incident.getId())
                .getResultList();
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

    /** Values for a new request's form, from what the incident names (its resources and users). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> suggestions(Incident incident, ActionType type) {
        Map<String, String> values = new LinkedHashMap<>();
        ActionInputs.Context context = inputContext();
        for (Param param : type.params()) {
            java.util.Collection<String> candidates = switch (param.kind()) {
                case VM_ID, SQL_DATABASE_ID, RECOVERY_VAULT_ID, DEFENDER_ALERT_ID, SCOPE -> incident.getResources();
                case USER -> incident.getUsers();
                default -> List.of();
            };
            candidates.stream().filter(c -> ActionInputs.problem(param, c, context) == null).findFirst()
                    .ifPresent(c -> values.put(param.name(), c));
            if (param.kind() == Param.Kind.HOURS) {
                values.put(param.name(), "24");
            }
            if (type == ActionType.COLLECT_ENTRA_AUDIT) {
                Instant end = incident.getClosedAt() != null ? incident.getClosedAt()
                        : incident.getResolvedAt() != null ? incident.getResolvedAt() : clock.instant();
                values.put("from", incident.getDetectedAt().minus(java.time.Duration.ofHours(1))
                        .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString());
                values.put("to", end.plus(java.time.Duration.ofMinutes(1)).isAfter(clock.instant())
                        ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                        : end.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(java.time.Duration.ofMinutes(1))
                        .toString());
            }
            if (param.kind() == Param.Kind.WORKSPACE && azure.workspaces().size() == 1) {
                values.put(param.name(), azure.workspaces().get(0).workspaceId());
            }
            if (param.kind() == Param.Kind.SUBSCRIPTION && azure.identities().size() == 1) {
                values.put(param.name(), azure.identities().get(0).subscriptionId());
            }
        }
        return values;
    }

    /** The subscription whose identity queries workspace {@code workspaceId}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String workspaceSubscription(String workspaceId) {
        return azure.workspace(workspaceId).map(w -> w.subscriptionId()).orElseThrow();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<com.attest.azure.Workspace> workspaces() {
        return azure.workspaces();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AzureIdentity> identities() {
        return azure.identities();
    }

    /** What a run acts on, in a few words: the VM's name, the user, the secret. */
    public static String subject(ActionType type, Map<String, String> values) {
        return switch (type) {
            case QUARANTINE_VM, RESTORE_VM_BACKUP -> lastSegment(values.get("vm"));
            case RELEASE_VM -> lastSegment(values.get("nic"));
            case DISABLE_USER, REVOKE_SESSIONS -> values.get("user");
            case DISABLE_SERVICE_PRINCIPAL -> values.get("servicePrincipal");
            case KQL_USER_AUDIT -> values.get("user") + ", " + values.get("hours") + " h";
            case KQL_IP_ACTIVITY -> values.get("ip") + ", " + values.get("hours") + " h";
            case KQL_KEYVAULT -> values.get("hours") + " h";
            case FETCH_DEFENDER_ALERT -> lastSegment(values.get("alert"));
            case COLLECT_ENTRA_AUDIT -> values.get("from") + " – " + values.get("to");
            case ROTATE_SECRET -> values.get("vault") + "/" + values.get("secret");
            case DELETE_ROLE_ASSIGNMENT -> values.get("role") + " for " + values.get("assignee");
            case RESTORE_SQL_PIT -> lastSegment(values.get("database")) + " → " + values.get("target") + " at "
                    + values.get("time");
            case RECORD_IAC_REDEPLOY -> values.get("runLink");
        };
    }

    private static String lastSegment(String id) {
        return id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
    }

    private void timeline(Incident incident, ActionRun run, boolean effective, String text) {
        var milestone = run.type().milestone();
        boolean stamp = effective && milestone != null && !incidents.reached(incident, milestone);
        incidents.note(RUNNER, incident, clock.instant(), stamp ? milestone : null, text);
    }

    private ActionRun lockedRun(long id, long seenVersion) {
        ActionRun run = em.find(ActionRun.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            throw new InvalidInput("run", "No action run " + id + ".");
        }
        if (run.getVersion() != seenVersion) {
            throw new InvalidInput("version", "Run " + id + " was changed meanwhile (now "
                    + run.getState().label().toLowerCase(Locale.ROOT) + "); look again before deciding.");
        }
        return run;
    }

    private static String trimmed(String value, String field, InvalidInput.Collector errors) {
        String v = value == null ? "" : value.strip();
        if (v.length() > NOTE_MAX) {
            errors.add(field, "At most 2,000 characters.");
        }
        return v.isEmpty() ? null : v;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
