package com.attest.incident;

import com.attest.calendar.CalendarService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the register: the filtered, sorted, paged list (one query for the page, one for the count, both on
 * indexed columns) and the dashboard's figures.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentRegister {

    /** Sortable columns: what the page may ask for, mapped to what the query orders by. */
    private static final Map<String, String> SORTABLE = Map.of(
            "reference", "i.id", "title", "i.title", "severity", "i.severity", "status", "i.status",
            "owner", "i.owner", "detectedAt", "i.detectedAt", "responseDueAt", "i.responseDueAt");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private CalendarService calendars;

    public List<Incident> page(IncidentFilter filter, String sortField, boolean ascending, int first, int size) {
        String order = SORTABLE.getOrDefault(sortField, "i.detectedAt");
        String direction = ascending ? " ASC" : " DESC";
        TypedQuery<Incident> query = em.createQuery("SELECT i FROM Incident i" + where(filter)
                + " ORDER BY " + order + direction + ", i.id" + direction, Incident.class);
        bind(query, filter);
        return query.setFirstResult(first).setMaxResults(size).getResultList();
    }

    public long count(IncidentFilter filter) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(i) FROM Incident i" + where(filter), Long.class);
        bind(query, filter);
        return query.getSingleResult();
    }

    /** Open incidents per severity. */
    public Map<Severity, Long> openBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L);
        }
        for (Object[] row : em.createQuery("SELECT i.severity, COUNT(i) FROM Incident i WHERE i.status NOT IN"
                + " :closed GROUP BY i.severity", Object[].class).setParameter("closed", Status.CLOSED_STATES)
                .getResultList()) {
            counts.put((Severity) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** Incidents whose response is overdue right now, most overdue first. */
    public List<Incident> overdue(int max) {
        return em.createQuery("SELECT i FROM Incident i WHERE i.declaredAt IS NULL AND i.responseDueAt <= :now"
                        + " AND i.status NOT IN :closed ORDER BY i.responseDueAt", Incident.class)
                .setParameter("now", clock.instant()).setParameter("closed", Status.CLOSED_STATES)
                .setMaxResults(max).getResultList();
    }

    /** Open incidents {@code owner} owns, the soonest response due first. */
    public List<Incident> openOwnedBy(String owner, int max) {
        return em.createQuery("SELECT i FROM Incident i WHERE i.owner = :owner AND i.status NOT IN :closed"
                        + " ORDER BY i.responseDueAt, i.id", Incident.class)
                .setParameter("owner", owner).setParameter("closed", Status.CLOSED_STATES)
                .setMaxResults(max).getResultList();
    }

    /** Detected incidents nobody has declared yet: they wait for a responder, the soonest due first. */
    public List<Incident> undeclared(int max) {
        return em.createQuery("SELECT i FROM Incident i WHERE i.status = :detected ORDER BY i.responseDueAt, i.id",
                        Incident.class)
                .setParameter("detected", Status.DETECTED).setMaxResults(max).getResultList();
    }

    /** Mean time to acknowledge (declare) and to contain, per severity, for incidents detected in the period. */
    public Map<Severity, ResponseTimes> responseTimes(Duration period) {
        Instant since = clock.instant().minus(period);
        List<?> rows = em.createNativeQuery("""
                SELECT severity,
                       avg(extract(epoch FROM declared_at - detected_at)) FILTER (WHERE declared_at IS NOT NULL),
                       avg(extract(epoch FROM contained_at - detected_at)) FILTER (WHERE contained_at IS NOT NULL),
                       count(*)
                FROM incident WHERE detected_at >= ?1 GROUP BY severity""")
                .setParameter(1, java.sql.Timestamp.from(since)).getResultList();
        Map<Severity, ResponseTimes> times = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            times.put(s, new ResponseTimes(null, null, 0));
        }
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            times.put(Severity.valueOf((String) r[0]), new ResponseTimes(seconds(r[1]), seconds(r[2]),
                    ((Number) r[3]).longValue()));
        }
        return times;
    }

    /** Mean durations (null where none yet) over {@code incidents} incidents. */
    public record ResponseTimes(Duration toAcknowledge, Duration toContain, long incidents) implements Serializable {
    }

    private static Duration seconds(Object value) {
        return value == null ? null : Duration.ofSeconds(Math.round(((Number) value).doubleValue()));
    }

    private String where(IncidentFilter f) {
        List<String> parts = new ArrayList<>();
        if ("open".equals(f.state())) {
            parts.add("i.status NOT IN :closed");
        } else if ("closed".equals(f.state())) {
            parts.add("i.status IN :closed");
        } else if (status(f) != null) {
            parts.add("i.status = :status");
        }
        if (f.severity() != null) {
            parts.add("i.severity = :severity");
        }
        if (f.owner() != null && !f.owner().isBlank()) {
            parts.add("i.owner = :owner");
        }
        if (f.from() != null) {
            parts.add("i.detectedAt >= :from");
        }
        if (f.to() != null) {
            parts.add("i.detectedAt < :to");
        }
        if (f.within() != null) {
            List<String> any = new ArrayList<>();
            for (int n = 0; n < f.within().size(); n++) {
                any.add("(i.detectedAt >= :within" + n + "from AND i.detectedAt < :within" + n + "to)");
            }
            parts.add(any.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", any) + ")");
        }
        if (f.text() != null) {
            // each a LIKE on a lowered column: the trigram indexes of V27 answer them
            parts.add("(LOWER(i.reference) LIKE :text ESCAPE '!' OR LOWER(i.title) LIKE :text ESCAPE '!'"
                    + " OR i.id IN :textIds)");
        }
        if (f.sla() != null) {
            switch (f.sla()) {
                // the clock stops at declaration, or at closure for one closed without being declared
                case "RUNNING" -> parts.add("i.declaredAt IS NULL AND i.closedAt IS NULL AND i.responseDueAt > :now");
                case "OVERDUE" -> parts.add("i.declaredAt IS NULL AND i.closedAt IS NULL AND i.responseDueAt <= :now");
                case "MET" -> parts.add("COALESCE(i.declaredAt, i.closedAt) <= i.responseDueAt");
                case "BREACHED" -> parts.add("COALESCE(i.declaredAt, i.closedAt) > i.responseDueAt");
                case "BREACHED_ANY" -> parts.add("((i.declaredAt IS NULL AND i.closedAt IS NULL"
                        + " AND i.responseDueAt <= :now) OR COALESCE(i.declaredAt, i.closedAt) > i.responseDueAt)");
                default -> { }
            }
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private void bind(TypedQuery<?> query, IncidentFilter f) {
        if ("open".equals(f.state()) || "closed".equals(f.state())) {
            query.setParameter("closed", Status.CLOSED_STATES);
        } else if (status(f) != null) {
            query.setParameter("status", status(f));
        }
        if (f.severity() != null) {
            query.setParameter("severity", f.severity());
        }
        if (f.owner() != null && !f.owner().isBlank()) {
            query.setParameter("owner", f.owner().strip().toLowerCase());
        }
        if (f.from() != null) {
            query.setParameter("from", f.from().atStartOfDay(calendars.zone()).toInstant());
        }
        if (f.to() != null) {
            query.setParameter("to", f.to().plusDays(1).atStartOfDay(calendars.zone()).toInstant());
        }
        if (f.within() != null) {
            for (int n = 0; n < f.within().size(); n++) {
                query.setParameter("within" + n + "from", f.within().get(n).from().atStartOfDay(calendars.zone())
                        .toInstant());
                query.setParameter("within" + n + "to", f.within().get(n).to().plusDays(1)
                        .atStartOfDay(calendars.zone()).toInstant());
            }
        }
        if (f.text() != null) {
            String pattern = "%" + f.text().toLowerCase(java.util.Locale.ROOT).replace("!", "!!")
                    .replace("%", "!%").replace("_", "!_") + "%";
            query.setParameter("text", pattern);
            // the incidents an affected resource or user of which matches (their own tables, trigram-indexed)
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("SELECT incident_id FROM incident_resource"
                            + " WHERE lower(resource_id) LIKE ?1 ESCAPE '!' UNION SELECT incident_id FROM incident_user"
                            + " WHERE lower(upn) LIKE ?1 ESCAPE '!' LIMIT 10000")
                    .setParameter(1, pattern).getResultList();
            List<Long> matching = ids.stream().map(Number::longValue).toList();
            query.setParameter("textIds", matching.isEmpty() ? List.of(-1L) : matching);
        }
        if ("RUNNING".equals(f.sla()) || "OVERDUE".equals(f.sla()) || "BREACHED_ANY".equals(f.sla())) {
            query.setParameter("now", clock.instant());
        }
    }

    private static Status status(IncidentFilter f) {
        if (f.state() == null) {
            return null;
        }
        try {
            return Status.valueOf(f.state());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
