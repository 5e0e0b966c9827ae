package com.attest.oncall;

import com.attest.platform.metrics.MetricFamily;
import com.attest.platform.metrics.MetricSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outbox per channel, read from the database when scraped: what waits to go out, and the attempts that failed. */
@ApplicationScoped
public class OutboxMetrics implements MetricSource {

    public static final MetricFamily BACKLOG = MetricFamily.gauge("attest_outbox_backlog",
            "Messages waiting in the outbox (pending), by channel (all nodes)");
    public static final MetricFamily FAILURES = MetricFamily.counter("attest_outbox_failures_total",
            "Delivery attempts that failed, by channel and outcome (retry: tried again later; failed: given up;"
                    + " unknown: the node sending it stopped before it knew, sent again) (all nodes)");

    @PersistenceContext
    private EntityManager em;

    @Override
    public List<MetricFamily> families() {
        return List.of(BACKLOG, FAILURES);
    }

    @Override
    public void sample(Samples samples) {
        Map<Channel, Long> backlog = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            backlog.put(c, 0L);
        }
        for (Object[] row : rows("SELECT channel, count(*) FROM notification WHERE state = 'PENDING'"
                + " GROUP BY channel")) {
            backlog.put(Channel.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        backlog.forEach((channel, n) -> samples.add(BACKLOG, n, "channel", name(channel)));
        List<Object[]> failures = rows("SELECT n.channel, a.outcome, count(*) FROM notification_attempt a"
                + " JOIN notification n ON n.id = a.notification_id WHERE a.outcome IN ('RETRY', 'FAILED', 'UNKNOWN')"
                + " GROUP BY n.channel, a.outcome");
        for (Channel c : Channel.values()) {
            for (String outcome : List.of("retry", "failed", "unknown")) {
                long n = 0;
                for (Object[] row : failures) {
                    if (row[0].equals(c.name()) && ((String) row[1]).equalsIgnoreCase(outcome)) {
                        n = ((Number) row[2]).longValue();
                    }
                }
                samples.add(FAILURES, n, "channel", name(c), "outcome", outcome);
            }
        }
    }

    private static String name(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }
}
