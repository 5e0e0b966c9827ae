package com.attest.oncall;

import com.attest.platform.WorkThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers queued notifications outside any transaction: right after the transaction that queued them
 * commits, and every few seconds for retries that fell due. Deliveries have threads of their own
 * ({@value #DELIVERIES_AT_ONCE} at once, {@link WorkThreads}), so a slow channel holds up no other page.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxSweep {

    private static final Logger LOG = Logger.getLogger(OutboxSweep.class.getName());
    private static final int BATCH = 50;
    /** How many messages may be on their way at once (each waits on its channel, seconds at worst). */
    static final int DELIVERIES_AT_ONCE = 8;

    @Inject
    private OutboxService notifications;

    @Inject
    private OnCallChannels channels;

    @Inject
    private OnCallSettingsService onCall;

    @Inject
    private Clock clock;

    @Inject
    private SentinelWriter sentinel;

    @Resource
    private ManagedThreadFactory threads;

    private ExecutorService executor;

    @Inject
    @ConfigProperty(name = "attest.portal.url", defaultValue = "http://localhost:8080")
    private String portalUrl;

    @PostConstruct
    void startDeliveryThreads() {
        executor = WorkThreads.of(threads, "outbox-delivery", DELIVERIES_AT_ONCE);
    }

    @PreDestroy
    void stopDeliveryThreads() {
        WorkThreads.stop(executor);
    }

    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxService.Queued queued) {
        executor.execute(this::dispatch);
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void due() {
        dispatch();
    }

    /**
     * Claims what is due (and what a node that died had claimed) and delivers each message on its own thread, so a
     * slow or unreachable channel never holds up the others. The claim keeps a message from going out twice while its
     * node lives; see {@link OutboxClaims}.
     */
    public void dispatch() {
        try {
            List<Long> due;
            do {
                due = notifications.claimDue(BATCH);
                for (long id : due) {
                    executor.execute(() -> deliver(id));
                }
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notification pass stopped: {0}", e.toString());
        }
    }

    private void writeBack(Notification n, Long attempt, Instant start) {
        long t0 = System.nanoTime();
        SentinelWriter.Outcome outcome;
        try {
            outcome = sentinel.write(n.getTarget(), n.getBody());
        } catch (SentinelWriter.Failed failed) {
            LOG.log(Level.INFO, "Write-back {0} to Sentinel failed: {1}", new Object[]{n.getId(), failed.getMessage()});
            notifications.writeBackFailed(n.getId(), attempt, failed, start, (System.nanoTime() - t0) / 1_000_000);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Write-back " + n.getId() + " to Sentinel failed unexpectedly", e);
            notifications.failed(n.getId(), attempt, new DeliveryFailed("Microsoft Sentinel write-back failed: " + e,
                    true, null, null, e), start, (System.nanoTime() - t0) / 1_000_000);
            return;
        }
        notifications.wroteBack(n.getId(), attempt, outcome, clock.instant(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void deliver(long id) {
        Map.Entry<Notification, OnCallMessage> entry = notifications.message(id, portalUrl.replaceAll("/+$", ""));
        Notification n = entry.getKey();
        if (n.getState() != Notification.State.PENDING) {
            return; // delivered or given up meanwhile
        }
        Instant start = clock.instant();
        // written in flight before it goes out: a node taking it over after this one dies knows the outcome is unknown
        Long attempt = notifications.begin(id, start);
        if (attempt == null) {
            return; // sent, given up or taken over by another node meanwhile
        }
        if (n.getAction() == OnCallMessage.Action.WRITE_BACK) {
            writeBack(n, attempt, start);
            return;
        }
        boolean mail = n.getAction() == OnCallMessage.Action.MAIL;
        OnCallChannel channel = mail ? channels.mailer().orElse(null)
                : channels.usable(onCall.settings().recipients()).get(n.getChannel());
        long t0 = System.nanoTime();
        Delivery delivery;
        try {
            if (channel == null) {
                throw new DeliveryFailed(n.getChannel().getLabel() + " is no longer configured.", false, null, null,
                        null);
            }
            delivery = mail ? ((GraphMailChannel) channel).send(n.recipientList(), n.getSubject(), n.getBody())
                    : channel.send(entry.getValue());
        } catch (DeliveryFailed failed) {
            LOG.log(Level.INFO, "Notification {0} via {1} failed: {2}", new Object[]{id, n.getChannel(),
                    failed.getMessage()});
            notifications.failed(id, attempt, failed, start, (System.nanoTime() - t0) / 1_000_000);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notification " + id + " via " + n.getChannel() + " failed unexpectedly", e);
            notifications.failed(id, attempt, new DeliveryFailed(n.getChannel().getLabel() + " failed: " + e, true,
                    null, null, e), start, (System.nanoTime() - t0) / 1_000_000);
            return;
        }
        // recorded outside the send's failure handling: a hiccup while recording must not send it twice
        notifications.delivered(id, attempt, delivery, clock.instant(), (System.nanoTime() - t0) / 1_000_000);
    }
}
