package com.attest.notify;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers queued notifications outside any transaction: right after the transaction that queued them
 * commits, and every few seconds for retries that fell due. One pass runs at a time; the outbox lease keeps a
 * message from going out twice.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class.getName());

    @Inject
    private Notifications notifications;

    @Inject
    private OnCallChannels channels;

    @Inject
    private com.attest.intake.IntakeRules intake;

    @Inject
    private Clock clock;

    @Resource
    private ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "attest.portal.url", defaultValue = "http://localhost:8080")
    private String portalUrl;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Notifications.Queued queued) {
        executor.execute(this::dispatch);
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void due() {
        dispatch();
    }

    /** Sends everything due; a request that arrives during a pass makes the pass look once more. */
    public void dispatch() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                List<Long> due;
                while (!(due = notifications.claimDue(20)).isEmpty()) {
                    due.forEach(this::deliver);
                }
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notification pass stopped: {0}", e.toString());
        } finally {
            running.set(false);
        }
    }

    private void deliver(long id) {
        Map.Entry<Notification, OnCallMessage> entry = notifications.message(id, portalUrl.replaceAll("/+$", ""));
        Notification n = entry.getKey();
        OnCallChannel channel = channels.usable(intake.settings().recipients()).get(n.getChannel());
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        try {
            if (channel == null) {
                throw new DeliveryFailed(n.getChannel().getLabel() + " is no longer configured.", false, null, null, null);
            }
            Delivery delivery = channel.send(entry.getValue());
            notifications.delivered(id, delivery, clock.instant(), (System.nanoTime() - t0) / 1_000_000);
        } catch (DeliveryFailed failed) {
            LOG.log(Level.INFO, "Notification {0} via {1} failed: {2}", new Object[]{id, n.getChannel(),
                    failed.getMessage()});
            notifications.failed(id, failed, start, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
