package com.attest.action;

import com.attest.azure.ActionResult;
import com.attest.azure.AzureActions;
import com.attest.azure.AzureFailure;
import com.attest.azure.CallLog;
import com.attest.platform.WorkThreads;
import com.attest.platform.cluster.ClusterNode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out queued action runs outside any transaction, each on its own thread: right after the transaction
 * that queued it commits, and every few seconds for any left queued (by whichever node claims it first). Runs a
 * stopped node left running are marked failed by the node that notices. Each exchange with Azure is kept as it
 * completes, so the incident page shows progress.
 */
@Singleton
@jakarta.ejb.DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ActionRunSweep {

    private static final Logger LOG = Logger.getLogger(ActionRunSweep.class.getName());
    /** How many runs may be under way at once on this node (each waits on Azure, seconds to minutes). */
    private static final int RUNS_AT_ONCE = 4;

    @Inject
    private ActionOutcomeService runs;

    @Inject
    private ActionRunService requests;

    @Inject
    private ActionPreparation preparation;

    @Inject
    private AzureActions azure;

    @Inject
    private ClusterNode node;

    @Inject
    private PipelineRepair repairs;

    @Resource
    private ManagedThreadFactory threads;

    /** Runs on threads of their own ({@link WorkThreads}): a containment action never waits behind intake batches. */
    private ExecutorService executor;

    @PostConstruct
    void start() {
        executor = WorkThreads.of(threads, "action-run", RUNS_AT_ONCE);
        recoverInterrupted();
    }

    @PreDestroy
    void stop() {
        WorkThreads.stop(executor);
    }

    /** Marks failed the runs of a node that stopped while running them (this one's last life included). */
    private void recoverInterrupted() {
        try {
            int stale = runs.interrupted();
            if (stale > 0) {
                LOG.log(Level.WARNING, "{0} action run(s) were interrupted by a node stopping and are marked failed",
                        stale);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for interrupted action runs: {0}", e.toString());
        }
    }

    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ActionRunService.Queued queued) {
        executor.execute(() -> perform(queued.runId()));
    }

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    void due() {
        recoverInterrupted();
        try {
            runs.queuedIds().forEach(id -> executor.execute(() -> perform(id)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Action pass stopped: {0}", e.toString());
        }
    }

    private void perform(long id) {
        if (!runs.claim(id, node.id())) {
            return;
        }
        ActionRun run = requests.find(id).orElseThrow();
        CallLog log = call -> runs.recordCall(id, call);
        long t0 = System.nanoTime();
        ActionResult result;
        try {
            result = run.type().repairsPipeline() ? repairs.run(run, log) : execute(run.type(), run.parameterMap(), log);
        } catch (AzureFailure failure) {
            runs.failed(id, failure, (System.nanoTime() - t0) / 1_000_000);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Action run " + id + " failed unexpectedly", e);
            runs.failed(id, new AzureFailure(0, e.getClass().getSimpleName(), "The portal could not complete the"
                    + " action: " + e.getMessage(), null, false, e), (System.nanoTime() - t0) / 1_000_000);
            return;
        }
        runs.succeeded(id, result, (System.nanoTime() - t0) / 1_000_000);
    }

    private ActionResult execute(ActionType type, Map<String, String> p, CallLog log) throws AzureFailure {
        return switch (type) {
            case QUARANTINE_VM -> azure.quarantineVm(p.get("vm"), p.get("nsgResourceGroup"), p.get("nsg"), log);
            case RELEASE_VM -> azure.releaseVm(p.get("nic"), p.get("previousNsg"), log);
            case DISABLE_USER -> azure.disableUser(p.get("user"), log);
            case REVOKE_SESSIONS -> azure.revokeSessions(p.get("user"), log);
            case DISABLE_SERVICE_PRINCIPAL -> azure.disableServicePrincipal(p.get("servicePrincipal"), log);
            case KQL_USER_AUDIT, KQL_IP_ACTIVITY, KQL_KEYVAULT -> azure.queryLogs(
                    preparation.workspaceSubscription(p.get("workspace")), p.get("workspace"), DryRun.query(type, p),
                    Duration.ofHours(Integer.parseInt(p.get("hours"))), type.code() + ".json", log);
            case FETCH_DEFENDER_ALERT -> azure.fetchDefenderAlert(p.get("alert"), log);
            case COLLECT_ENTRA_AUDIT -> azure.collectDirectoryAudits(java.time.Instant.parse(p.get("from")),
                    java.time.Instant.parse(p.get("to")), "entra-audit-log.json", log);
            case ROTATE_SECRET -> azure.rotateSecret(p.get("subscription"), p.get("vault"), p.get("secret"), log);
            case DELETE_ROLE_ASSIGNMENT -> azure.deleteRoleAssignment(p.get("scope"), p.get("assignee"), p.get("role"),
                    log);
            case RESTORE_SQL_PIT -> azure.restoreSqlDatabase(p.get("database"), p.get("target"),
                    OffsetDateTime.parse(p.get("time")), log);
            case RESTORE_VM_BACKUP -> azure.restoreVmFromBackup(p.get("vault"), p.get("vm"), p.get("recoveryPoint"), log);
            case RECORD_IAC_REDEPLOY -> throw new IllegalStateException("An IaC redeploy is recorded, not run.");
            case REPAIR_ACTION_GROUP, REPAIR_AUTOMATION -> throw new IllegalStateException("A repair runs with its plan.");
        };
    }
}
