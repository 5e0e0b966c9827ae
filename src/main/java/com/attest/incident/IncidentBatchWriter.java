package com.attest.incident;

import com.attest.calendar.CalendarService;
import com.attest.platform.InvalidInput;
import com.attest.platform.change.Changes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens many incidents, and writes many system timeline entries, in a few statements: what alert intake needs when
 * a storm of alerts arrives. Each incident is the one {@link IncidentService#report(SystemActor, IncidentForm,
 * Source, Instant)} would open — same checks, reference, response-due time, "alert triggered" milestone and audit
 * row — but the batch's references come from one update of the year's counter row, its ids from one sequence call,
 * and its rows (incidents, their resources and users, timeline entries) from one multi-row insert per table. Rows
 * are written through the persistence context's own connection, in the caller's transaction; the persistence unit
 * keeps no shared cache, so the entities read them as written.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentBatchWriter {

    /** An incident to open: what {@link IncidentService#report(SystemActor, IncidentForm, Source, Instant)} takes. */
    public record Opening(SystemActor by, IncidentForm form, Source source, Instant detectedAt) {
    }

    /** An incident opened: its id, reference and severity. */
    public record Opened(long id, String reference, Severity severity) {
    }

    /** A system timeline entry, as {@link TimelineService#note} writes it (with its own audit row). */
    public record Note(SystemActor by, long incidentId, String reference, Instant at, String text) {
    }

    private static final int TEXT_MAX = 4000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private CalendarService calendars;

    @Inject
    private ResponseTargetService targets;

    @Inject
    private Changes changes;

    /** Why an opening would be refused (the refusal {@code report} would throw), or empty when it would not. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<InvalidInput> refusal(Opening opening) {
        IncidentForm form = opening.form().normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.check(errors);
        if (opening.detectedAt() == null || opening.detectedAt().isAfter(clock.instant())) {
            errors.add("detectedAt", "When it was detected is required, and not in the future.");
        }
        try {
            errors.throwIfAny();
            return Optional.empty();
        } catch (InvalidInput refused) {
            return Optional.of(refused);
        }
    }

    /** Opens the incidents, in order (references numbered in that order); refused whole if any would be. */
    public List<Opened> open(List<Opening> openings) {
        if (openings.isEmpty()) {
            return List.of();
        }
        for (Opening o : openings) {
            Optional<InvalidInput> refused = refusal(o);
            if (refused.isPresent()) {
                throw refused.get();
            }
        }
        int n = openings.size();
        Instant now = clock.instant();
        List<String> references = references(openings);
        List<Long> ids = ids("incident_id_seq", n);
        SlaPolicy policy = targets.policy();
        List<Incident> incidents = new ArrayList<>(n);
        Rows rows = new Rows(n);
        List<Long> tagIncident = new ArrayList<>();
        List<String> tagValue = new ArrayList<>();
        List<Long> userIncident = new ArrayList<>();
        List<String> userValue = new ArrayList<>();
        Rows stamps = new Rows(n);
        for (int i = 0; i < n; i++) {
            Opening o = openings.get(i);
            IncidentForm form = o.form().normalized();
            String by = o.by().name();
            Incident incident = new Incident(references.get(i), o.source(), form, o.detectedAt(),
                    policy.responseDue(form.severity(), o.detectedAt()), by, now);
            incidents.add(incident);
            long id = ids.get(i);
            rows.add(id, incident.getReference(), incident.getTitle(), incident.getDescription(),
                    incident.getSource().name(), incident.getSeverity().name(), incident.getDefenderScore(),
                    incident.getSeverityReason(), incident.getCategory().name(), incident.isPersonalData(),
                    incident.isCustomersAffected(), at(incident.getPersonalDataSince()),
                    at(incident.getCustomersAffectedSince()), incident.getStatus().name(),
                    at(incident.getDetectedAt()), at(incident.getResponseDueAt()), at(now), by, at(now), by);
            for (String r : incident.getResources()) {
                tagIncident.add(id);
                tagValue.add(r);
            }
            for (String u : incident.getUsers()) {
                userIncident.add(id);
                userValue.add(u);
            }
            stamps.add(id, at(o.detectedAt()), at(now), by, Milestone.ALERT_TRIGGERED.name(),
                    ("Alert triggered in " + o.source().label() + ": " + form.title()));
        }
        // a new entity's version is 1 once the provider has inserted it: the same here
        insert("""
                INSERT INTO incident (id, reference, title, description, source, severity, defender_score,
                    severity_reason, category, personal_data, customers_affected, personal_data_since,
                    customers_affected_since, status, detected_at, response_due_at, created_at, created_by,
                    updated_at, updated_by, version)
                SELECT *, 1 FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS varchar[]), CAST(?3 AS varchar[]),
                    CAST(?4 AS text[]), CAST(?5 AS varchar[]), CAST(?6 AS varchar[]), CAST(?7 AS smallint[]),
                    CAST(?8 AS varchar[]), CAST(?9 AS varchar[]), CAST(?10 AS boolean[]), CAST(?11 AS boolean[]),
                    CAST(?12 AS timestamptz[]), CAST(?13 AS timestamptz[]), CAST(?14 AS varchar[]),
                    CAST(?15 AS timestamptz[]), CAST(?16 AS timestamptz[]), CAST(?17 AS timestamptz[]),
                    CAST(?18 AS varchar[]), CAST(?19 AS timestamptz[]), CAST(?20 AS varchar[]))""", rows,
                Long[].class, String[].class, String[].class, String[].class, String[].class, String[].class,
                Integer[].class, String[].class, String[].class, Boolean[].class, Boolean[].class, String[].class,
                String[].class, String[].class, String[].class, String[].class, String[].class, String[].class,
                String[].class, String[].class);
        if (!tagIncident.isEmpty()) {
            em.createNativeQuery("INSERT INTO incident_resource (incident_id, resource_id)"
                            + " SELECT * FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS varchar[]))")
                    .setParameter(1, tagIncident.toArray(Long[]::new))
                    .setParameter(2, tagValue.toArray(String[]::new)).executeUpdate();
        }
        if (!userIncident.isEmpty()) {
            em.createNativeQuery("INSERT INTO incident_user (incident_id, upn)"
                            + " SELECT * FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS varchar[]))")
                    .setParameter(1, userIncident.toArray(Long[]::new))
                    .setParameter(2, userValue.toArray(String[]::new)).executeUpdate();
        }
        insertTimeline(stamps);
        List<Opened> opened = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Incident incident = incidents.get(i);
            changes.created(openings.get(i).by().name(), "incident.reported", incident);
            opened.add(new Opened(ids.get(i), incident.getReference(), incident.getSeverity()));
        }
        return opened;
    }

    /** Writes the entries, each with its audit row under its incident, as {@link TimelineService#note} does. */
    public void note(List<Note> notes) {
        if (notes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Long> ids = ids("timeline_entry_id_seq", notes.size());
        Rows rows = new Rows(notes.size());
        List<TimelineEntry> entries = new ArrayList<>(notes.size());
        for (int i = 0; i < notes.size(); i++) {
            Note note = notes.get(i);
            String body = note.text().strip();
            TimelineEntry entry = new TimelineEntry(note.incidentId(), note.at(), null,
                    body.length() > TEXT_MAX ? body.substring(0, TEXT_MAX - 1) + "…" : body, null, note.by().name(),
                    now);
            entry.identify(ids.get(i));
            entries.add(entry);
            rows.add(note.incidentId(), at(note.at()), at(now), note.by().name(), null, entry.getText(),
                    ids.get(i));
        }
        insertTimeline(rows);
        for (int i = 0; i < notes.size(); i++) {
            Note note = notes.get(i);
            changes.created(note.by().name(), "incident.timeline-added", IncidentService.ENTITY, note.reference(),
                    entries.get(i).snapshot());
        }
    }

    private void insertTimeline(Rows rows) {
        boolean withIds = rows.width() == 7;
        var query = em.createNativeQuery("INSERT INTO timeline_entry (incident_id, occurred_at, recorded_at,"
                + " recorded_by, milestone, text" + (withIds ? ", id" : "") + ")"
                + " SELECT * FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS timestamptz[]), CAST(?3 AS timestamptz[]),"
                + " CAST(?4 AS varchar[]), CAST(?5 AS varchar[]), CAST(?6 AS varchar[])"
                + (withIds ? ", CAST(?7 AS bigint[])" : "") + ")");
        bind(query, rows, withIds
                ? new Class<?>[]{Long[].class, String[].class, String[].class, String[].class, String[].class,
                        String[].class, Long[].class}
                : new Class<?>[]{Long[].class, String[].class, String[].class, String[].class, String[].class,
                        String[].class});
        query.executeUpdate();
    }

    /** The next references of each year the openings fall in: one counter update per year, in the openings' order. */
    private List<String> references(List<Opening> openings) {
        Map<Integer, Integer> perYear = new LinkedHashMap<>();
        List<Integer> years = new ArrayList<>(openings.size());
        for (Opening o : openings) {
            int year = o.detectedAt().atZone(calendars.zone()).getYear();
            years.add(year);
            perYear.merge(year, 1, Integer::sum);
        }
        Map<Integer, Integer> next = new LinkedHashMap<>();
        perYear.forEach((year, count) -> next.put(year, IncidentNumbers.reserve(em, year, count)));
        List<String> references = new ArrayList<>(openings.size());
        for (int year : years) {
            int number = next.merge(year, 1, Integer::sum) - 1;
            references.add(IncidentNumbers.reference(year, number));
        }
        return references;
    }

    private List<Long> ids(String sequence, int n) {
        @SuppressWarnings("unchecked")
        List<Number> numbers = em.createNativeQuery("SELECT nextval(CAST(?1 AS regclass)) FROM generate_series(1, ?2)")
                .setParameter(1, sequence).setParameter(2, n).getResultList();
        return numbers.stream().map(Number::longValue).sorted().toList();
    }

    private void insert(String sql, Rows rows, Class<?>... types) {
        var query = em.createNativeQuery(sql);
        bind(query, rows, types);
        query.executeUpdate();
    }

    private static void bind(jakarta.persistence.Query query, Rows rows, Class<?>[] types) {
        for (int c = 0; c < types.length; c++) {
            query.setParameter(c + 1, rows.column(c, types[c]));
        }
    }

    private static String at(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Column-wise values of a multi-row insert, bound as one array per column. */
    private static final class Rows {
        private final List<Object[]> rows;

        Rows(int expected) {
            rows = new ArrayList<>(expected);
        }

        void add(Object... values) {
            rows.add(values);
        }

        int width() {
            return rows.isEmpty() ? 0 : rows.get(0).length;
        }

        Object column(int c, Class<?> arrayType) {
            Object[] column = (Object[]) java.lang.reflect.Array.newInstance(arrayType.getComponentType(), rows.size());
            for (int r = 0; r < rows.size(); r++) {
                column[r] = rows.get(r)[c];
            }
            return column;
        }
    }
}
