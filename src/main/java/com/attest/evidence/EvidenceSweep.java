package com.attest.evidence;

import com.attest.platform.cluster.ClusterNode;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the register complete: registers what the sources hold every minute (in batches, each its own
 * transaction; while alerts wait to be processed — a storm — for up to ten minutes after it), and once a day queues
 * the items whose retention has passed. With several nodes, each tick is done
 * by the node that claims it.
 */
@Singleton
@jakarta.ejb.DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Startup
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class EvidenceSweep {

    private static final Logger LOG = Logger.getLogger(EvidenceSweep.class.getName());
    private static final int MAX_BATCHES = 50;

    @Inject
    private EvidenceService register;

    @Inject
    private ClusterNode node;

    @Inject
    private EvidenceSources sources;

    /** Minutes in a row the pass waited for a storm to pass (on this node). */
    private int deferred;

    /** Passes that may wait in a row for alerts waiting to be processed: the register is ten minutes behind at most. */
    static final int STORM_PATIENCE = 10;

    /**
     * Whether this minute's pass waits: alerts are waiting to be processed (a storm is on: registering its payloads
     * now would compete with processing them for the database), unless it has waited {@link #STORM_PATIENCE} times.
     */
    static boolean waitForStorm(boolean alertsWaiting, int deferred) {
        return alertsWaiting && deferred < STORM_PATIENCE;
    }

    /**
     * Registers until nothing is left (or a bound per pass); returns how many items were added. The pass's first
     * batch looks at every source from its start, each next one at the alert payloads beyond those already seen.
     */
    public int registerAll() {
        return registerAll(false);
    }

    /**
     * As {@link #registerAll()}; a pass that {@code yieldsToStorms} also stops between two batches once alerts are
     * waiting to be processed (a storm began while it ran: the next minute's pass waits for it to pass).
     */
    int registerAll(boolean yieldsToStorms) {
        int total = 0;
        long payloadsAfter = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            if (yieldsToStorms && i > 0 && sources.alertsWaiting()) {
                break;
            }
            EvidenceService.Batch batch = register.registerBatch(payloadsAfter);
            total += batch.added();
            if (batch.added() == 0) {
                break;
            }
            payloadsAfter = batch.payloadsUpTo();
        }
        return total;
    }

    @Schedule(minute = "*", hour = "*", persistent = false)
    void everyMinute() {
        if (!node.claimTick("evidence.register", Duration.ofMinutes(1))) {
            return;
        }
        try {
            if (waitForStorm(sources.alertsWaiting(), deferred)) {
                deferred++;
                return;
            }
            deferred = 0;
            int added = registerAll(true);
            if (added > 0) {
                LOG.log(Level.FINE, "{0} evidence item(s) registered", added);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Evidence registration stopped: {0}", e.toString());
        }
    }

    @Schedule(minute = "15", hour = "2", persistent = false)
    void daily() {
        if (!node.claimTick("evidence.retention", Duration.ofDays(1))) {
            return;
        }
        try {
            int queued = register.queueExpired();
            if (queued > 0) {
                LOG.log(Level.INFO, "{0} evidence item(s) past retention queued for disposal", queued);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention sweep stopped: {0}", e.toString());
        }
    }
}
