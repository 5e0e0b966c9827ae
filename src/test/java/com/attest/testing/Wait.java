package com.attest.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waiting: polls a condition instead of sleeping a fixed time, and fails saying what never happened. */
public final class Wait {

    private static final Duration POLL = Duration.ofMillis(100);

    private Wait() {
    }

    /** Returns once {@code condition} holds; fails after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition::getAsBoolean, done -> done);
    }

    /** Polls {@code value} until {@code done} accepts it and returns that value; fails after {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T current = value.get();
            if (done.test(current)) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting: " + what
                        + " (last seen: " + current + ")");
            }
            pause();
        }
    }

    /** Fails as soon as {@code condition} stops holding during {@code period}: something that must not happen. */
    public static void holds(String what, Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            pause();
        } while (System.nanoTime() < end);
        if (!condition.getAsBoolean()) {
            throw new AssertionError("no longer true: " + what);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
