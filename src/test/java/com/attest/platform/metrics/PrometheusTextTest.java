package com.attest.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The text a Prometheus server reads: families once, labels escaped, counters and summaries as it expects them. */
class PrometheusTextTest {

    private static final MetricFamily CALLS = MetricFamily.counter("attest_test_calls_total", "Calls\nmade");
    private static final MetricFamily SECONDS = MetricFamily.summary("attest_test_seconds", "How long");
    private static final MetricFamily WAITING = MetricFamily.gauge("attest_test_waiting", "Waiting");

    @Test
    void familiesAreListedOnceWithTheirSamplesEvenWhenEmpty() {
        Metrics metrics = new Metrics();
        metrics.increment(CALLS, "api", "graph");
        metrics.increment(CALLS, "api", "graph");
        metrics.add(CALLS, 3, "api", "say \"hi\"\\");
        metrics.observe(SECONDS, 0.25, "api", "graph");
        metrics.observe(SECONDS, 1.5, "api", "graph");
        PrometheusText text = new PrometheusText();
        for (MetricFamily f : new MetricFamily[] {CALLS, SECONDS, WAITING}) {
            text.declare(f);
            metrics.write(f, text);
        }
        String out = text.text();
        assertEquals(1, out.lines().filter(l -> l.equals("# TYPE attest_test_calls_total counter")).count(), out);
        assertEquals(true, out.contains("# HELP attest_test_calls_total Calls\\nmade\n"), out);
        assertEquals(true, out.contains("\nattest_test_calls_total{api=\"graph\"} 2\n"), out);
        assertEquals(true, out.contains("\nattest_test_calls_total{api=\"say \\\"hi\\\"\\\\\"} 3\n"), out);
        assertEquals(true, out.contains("\nattest_test_seconds_count{api=\"graph\"} 2\n"), out);
        assertEquals(true, out.contains("\nattest_test_seconds_sum{api=\"graph\"} 1.75\n"), out);
        assertEquals(true, out.endsWith("# HELP attest_test_waiting Waiting\n# TYPE attest_test_waiting gauge\n"), out);
    }

    @Test
    void namesAndLabelsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> MetricFamily.counter("attest_calls", "no _total"));
        assertThrows(IllegalArgumentException.class, () -> MetricFamily.gauge("attest calls", "a space"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.labels("api"));
        PrometheusText text = new PrometheusText();
        text.declare(WAITING);
        assertThrows(IllegalArgumentException.class, () -> text.declare(
                MetricFamily.summary("attest_test_waiting", "the same name, another kind")));
    }
}
