package com.attest.detection;

import com.attest.action.RepairFinished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a repair Azure accepted is recorded, the subscription's pipeline is checked again (on a thread of its own), so the page shows what the
 * repair achieved (and the CC7.3 gap closes only when the check passes).
 */
@ApplicationScoped
public class RepairRecheck {

    private static final Logger LOG = Logger.getLogger(RepairRecheck.class.getName());

    @Inject
    private DetectionPipelineService detection;

    @jakarta.annotation.Resource
    private jakarta.enterprise.concurrent.ManagedExecutorService executor;

    void afterRepair(@Observes(during = TransactionPhase.AFTER_SUCCESS) RepairFinished repair) {
        if (!repair.effective()) {
            return;
        }
        executor.execute(() -> {
            try {
                detection.recheck(repair.subscriptionId(), repair.runId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The detection pipeline could not be checked after repair run "
                        + repair.runId(), e);
            }
        });
    }
}
