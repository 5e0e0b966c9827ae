package com.attest.pir;

import com.attest.platform.cluster.ClusterNode;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sends the reminders of post-incident reviews every quarter of an hour (each is sent once), on
 * the node that claims the tick. */
@Singleton
@jakarta.ejb.DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Startup
public class PirReminderSweep {

    private static final Logger LOG = Logger.getLogger(PirReminderSweep.class.getName());

    @Inject
    private PirReminderService reminders;

    @Inject
    private ClusterNode node;

    @Schedule(minute = "*/15", hour = "*", persistent = false)
    void sweep() {
        if (!node.claimTick("pir.reminders", Duration.ofMinutes(15))) {
            return;
        }
        try {
            int sent = reminders.remind();
            if (sent > 0) {
                LOG.log(Level.INFO, "{0} post-incident review reminder(s) sent", sent);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Post-incident review reminders stopped: {0}", e.toString());
        }
    }
}
