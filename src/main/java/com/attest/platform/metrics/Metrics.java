package com.attest.platform.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this node counted since it started: counters and summaries (count and sum), each by its labels. Values read
 * from the database are not kept here; their sources add them when scraped.
 */
@ApplicationScoped
public class Metrics {

    private record Key(String family, List<String> labels) {
    }

    private record Summary(LongAdder count, DoubleAdder sum) {
    }

    private final Map<Key, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<Key, Summary> summaries = new ConcurrentHashMap<>();

    /** Adds one to a counter; {@code labels} are name, value, name, value… */
    public void increment(MetricFamily family, String... labels) {
        add(family, 1, labels);
    }

    /** Adds {@code n} to a counter. */
    public void add(MetricFamily family, long n, String... labels) {
        counters.computeIfAbsent(new Key(family.name(), Arrays.asList(labels)), k -> new LongAdder()).add(n);
    }

    /** Adds one observation (seconds, for durations) to a summary. */
    public void observe(MetricFamily family, double value, String... labels) {
        Summary s = summaries.computeIfAbsent(new Key(family.name(), Arrays.asList(labels)),
                k -> new Summary(new LongAdder(), new DoubleAdder()));
        s.count().increment();
        s.sum().add(value);
    }

    /** Writes what was counted of {@code family}. */
    public void write(MetricFamily family, MetricSource.Samples out) {
        counters.forEach((key, value) -> {
            if (key.family().equals(family.name())) {
                out.add(family, value.sum(), key.labels().toArray(String[]::new));
            }
        });
        summaries.forEach((key, value) -> {
            if (key.family().equals(family.name())) {
                out.summary(family, value.count().sum(), value.sum().sum(), key.labels().toArray(String[]::new));
            }
        });
    }
}
