package com.attest.platform;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of its own for background work that must not wait behind the rest. The container's default managed
 * executor has no core threads and an unbounded queue, which makes it one thread for every feature's background
 * work: in an alert storm a page or a containment action waited behind intake batches, and a slow channel held up
 * every page after it. The threads come from the container's {@link ManagedThreadFactory} (its naming, class loader
 * and security context); none is kept while there is nothing to do.
 */
public final class WorkThreads {

    private WorkThreads() {
    }

    /** Up to {@code size} threads named {@code name-1}, {@code name-2}, …; what finds them all busy waits its turn. */
    public static ExecutorService of(ManagedThreadFactory threads, String name, int size) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = threads.newThread(task);
                    thread.setName(name + "-" + count.incrementAndGet());
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Stops taking work and gives what is running a few seconds to finish. What was claimed and not done stays
     * claimed by this node, whose sign-off hands it to another node (or to this one, started again).
     */
    public static void stop(ExecutorService pool) {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
