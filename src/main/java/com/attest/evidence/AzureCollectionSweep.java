package com.attest.evidence;

import com.attest.azure.AzureClients;
import com.attest.azure.AzureFailure;
import com.attest.calendar.CalendarService;
import com.attest.platform.cluster.ClusterNode;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the Azure evidence collections: every minute it asks for yesterday's (once the configured hour has come, and
 * when nightly collection is on; asked by the node that claims the minute), then claims due collections one at a time — claimed in the database, so two nodes
 * never run one twice — fetches their pages outside any transaction and keeps them with the outcome.
 */
@Singleton
@jakarta.ejb.DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Startup
@jakarta.ejb.Lock(jakarta.ejb.LockType.READ)
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class AzureCollectionSweep {

    private static final Logger LOG = Logger.getLogger(AzureCollectionSweep.class.getName());
    private static final int PER_PASS = 20;

    /** Fired when the lead asked for collections; they start once the request has committed. */
    public record Requested(int count) {
    }

    @Inject
    private AzureCollectionService collections;

    @Inject
    private AzureClients azure;

    @Inject
    private CalendarService calendars;

    @Inject
    private Clock clock;

    @Inject
    private ClusterNode node;

    @Resource
    private ManagedExecutorService executor;

    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Requested requested) {
        executor.execute(this::runDue);
    }

    @Schedule(minute = "*", hour = "*", persistent = false)
    void everyMinute() {
        try {
            if (azure.settings().nightlyCollection() && node.claimTick("azure.nightly", Duration.ofMinutes(1))) {
                ZonedDateTime now = ZonedDateTime.now(clock.withZone(calendars.zone()));
                if (now.getHour() >= azure.settings().collectionHour()) {
                    collections.nightly(now.toLocalDate().minusDays(1));
                }
            }
            runDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Azure evidence collection stopped: {0}", e.toString());
        }
    }

    /** Runs due collections until none is left (or a bound per pass). */
    public void runDue() {
        for (int i = 0; i < PER_PASS; i++) {
            Long id = collections.claim();
            if (id == null) {
                return;
            }
            run(id);
        }
    }

    private void run(long id) {
        try {
            collections.succeeded(id, collections.fetch(id));
        } catch (AzureFailure e) {
            collections.failed(id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Azure evidence collection " + id + " failed", e);
            collections.failed(id, String.valueOf(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }
}
