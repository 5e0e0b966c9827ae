package com.attest.platform.audit;

import com.attest.platform.metrics.MetricFamily;
import com.attest.platform.metrics.MetricSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** How many rows this node appended to the audit trail (counted as their transactions commit). */
@ApplicationScoped
public class AuditMetrics implements MetricSource {

    public static final MetricFamily APPENDS = MetricFamily.counter("attest_audit_appends_total",
            "Rows this node appended to the audit trail since it started (committed)");

    @Override
    public List<MetricFamily> families() {
        return List.of(APPENDS);
    }
}
