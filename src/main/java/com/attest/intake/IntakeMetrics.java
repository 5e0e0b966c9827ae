package com.attest.intake;

import com.attest.platform.metrics.MetricFamily;
import com.attest.platform.metrics.MetricSource;
import com.attest.platform.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** How this node answered alert deliveries: accepted (202) or refused, and why, per source. */
@ApplicationScoped
public class IntakeMetrics implements MetricSource {

    public static final MetricFamily DELIVERIES = MetricFamily.counter("attest_intake_deliveries_total",
            "Alert deliveries this node answered since it started, by source, outcome (accepted, refused) and reason");

    @Inject
    private Metrics metrics;

    @Override
    public List<MetricFamily> families() {
        return List.of(DELIVERIES);
    }

    /** A delivery from {@code source} (the path it was sent to) was answered with {@code status}. */
    public void answered(String source, int status) {
        boolean accepted = status == 202;
        metrics.increment(DELIVERIES, "source", source, "outcome", accepted ? "accepted" : "refused",
                "reason", reason(status));
    }

    static String reason(int status) {
        return switch (status) {
            case 202 -> "accepted";
            case 400, 422 -> "unreadable";
            case 401 -> "unauthenticated";
            case 403 -> "not-allowed";
            case 404 -> "unknown-source";
            case 413 -> "too-large";
            case 415 -> "not-json";
            case 429 -> "throttled";
            case 503 -> "unavailable";
            default -> "status-" + status;
        };
    }
}
