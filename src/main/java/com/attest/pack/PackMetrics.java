package com.attest.pack;

import com.attest.platform.metrics.MetricFamily;
import com.attest.platform.metrics.MetricSource;
import com.attest.platform.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** How long the packs this node generated took, by how they ended (finished, cancelled, failed). */
@ApplicationScoped
public class PackMetrics implements MetricSource {

    public static final MetricFamily DURATION = MetricFamily.summary("attest_pack_duration_seconds",
            "How long evidence packs generated on this node took, by outcome (finished, cancelled, failed)");

    @Inject
    private Metrics metrics;

    @Override
    public List<MetricFamily> families() {
        return List.of(DURATION);
    }

    void ran(String outcome, long startNanos) {
        metrics.observe(DURATION, (System.nanoTime() - startNanos) / 1e9, "outcome", outcome);
    }
}
