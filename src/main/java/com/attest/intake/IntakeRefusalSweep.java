package com.attest.intake;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every minute, adds the refused deliveries this node counted to the database; once more when the node stops. The
 * counts are this node's own, so every node runs it.
 */
@Singleton
@jakarta.ejb.DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IntakeRefusalSweep {

    private static final Logger LOG = Logger.getLogger(IntakeRefusalSweep.class.getName());

    @Inject
    private IntakeRefusals refusals;

    @Schedule(minute = "*", hour = "*", persistent = false)
    void due() {
        flush();
    }

    @PreDestroy
    void stopping() {
        flush();
    }

    private void flush() {
        try {
            refusals.flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Refused intake deliveries not yet counted in the database; trying again", e);
        }
    }
}
