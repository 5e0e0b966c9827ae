package com.attest.detection;

import com.attest.azure.AzureIdentity;
import com.attest.calendar.CalendarService;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daily check of every configured subscription's detection pipeline, from the configured hour of the
 * organisation's day (while {@code attest.detection.daily} is on). Each subscription's day is claimed in the database
 * first, so two nodes never both check it.
 */
@Singleton
@jakarta.ejb.DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Startup
@jakarta.ejb.Lock(jakarta.ejb.LockType.READ)
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class DetectionCheckSweep {

    private static final Logger LOG = Logger.getLogger(DetectionCheckSweep.class.getName());

    @Inject
    private DetectionSettings settings;

    @Inject
    private DetectionPipelineService service;

    @Inject
    private PipelineChecks checks;

    @Inject
    private CalendarService calendars;

    @Inject
    private Clock clock;

    @Schedule(minute = "*/5", hour = "*", persistent = false)
    void everyFiveMinutes() {
        if (!settings.daily()) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(calendars.zone()));
        if (now.getHour() < settings.hour()) {
            return;
        }
        for (AzureIdentity subscription : service.subscriptions()) {
            try {
                if (checks.claimDaily(subscription.subscriptionId(), now.toLocalDate(), clock.instant())) {
                    service.checkDaily(subscription);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The daily detection pipeline check of " + subscription.name() + " failed", e);
            }
        }
    }
}
