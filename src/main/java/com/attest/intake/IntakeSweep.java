package com.attest.intake;

import com.attest.platform.Outage;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes accepted deliveries behind the 202: woken by each acceptance on this node and every second in any case
 * (deliveries another node accepted, or that waited out a database outage), it claims batch after batch until none is
 * left. One pass runs at a time on a node; what two nodes do is kept apart by the claim in the database, so a
 * delivery is processed once. A batch that fails is gone through one delivery at a time, so one that cannot be
 * processed is marked failed (and kept) while the rest go through.
 */
@Singleton
@jakarta.ejb.DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IntakeSweep {

    private static final Logger LOG = Logger.getLogger(IntakeSweep.class.getName());

    @Inject
    private IntakeDeliveryService deliveries;

    @Resource
    private ManagedExecutorService executor;

    /**
     * Whether a pass is running on this node, and whether one is wanted: kept outside the bean's instance so that
     * intake can ask for processing without a call through the bean's container in an alert storm ({@link #ask}).
     */
    private static final AtomicBoolean running = new AtomicBoolean();
    private static final AtomicBoolean wanted = new AtomicBoolean();

    /** Something was accepted: process it soon (now, unless a pass is running; that pass will take it). */
    public void wake() {
        if (!ask()) {
            executor.execute(this::drain);
        }
    }

    /**
     * Asks for processing; true when a pass is running, which then takes what was asked for (it looks again before it
     * ends), false when none is and {@link #wake} must start one. A pass sets running false before it looks whether
     * it is wanted again, and this sets wanted before it looks whether one runs: one of the two always sees the other.
     */
    static boolean ask() {
        wanted.set(true);
        return running.get();
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void due() {
        wanted.set(true);
        drain();
    }

    /**
     * The least time from the start of one pass to the start of the next, unless the first was full. A pass has a
     * fixed cost (its transaction, locks, claim, numbering, the audit trail's head) whatever it processes: in a storm,
     * passes started back to back would each take the few deliveries kept meanwhile and spend more of the machine on
     * that cost than on the alerts; paced, each takes what a tenth of a second brought. An alert after a quiet spell
     * is processed at once.
     */
    static final long PACE_NANOS = 100_000_000L;
    private static volatile long lastPass = System.nanoTime() - PACE_NANOS;

    /** Processes until nothing is pending. */
    public void drain() {
        while (wanted.get() && running.compareAndSet(false, true)) {
            try {
                pace();
                wanted.set(false);
                while (pass() == IntakeDeliveryService.BATCH) {
                    wanted.set(false);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "Intake processing paused, retried within a second: {0}", e.toString());
                return;
            } finally {
                running.set(false);
            }
        }
    }

    /** Waits until a pace has passed since the last pass began. */
    private static void pace() {
        long wait = lastPass + PACE_NANOS - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int pass() {
        lastPass = System.nanoTime();
        try {
            return deliveries.processBatch(IntakeDeliveryService.BATCH);
        } catch (RuntimeException batchFailed) {
            if (Outage.isTransient(batchFailed)) {
                throw batchFailed;
            }
            LOG.log(Level.WARNING, "An intake batch failed; processing its deliveries one by one", batchFailed);
        }
        List<Long> ids = deliveries.claimable(IntakeDeliveryService.BATCH);
        for (long id : ids) {
            try {
                deliveries.processOne(id);
            } catch (RuntimeException e) {
                if (Outage.isTransient(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Intake delivery " + id + " cannot be processed; kept as failed", e);
                deliveries.fail(id, "Processing failed: " + rootMessage(e));
            }
        }
        return ids.size();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
