package com.attest.intake;

import com.attest.calendar.CalendarService;
import com.attest.incident.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts deliveries refused before a caller could be identified (401: no key, or an unknown, revoked or expired one, or
 * a refused token; 403: a key or token of another source). Nothing of them is kept: counting one costs no database
 * work, so a flood of them cannot slow intake down. Counts are held per minute on this node and added to the database
 * every minute (and whenever the intake page is read, and when the node stops); each node adds its own, so two nodes
 * never count one twice.
 */
@ApplicationScoped
public class IntakeRefusals {

    /** A day's count of one source and answer. */
    public record Day(LocalDate day, Source source, int status, long count) implements Serializable {
    }

    private record Key(Instant minute, Source source, int status) {
    }

    private final Map<Key, Long> pending = new ConcurrentHashMap<>();

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private CalendarService calendars;

    /** One refused delivery, counted now. */
    public void count(Source source, int status) {
        pending.merge(new Key(clock.instant().truncatedTo(ChronoUnit.MINUTES), source, status), 1L, Long::sum);
    }

    /** Adds what this node counted to the database; what cannot be written stays counted here for the next time. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        ZoneId zone = calendars.zone();
        Map<Key, Long> taken = new HashMap<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Long n = pending.remove(key);
            if (n != null) {
                taken.merge(key, n, Long::sum);
            }
        }
        try {
            Map<Day, Long> days = new HashMap<>();
            taken.forEach((key, n) -> days.merge(new Day(LocalDate.ofInstant(key.minute(), zone), key.source(),
                    key.status(), 0), n, Long::sum));
            days.forEach((day, n) -> em.createNativeQuery("""
                            INSERT INTO intake_refusal_count (day, source, status, count) VALUES (?1, ?2, ?3, ?4)
                            ON CONFLICT (day, source, status)
                            DO UPDATE SET count = intake_refusal_count.count + EXCLUDED.count""")
                    .setParameter(1, java.sql.Date.valueOf(day.day())).setParameter(2, day.source().name())
                    .setParameter(3, day.status()).setParameter(4, n).executeUpdate());
            em.flush();
        } catch (RuntimeException e) {
            taken.forEach((key, n) -> pending.merge(key, n, Long::sum));
            throw e;
        }
    }

    /** The counts of the last {@code days} days, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Day> byDay(int days) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT day, source, status, count FROM intake_refusal_count WHERE day >= ?1
                        ORDER BY day DESC, source, status""")
                .setParameter(1, java.sql.Date.valueOf(LocalDate.ofInstant(clock.instant().minus(Duration.ofDays(days)),
                        calendars.zone()))).getResultList();
        return rows.stream().map(r -> new Day(((java.sql.Date) r[0]).toLocalDate(), Source.valueOf((String) r[1]),
                ((Number) r[2]).intValue(), ((Number) r[3]).longValue())).toList();
    }
}
