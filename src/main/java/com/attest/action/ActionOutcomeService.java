package com.attest.action;

import com.attest.azure.ActionResult;
import com.attest.azure.AzureCall;
import com.attest.azure.AzureFailure;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.incident.SystemActor;
import com.attest.incident.TimelineService;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.platform.cluster.Claims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What happened when the portal carried a run out, recorded as it happens: the run claimed, each exchange with
 * Azure kept at once (the page shows progress), the outcome with the states before and after, or Azure's own words
 * when it refused or did not answer; runs the portal left running when it stopped are marked interrupted.
 */
@ApplicationScoped
@Transactional
public class ActionOutcomeService {

    private static final SystemActor RUNNER = ActionRunService.RUNNER;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private jakarta.enterprise.event.Event<RepairFinished> repaired;

    /**
     * Takes a queued run for carrying out on {@code node}; false when another thread or node has it or it is no
     * longer queued.
     */
    public boolean claim(long id, String node) {
        int rows = em.createNativeQuery("UPDATE action_run SET state = 'RUNNING', started_at = ?1, runner_node = ?3,"
                        + " version = version + 1 WHERE id = ?2 AND state = 'QUEUED'")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, id).setParameter(3, node)
                .executeUpdate();
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
        changes.apply(RUNNER.name(), "action.succeeded", run, () -> {
            run.states(result.before(), result.after(), result.azureReference());
            run.finish(result.alreadyInEffect() ? RunState.ALREADY_IN_EFFECT : RunState.SUCCEEDED, clock.instant(),
                    millis, result.summary());
            if (result.file() != null) {
                em.persist(new ActionResultFile(id, result.fileName(), result.contentType(), result.file(),
                        Sha256.hex(result.file())));
            }
        });
        if (run.getIncidentId() == null) {
            repaired.fire(new RepairFinished(id, run.parameterMap().get("subscription"), true));
            return;
        }
        Incident incident = incidents.byId(run.getIncidentId()).orElseThrow();
        timeline(incident, run, true, run.type().label() + ": " + result.summary() + " (run " + id + ", asked by "
                + run.getRequestedBy() + (run.getDecidedBy() == null ? "" : ", approved by " + run.getDecidedBy())
                + (run.isBreakGlass() ? ", break glass" : "") + ").");
    }

    /** Azure refused or did not answer: its own words are kept. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(long id, AzureFailure failure, long millis) {
        ActionRun run = em.find(ActionRun.class, id, LockModeType.PESSIMISTIC_WRITE);
        changes.apply(RUNNER.name(), "action.failed", run, () -> {
            run.error(failure.status() == 0 ? null : failure.status(), failure.code(), failure.getMessage(),
                    failure.retryAfter() == null ? null : (int) Math.max(1, failure.retryAfter().toSeconds()),
                    failure.timedOut());
            run.finish(RunState.FAILED, clock.instant(), millis, failure.timedOut() ? "Azure did not answer in time."
                    : PipelineRepair.CHANGED.equals(failure.code()) ? "Nothing was written: the resource changed"
                    + " since the repair was approved."
                    : failure.status() == 0 ? "Azure could not be reached." : "Azure answered " + failure.status()
                    + (failure.code() == null ? "" : " " + failure.code()) + ".");
        });
        if (run.getIncidentId() == null) {
            repaired.fire(new RepairFinished(id, run.parameterMap().get("subscription"), false));
            return;
        }
        Incident incident = incidents.byId(run.getIncidentId()).orElseThrow();
        timelines.note(RUNNER, incident, clock.instant(), null, run.type().label() + " failed (run " + id + "): "
                + cut(failure.getMessage(), 600));
    }

    /**
     * Runs whose node stopped while carrying them out (it stopped, or its heartbeat did): their outcome in Azure is
     * unknown. Each is locked as it is taken, so when two nodes look at once, each run is marked by one of them.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int interrupted() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM action_run WHERE state = 'RUNNING' AND "
                + Claims.RUNNER_GONE + " ORDER BY id FOR UPDATE SKIP LOCKED").getResultList();
        List<ActionRun> stale = ids.stream().map(id -> em.find(ActionRun.class, id.longValue())).toList();
        for (ActionRun run : stale) {
            failed(run.getId(), new AzureFailure(0, "Interrupted", "The portal stopped while this run was in"
                    + " progress; check the state in Azure before running it again.", null, false, null),
                    Duration.between(run.getStartedAt(), clock.instant()).toMillis());
        }
        return stale.size();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> queuedIds() {
        return em.createNamedQuery(ActionRun.IN_STATE, ActionRun.class).setParameter("state", RunState.QUEUED)
                .getResultList().stream().map(ActionRun::getId).toList();
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /** A note of the run on its incident's timeline, stamping the action's milestone the first time it takes effect. */
    void timeline(Incident incident, ActionRun run, boolean effective, String text) {
        var milestone = run.type().milestone();
        boolean stamp = effective && milestone != null && !timelines.reached(incident, milestone);
        timelines.note(RUNNER, incident, clock.instant(), stamp ? milestone : null, text);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
