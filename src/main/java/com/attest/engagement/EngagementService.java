package com.attest.engagement;

import com.attest.calendar.CalendarService;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.NoticeClock;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.incident.Incident;
import com.attest.incident.TimelineService;
import com.attest.pir.Pir;
import com.attest.pir.PirService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.security.AuditPeriod;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * EngagementService: the compliance lead creates them; an auditor reads those that name them while their window is open.
 * For an engagement: its population (the incidents detected in its period, by reference, with their outcomes) and
 * samples drawn from it, each recorded with its seed and size and in the audit trail.
 */
@ApplicationScoped
@Transactional
public class EngagementService {

    static final String ENTITY = "Engagement";
    /** Seeds chosen by the portal stay below 10^12: short enough to read out and type again. */
    private static final long SEED_BOUND = 1_000_000_000_000L;
    private static final SecureRandom SEEDS = new SecureRandom();

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private Changes changes;

    @Inject
    private UserService users;

    @Inject
    private CalendarService calendars;

    @Inject
    private PirService pirs;

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private NoticeDeliveryService deliveries;

    @Inject
    private com.attest.incident.IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private com.attest.action.ActionRunService runs;

    @Inject
    private com.attest.evidence.EvidenceService register;

    public Engagement create(EngagementForm form) {
        caller.require("create engagements", Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty()) {
            errors.add("name", "Name the engagement (e.g. SOC 2 Type II 2026).");
        } else if (name.length() > 200) {
            errors.add("name", "At most 200 characters.");
        }
        if (form.periodFrom() == null) {
            errors.add("periodFrom", "Give the audit period's first day.");
        }
        if (form.periodTo() == null) {
            errors.add("periodTo", "Give the audit period's last day.");
        } else if (form.periodFrom() != null && form.periodTo().isBefore(form.periodFrom())) {
            errors.add("periodTo", "The audit period ends before it starts.");
        }
        if (form.accessFrom() == null) {
            errors.add("accessFrom", "Give when the auditors' access starts.");
        }
        if (form.accessTo() == null) {
            errors.add("accessTo", "Give when the auditors' access ends.");
        } else if (form.accessFrom() != null && !form.accessTo().isAfter(form.accessFrom())) {
            errors.add("accessTo", "The access window ends before it starts.");
        }
        Set<String> auditors = new LinkedHashSet<>();
        for (String raw : form.auditors() == null ? List.<String>of() : form.auditors()) {
            String username = raw == null ? "" : raw.strip().toLowerCase(java.util.Locale.ROOT);
            if (username.isEmpty()) {
                continue;
            }
            Optional<User> user = users.find(username);
            if (user.isEmpty()) {
                errors.add("auditors", "There is no account " + username + ".");
            } else if (!user.get().hasRole(Role.AUDITOR)) {
                errors.add("auditors", username + " is not an auditor: only accounts with the auditor role can be"
                        + " named.");
            } else {
                auditors.add(username);
            }
        }
        if (auditors.isEmpty() && !errors.has("auditors")) {
            errors.add("auditors", "Name at least one auditor.");
        }
        errors.throwIfAny();
        return changes.create("engagement.created", new Engagement(name,
                new AuditPeriod(form.periodFrom(), form.periodTo()), form.accessFrom(), form.accessTo(), auditors,
                caller.name(), clock.instant()));
    }

    /**
     * The engagement as the caller may see it: any for the compliance lead; for an auditor only one that names them
     * and is open now. Empty otherwise, so that what an auditor may not read looks the same as what does not exist.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Engagement> visible(long id) {
        Optional<Engagement> found = Optional.ofNullable(em.find(Engagement.class, id));
        if (caller.hasRole(Role.COMPLIANCE_LEAD)) {
            return found;
        }
        Instant now = clock.instant();
        return found.filter(e -> caller.hasRole(Role.AUDITOR) && e.names(caller.name()) && e.openAt(now));
    }

    /** Every engagement for the lead; for an auditor the ones open to them now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Engagement> list() {
        if (caller.hasRole(Role.COMPLIANCE_LEAD)) {
            return em.createNamedQuery(Engagement.ALL, Engagement.class).getResultList();
        }
        return open(caller.name(), clock.instant());
    }

    /** The engagements naming {@code username} whose window is open at {@code now}, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Engagement> open(String username, Instant now) {
        List<Engagement> open = new ArrayList<>(em.createNamedQuery(Engagement.OF_AUDITOR, Engagement.class)
                .setParameter("username", username).getResultStream().filter(e -> e.openAt(now)).toList());
        open.sort(java.util.Comparator.comparing(Engagement::getId));
        return open;
    }

    /** The accounts that may be named as auditors. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<User> auditors() {
        return users.withRole(Role.AUDITOR).stream().filter(User::isEnabled).toList();
    }

    // --- population and samples -------------------------------------------------------------------------------

    /** The incidents detected in the engagement's period (days in the organisation's time zone), by reference. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PopulationRow> population(Engagement engagement) {
        ZoneId zone = calendars.zone();
        Instant now = clock.instant();
        List<Incident> incidents = em.createQuery("SELECT i FROM Incident i WHERE i.detectedAt >= :from"
                        + " AND i.detectedAt < :to ORDER BY i.reference", Incident.class)
                .setParameter("from", engagement.getPeriodFrom().atStartOfDay(zone).toInstant())
                .setParameter("to", engagement.getPeriodTo().plusDays(1).atStartOfDay(zone).toInstant())
                .getResultList();
        List<PopulationRow> rows = new ArrayList<>();
        for (Incident i : incidents) {
            Optional<Pir> pir = pirs.of(i);
            Optional<NoticeClock> notice = deliveries.clock(i);
            rows.add(new PopulationRow(i.getId(), i.getReference(), i.getTitle(), i.getSeverity() == null ? null
                    : i.getSeverity().name(), i.getStatus().name(), i.getDetectedAt(), i.getDeclaredAt(),
                    i.getContainedAt(), i.getResolvedAt(), i.getClosedAt(), Outcomes.sla(i.clock(now).getState()),
                    Outcomes.review(i.getStatus(), i.getResolvedAt() != null, pir.map(Pir::getState).orElse(null),
                            pir.map(Pir::onTime).orElse(null), pir.map(p -> p.getDueAt().isBefore(now)).orElse(false)),
                    Outcomes.notice(notice.map(c -> c.getClock().getState()).orElse(null))));
        }
        return rows;
    }

    /** How many incidents of the engagement's population changed after {@code since}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long changedSince(Engagement engagement, Instant since) {
        ZoneId zone = calendars.zone();
        return em.createQuery("SELECT COUNT(i) FROM Incident i WHERE i.detectedAt >= :from AND i.detectedAt < :to"
                        + " AND i.updatedAt > :since", Long.class)
                .setParameter("from", engagement.getPeriodFrom().atStartOfDay(zone).toInstant())
                .setParameter("to", engagement.getPeriodTo().plusDays(1).atStartOfDay(zone).toInstant())
                .setParameter("since", since).getSingleResult();
    }

    /** One incident of the engagement's population with all its evidence; empty when it is not in the population. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IncidentFile> incident(Engagement engagement, String reference) {
        Optional<Incident> found = incidents.find(reference).filter(i -> inPeriod(engagement, i));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Incident i = found.get();
        PopulationRow row = population(engagement).stream().filter(r -> r.incidentId() == i.getId()).findFirst()
                .orElseThrow();
        return Optional.of(new IncidentFile(i, row, register.ofIncident(i.getId()), timelines.of(i), pirs.of(i),
                notices.of(i), runs.of(i)));
    }

    /** Whether the incident was detected in the engagement's period. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean inPeriod(Engagement engagement, Incident incident) {
        return engagement.period().contains(incident.getDetectedAt().atZone(calendars.zone()).toLocalDate());
    }

    /**
     * Draws a sample of {@code size} from the population with {@code seed} (a new one when null) and records it. A
     * size larger than the population, or below one, is refused.
     */
    public EngagementSample draw(long engagementId, Integer size, Long seed) {
        caller.require("draw samples", Role.COMPLIANCE_LEAD, Role.AUDITOR);
        Engagement engagement = visible(engagementId)
                .orElseThrow(() -> new InvalidInput("engagement", "No engagement " + engagementId + "."));
        List<String> refs = population(engagement).stream().map(PopulationRow::reference).toList();
        if (refs.isEmpty()) {
            throw new InvalidInput("size", "The population is empty: no incident was detected in "
                    + engagement.period() + ".");
        }
        if (size == null || size < 1) {
            throw new InvalidInput("size", "Give a sample size from 1 to " + refs.size() + ".");
        }
        if (size > refs.size()) {
            throw new InvalidInput("size", "The population has " + refs.size() + " incident(s): a sample of " + size
                    + " is larger than it.");
        }
        long used = seed != null ? seed : SEEDS.nextLong(SEED_BOUND);
        List<String> sorted = new ArrayList<>(refs);
        sorted.sort(null);
        return changes.create("engagement.sample-drawn", new EngagementSample(engagement.getId(), used, sorted.size(),
                Sha256.hex(String.join("\n", sorted)), Sampling.draw(sorted, size, used), caller.name(),
                clock.instant()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EngagementSample> samples(Engagement engagement) {
        return em.createQuery("SELECT s FROM EngagementSample s WHERE s.engagementId = :e ORDER BY s.id DESC",
                EngagementSample.class).setParameter("e", engagement.getId()).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EngagementSample> sample(Engagement engagement, long id) {
        return Optional.ofNullable(em.find(EngagementSample.class, id))
                .filter(s -> s.getEngagementId().equals(engagement.getId()));
    }

    // --- access log -----------------------------------------------------------------------------------------

    /** The engagement's access log, newest first (compliance lead). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditorAccess> accessLog(Engagement engagement, int max) {
        caller.require("read the auditors' access log", Role.COMPLIANCE_LEAD);
        return em.createQuery("SELECT a FROM AuditorAccess a WHERE a.engagementId = :e ORDER BY a.id DESC",
                AuditorAccess.class).setParameter("e", engagement.getId()).setMaxResults(max).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> summary(Engagement e) {
        Map<String, Object> s = e.snapshot();
        s.put("open", e.openAt(clock.instant()));
        s.put("createdBy", e.getCreatedBy());
        s.put("createdAt", e.getCreatedAt());
        return s;
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return calendars.zone();
    }
}
