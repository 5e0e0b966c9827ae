package com.attest.intake;

import com.attest.platform.Outage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of accepted deliveries: deliveries that arrive while one transaction is keeping others are kept
 * together by the next, in one multi-row insert and one commit, so a storm of concurrent deliveries costs a
 * transaction per group instead of one each. Each caller still returns only once its own delivery is committed (the
 * 202 promises that), and deliveries are numbered in the order they were handed in, so a Resolved sent after its
 * Fired was answered is processed after it. Whoever holds the writer's lock writes what is queued; a caller whose
 * delivery another caller's group committed meanwhile returns at once. Processing is woken once per group, and finds
 * what the group kept as intake read it ({@link AcceptedAlerts}). While processing is more than a batch behind what
 * this node accepted, a delivery waits a few milliseconds before it joins a group, so that a storm cannot take the
 * cores from processing for as long as it lasts.
 */
@ApplicationScoped
public class IntakeGroupCommit {

    /** The most deliveries one transaction keeps. */
    static final int MAX_GROUP = 200;

    /** A delivery waiting to be kept, and its id once it is. */
    private static final class Waiting {
        final ReceivedAlert alert;
        final Delivery delivery;
        final CompletableFuture<Long> id = new CompletableFuture<>();

        Waiting(ReceivedAlert alert, Delivery delivery) {
            this.alert = alert;
            this.delivery = delivery;
        }
    }

    @Inject
    private IntakeDeliveryService deliveries;

    @Inject
    private IntakeSweep sweep;

    @Inject
    private AcceptedAlerts accepted;

    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    /** Keeps a delivery read as {@code alert} (with whatever else is waiting); its id once committed. */
    public long accept(ReceivedAlert alert, Delivery delivery) {
        yieldToProcessing();
        Waiting waiting = new Waiting(alert, delivery);
        queue.add(waiting);
        writer.lock();
        try {
            while (!waiting.id.isDone()) {
                writeGroup();
            }
        } finally {
            writer.unlock();
        }
        try {
            return waiting.id.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error fatal) {
                throw fatal;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits while processing is far behind what this node accepted ({@link AcceptedAlerts#pauseMillis()}). */
    private void yieldToProcessing() {
        long pause = accepted.pauseMillis();
        if (pause > 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Processing is asked for; the bean is called only to start a pass when none is running. */
    private void wake() {
        if (!IntakeSweep.ask()) {
            sweep.wake();
        }
    }

    private void writeGroup() {
        List<Waiting> group = new ArrayList<>();
        Waiting next;
        while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            List<Long> ids = deliveries.acceptAll(group.stream()
                    .map(w -> new IntakeDeliveryService.Accepting(w.alert, w.delivery)).toList());
            for (int i = 0; i < group.size(); i++) {
                accepted.keep(ids.get(i), group.get(i).delivery, group.get(i).alert);
                group.get(i).id.complete(ids.get(i));
            }
            wake(); // once per group: processing takes the whole group
        } catch (Error fatal) {
            // nobody may wait for a group that will never be written
            group.forEach(w -> w.id.completeExceptionally(fatal));
            throw fatal;
        } catch (RuntimeException failure) {
            if (group.size() == 1 || Outage.isTransient(failure)) {
                group.forEach(w -> w.id.completeExceptionally(failure));
                return;
            }
            // one delivery the group could not keep must not cost the others theirs: each on its own
            for (Waiting w : group) {
                try {
                    w.id.complete(deliveries.accept(w.alert, w.delivery));
                } catch (RuntimeException alone) {
                    w.id.completeExceptionally(alone);
                }
            }
            wake();
        }
    }
}
