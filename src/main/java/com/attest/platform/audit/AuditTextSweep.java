package com.attest.platform.audit;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the audit trail's free-text index up to date in the background, out of the way of a burst of writes: every
 * two seconds it looks at the trail's head, and indexes what is new once the trail stood still between two looks (a
 * storm's rows wait until it passes) or when it last indexed a minute ago (a storm that does not pass). On several
 * nodes the index's lock in the database keeps the work to one at a time: a node that finds another indexing leaves
 * the rows to it. A search never waits for the sweep: it brings the index up to date itself first.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Lock(LockType.WRITE)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditTextSweep {

    private static final Logger LOG = Logger.getLogger(AuditTextSweep.class.getName());
    /** Looks (every two seconds) after which the index is brought up to date even while the trail keeps growing. */
    static final int PATIENCE = 30;

    @Inject
    private AuditTextIndex index;

    private long lastHead = -1;
    private int waited;

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void due() {
        try {
            long head = index.head();
            if (due(head, lastHead, waited)) {
                index.catchUpUnlessBusy();
                waited = 0;
            } else {
                waited++;
            }
            lastHead = head;
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "The free-text index of the audit trail was not brought up to date this time: {0}",
                    e.toString());
        }
    }

    /** Whether to index now: the trail stood still since the last look, or it has been growing for too long. */
    static boolean due(long head, long lastHead, int waited) {
        return head == lastHead || waited >= PATIENCE;
    }
}
