package com.attest.pir;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sends the reminders of post-incident reviews every quarter of an hour (each is sent once). */
@Singleton
@Startup
public class PirReminderSweep {

    private static final Logger LOG = Logger.getLogger(PirReminderSweep.class.getName());

    @Inject
    private PirReminderService reminders;

    @Schedule(minute = "*/15", hour = "*", persistent = false)
    void sweep() {
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
