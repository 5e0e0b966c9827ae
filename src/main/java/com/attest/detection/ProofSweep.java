package com.attest.detection;

import com.attest.azure.AzureIdentity;
import com.attest.calendar.CalendarService;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every five seconds, settles the waiting end-to-end proofs against the portal's intake; once a week (while
 * {@code attest.detection.weekly} is on, from the daily check's hour) sends each configured subscription's test
 * alert, the week claimed in the database first so two nodes never both send it.
 */
@Singleton
@jakarta.ejb.DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Startup
@jakarta.ejb.Lock(jakarta.ejb.LockType.READ)
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class ProofSweep {

    private static final Logger LOG = Logger.getLogger(ProofSweep.class.getName());

    @Inject
    private Proofs proofs;

    @Inject
    private ProofService service;

    @Inject
    private DetectionPipelineService detection;

    @Inject
    private DetectionSettings settings;

    @Inject
    private CalendarService calendars;

    @Inject
    private Clock clock;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void everyFiveSeconds() {
        try {
            proofs.settle();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Settling the detection pipeline proofs failed: {0}", e.toString());
        }
        if (!settings.weekly()) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(calendars.zone()));
        if (now.getHour() < settings.hour()) {
            return;
        }
        for (AzureIdentity subscription : detection.subscriptions()) {
            try {
                if (proofs.claimWeekly(subscription.subscriptionId(), now.toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), clock.instant())) {
                    service.sendWeekly(subscription);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The weekly test alert of " + subscription.name() + " was not sent", e);
            }
        }
    }
}
