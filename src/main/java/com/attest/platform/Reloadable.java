package com.attest.platform;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read from the database and reused for a short while, because a hot path needs it on every request
 * (the business calendar, response targets, intake settings and rules). A change forgets it at once and again
 * when its transaction ends, so a read made meanwhile cannot keep the old value alive.
 */
public final class Reloadable<T> {

    private record Held<T>(T value, long readAt) {
    }

    private final Duration reuse;
    private volatile Held<T> held;

    public Reloadable(Duration reuse) {
        this.reuse = reuse;
    }

    public T get(Supplier<T> read) {
        Held<T> h = held;
        if (h != null && System.nanoTime() - h.readAt() < reuse.toNanos()) {
            return h.value();
        }
        T value = read.get();
        held = new Held<>(value, System.nanoTime());
        return value;
    }

    /** Forgets the value now and, inside a transaction, once more when it has committed or rolled back. */
    public void forget(TransactionSynchronizationRegistry transaction) {
        held = null;
        nowAndAfter(transaction, () -> held = null);
    }

    /**
     * Runs {@code forget} now and, inside a transaction, again when it ends: a read made while the change was
     * uncommitted cannot keep the old state alive.
     */
    public static void nowAndAfter(TransactionSynchronizationRegistry transaction, Runnable forget) {
        forget.run();
        if (transaction != null && transaction.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    forget.run();
                }
            });
        }
    }
}
