package com.attest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Contention on purpose: one task per "node", each on its own thread, all released at once. */
public final class Race {

    private Race() {
    }

    /** Runs {@code task.apply(n)} for each of {@code nodes} nodes at the same moment; their answers in node order. */
    public static <T> List<T> race(int nodes, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CyclicBarrier start = new CyclicBarrier(nodes);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                Callable<T> body = task.apply(n);
                futures.add(pool.submit(() -> {
                    start.await();
                    return body.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
