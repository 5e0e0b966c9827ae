package com.attest.incident;

import com.attest.platform.metrics.MetricFamily;
import com.attest.platform.metrics.MetricSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Incidents opened per severity and the response-SLA clocks ({@link SlaClock}) by state, read from the database when
 * scraped: the same on every node.
 */
@ApplicationScoped
public class IncidentMetrics implements MetricSource {

    public static final MetricFamily OPENED = MetricFamily.counter("attest_incidents_opened_total",
            "Incidents opened, by severity (all nodes)");
    public static final MetricFamily SLA_CLOCKS = MetricFamily.gauge("attest_sla_clocks",
            "Response-SLA clocks by state: running (within target), overdue (past target, still running),"
                    + " met, breached (declared late) (all nodes)");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Override
    public List<MetricFamily> families() {
        return List.of(OPENED, SLA_CLOCKS);
    }

    @Override
    public void sample(Samples samples) {
        Map<Severity, Long> opened = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            opened.put(s, 0L);
        }
        for (Object[] row : rows("SELECT severity, count(*) FROM incident GROUP BY severity")) {
            opened.put(Severity.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        opened.forEach((severity, n) -> samples.add(OPENED, n, "severity", severity.name()));

        Map<String, Long> clocks = new LinkedHashMap<>();
        for (SlaClock.State s : SlaClock.State.values()) {
            clocks.put(s.name().toLowerCase(Locale.ROOT), 0L);
        }
        // the clock stops at declaration (or closing undeclared), as Incident.slaClock reads it
        List<Object[]> states = em.createNativeQuery("""
                SELECT CASE WHEN coalesce(declared_at, closed_at) IS NULL
                            THEN CASE WHEN response_due_at < ?1 THEN 'overdue' ELSE 'running' END
                            ELSE CASE WHEN coalesce(declared_at, closed_at) > response_due_at THEN 'breached'
                                      ELSE 'met' END END AS state, count(*)
                FROM incident GROUP BY 1""").setParameter(1, Timestamp.from(clock.instant())).getResultList();
        for (Object[] row : states) {
            clocks.put((String) row[0], ((Number) row[1]).longValue());
        }
        clocks.forEach((state, n) -> samples.add(SLA_CLOCKS, n, "state", state));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }
}
