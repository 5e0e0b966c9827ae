package com.attest.pack;

import com.attest.calendar.CalendarService;
import com.attest.control.ControlHealthService;
import com.attest.control.Gap;
import com.attest.engagement.AuditorScope;
import com.attest.engagement.EngagementService;
import com.attest.incident.IncidentService;
import com.attest.platform.AccessDenied;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.change.Changes;
import com.attest.platform.cluster.Claims;
import com.attest.security.AuditPeriod;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Evidence packs: asking for one (validated, with the control-health gaps of its period taken there and then),
 * cancelling it, and the background runner's steps — start, progress, finish, failure. Generate, cancel, finish and
 * failure each leave a row in the audit trail. Who may ask is decided in one place, {@link #mayGenerate}.
 */
@ApplicationScoped
@Transactional
public class EvidencePackService {

    /** A pack was asked for; the runner starts it once this transaction commits. */
    public record Requested(long packId) {
    }

    /** A pack was cancelled; the runner stops it at its next step. */
    public record Cancelled(long packId) {
    }

    static final String SYSTEM = "system:packs";
    static final String ENTITY = "EvidencePack";
    /** The longest period one pack covers. */
    static final int MAX_YEARS = 3;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private AuditTrail audit;

    @Inject
    private Changes changes;

    @Inject
    private ControlHealthService health;

    @Inject
    private IncidentService incidents;

    @Inject
    private CalendarService calendars;

    @Inject
    private PackDefinitions definitions;

    @Inject
    private EngagementService engagements;

    @Inject
    private AuditorScope auditors;

    @Inject
    private Event<Requested> requested;

    @Inject
    private Event<Cancelled> cancelled;

    /**
     * Whether {@code who} may generate a pack covering {@code scope}: the compliance lead, for any period; an auditor
     * for a period that lies within the audit period of an engagement open to them now (and, for one incident, an
     * incident detected in it).
     */
    public boolean mayGenerate(Caller who, PackScope scope) {
        if (who.hasRole(Role.COMPLIANCE_LEAD)) {
            return true;
        }
        return who.hasRole(Role.AUDITOR) && within(scope.from(), scope.to(), auditorPeriods())
                && (scope.incidentReference() == null
                || auditors.incidentWithin(scope.incidentReference(), auditorPeriods()));
    }

    /** The audit periods of the engagements open to the caller now (none for someone who audits nothing now). */
    private List<AuditPeriod> auditorPeriods() {
        return AuditorScope.periods(engagements.open(caller.name(), clock.instant()));
    }

    private static boolean within(LocalDate from, LocalDate to, List<AuditPeriod> periods) {
        return periods.stream().anyMatch(p -> p.contains(from) && p.contains(to));
    }

    /** Whether the caller may read this pack: the lead any; an auditor one within the periods they audit now. */
    public boolean mayRead(EvidencePack pack) {
        return caller.hasRole(Role.COMPLIANCE_LEAD) || readable(auditorPeriods()).test(pack);
    }

    private java.util.function.Predicate<EvidencePack> readable(List<AuditPeriod> periods) {
        boolean lead = caller.hasRole(Role.COMPLIANCE_LEAD);
        boolean auditor = caller.hasRole(Role.AUDITOR);
        return pack -> lead || auditor && within(pack.getPeriodFrom(), pack.getPeriodTo(), periods);
    }

    /** Asks for a pack of {@code kind} for the period (both days included) and, optionally, one incident. */
    public EvidencePack generate(String kind, LocalDate from, LocalDate to, String rawIncident) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        PackDefinition definition = kind == null || kind.isBlank() ? null : definitions.find(kind.strip()).orElse(null);
        if (definition == null) {
            errors.add("kind", kind == null || kind.isBlank() ? "Choose the kind of pack." : "No kind of pack '"
                    + kind + "': choose one of " + definitions.all().stream().map(PackDefinition::kind).toList() + ".");
        }
        if (from == null) {
            errors.add("from", "Give the first day of the period (YYYY-MM-DD).");
        }
        if (to == null) {
            errors.add("to", "Give the last day of the period (YYYY-MM-DD).");
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("to", "The period ends on " + to + ", before it starts on " + from + ".");
        } else if (from != null && to != null && to.isAfter(from.plusYears(MAX_YEARS))) {
            errors.add("to", "A pack covers at most " + MAX_YEARS + " years: end the period by "
                    + from.plusYears(MAX_YEARS) + ".");
        }
        String incident = rawIncident == null || rawIncident.isBlank() ? null : rawIncident.strip().toUpperCase();
        if (incident == null && definition != null && definition.scope() == PackDefinition.Scope.INCIDENT) {
            errors.add("incident", "Name the incident this pack is for (INC-YYYY-NNN).");
        } else if (incident != null) {
            java.util.Optional<com.attest.incident.Incident> found = incidents.find(incident);
            LocalDate detected = found.map(auditors::detectedOn).orElse(null);
            if (found.isEmpty()) {
                errors.add("incident", "No incident " + incident + ".");
            } else if (from != null && to != null && (detected.isBefore(from) || detected.isAfter(to))) {
                errors.add("incident", incident + " was detected on " + detected + ", outside the period " + from
                        + " to " + to + ".");
            }
        }
        errors.throwIfAny();
        PackScope scope = new PackScope(from, to, calendars.zone(), incident);
        if (!mayGenerate(caller, scope)) {
            throw caller.hasRole(Role.AUDITOR)
                    ? new InvalidInput("from", "The period " + from + " to " + to + (incident == null ? "" : " (or "
                    + incident + ")") + " lies outside the audit period of every engagement open to you now.")
                    : new AccessDenied("Only compliance leads and auditors of an engagement generate evidence packs.");
        }
        EvidencePack pack = changes.create("pack.requested", new EvidencePack(definition, from, to, incident,
                gaps(from, to), caller.name(), clock.instant()));
        requested.fire(new Requested(pack.getId()));
        return pack;
    }

    /** The control-health gaps of the period, by control code, as canonical JSON. */
    private String gaps(LocalDate from, LocalDate to) {
        Map<String, Object> byControl = new TreeMap<>();
        for (ControlHealthService.Report report : health.all(health.period(from, to))) {
            byControl.put(report.control().code(), report.gaps().stream().map(Gap::sentence).toList());
        }
        return CanonicalJson.write(byControl);
    }

    /** The compliance lead, or the auditor who asked for it, stops a queued or running pack. */
    public EvidencePack cancel(long id) {
        caller.require("cancel evidence packs", Role.COMPLIANCE_LEAD, Role.AUDITOR);
        // who may cancel is settled before the row is locked: an auditor, their own readable pack only
        boolean allowed = find(id).map(p -> caller.hasRole(Role.COMPLIANCE_LEAD)
                || caller.name().equals(p.getRequestedBy())).orElse(false);
        EvidencePack pack = allowed ? em.find(EvidencePack.class, id, LockModeType.PESSIMISTIC_WRITE) : null;
        if (pack == null) {
            throw new InvalidInput("pack", "No evidence pack " + id + " that you may cancel.");
        }
        if (!pack.getState().open()) {
            throw new InvalidInput("pack", "Pack #" + id + " is " + pack.getState().name().toLowerCase()
                    + ": there is nothing to cancel.");
        }
        changes.apply("pack.cancelled", pack, () -> pack.cancel(caller.name(), clock.instant()));
        cancelled.fire(new Cancelled(id));
        return pack;
    }

    // ------------------------------------------------------------------ the runner's steps

    /**
     * Claims a queued pack for running on {@code node}; false when it was cancelled meanwhile or another thread or
     * node has it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean start(long id, String node) {
        return em.createNativeQuery("UPDATE evidence_pack SET state = 'RUNNING', started_at = ?1, stage = 'Starting',"
                        + " runner_node = ?3, version = version + 1 WHERE id = ?2 AND state = 'QUEUED'")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, id).setParameter(3, node)
                .executeUpdate() == 1;
    }

    /** Keeps how far the pack has come; false once it is no longer running (cancelled, on whichever node). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean progress(long id, int percent, String stage) {
        return em.createNativeQuery("UPDATE evidence_pack SET progress = ?1, stage = ?2 WHERE id = ?3"
                        + " AND state = 'RUNNING'")
                .setParameter(1, Math.max(0, Math.min(99, percent))).setParameter(2, truncate(stage, 200))
                .setParameter(3, id).executeUpdate() == 1;
    }

    /** Keeps the finished pack's files and hashes; false when it was cancelled meanwhile (nothing is kept). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean finish(long id, PackGenerator.Output out, String signer) throws java.io.IOException {
        int updated = em.createNativeQuery("UPDATE evidence_pack SET state = 'FINISHED', progress = 100,"
                        + " stage = 'Finished', finished_at = ?1, incidents = ?2, pages = ?3, artefacts = ?4,"
                        + " evidence_items = ?5, pdf_sha256 = ?6, zip_sha256 = ?7, content_sha256 = ?8, pdf_size = ?9,"
                        + " zip_size = ?10, signer = ?11, pdf = ?12, zip = ?13, version = version + 1"
                        + " WHERE id = ?14 AND state = 'RUNNING'")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, (int) out.incidents())
                .setParameter(3, out.pages()).setParameter(4, out.artefacts()).setParameter(5, (int) out.evidenceItems())
                .setParameter(6, out.pdfSha256()).setParameter(7, out.zipSha256())
                .setParameter(8, out.contentSha256()).setParameter(9, Files.size(out.pdf()))
                .setParameter(10, Files.size(out.zip())).setParameter(11, truncate(signer, 500))
                .setParameter(12, Files.readAllBytes(out.pdf())).setParameter(13, Files.readAllBytes(out.zip()))
                .setParameter(14, id).executeUpdate();
        if (updated == 1) {
            EvidencePack pack = em.find(EvidencePack.class, id);
            em.refresh(pack);
            audit.record(SYSTEM, "pack.finished", ENTITY, id, null, pack.snapshot());
        }
        return updated == 1;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(long id, String problem) {
        int updated = em.createNativeQuery("UPDATE evidence_pack SET state = 'FAILED', stage = 'Failed', error = ?1,"
                        + " finished_at = ?2, version = version + 1 WHERE id = ?3 AND state IN ('QUEUED', 'RUNNING')")
                .setParameter(1, truncate(problem, 2000)).setParameter(2, Timestamp.from(clock.instant()))
                .setParameter(3, id).executeUpdate();
        if (updated == 1) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("state", "FAILED");
            after.put("error", truncate(problem, 2000));
            audit.record(SYSTEM, "pack.failed", ENTITY, id, null, after);
        }
    }

    /** The packs running on a node that has stopped (or stopped beating): each is to be marked failed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> interrupted() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM evidence_pack WHERE state = 'RUNNING' AND "
                + Claims.RUNNER_GONE + " ORDER BY id").getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** The packs asked for and not started (their node stopped before it could start them, for one). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> queued() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM evidence_pack WHERE state = 'QUEUED' ORDER BY id")
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    // ------------------------------------------------------------------ reading

    /** The pack, when the caller may read it ({@link #mayRead}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EvidencePack> find(long id) {
        return Optional.ofNullable(em.find(EvidencePack.class, id)).filter(this::mayRead);
    }

    /** The latest packs the caller may read (an auditor's: of the periods they audit now). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EvidencePack> recent(int max) {
        if (caller.hasRole(Role.COMPLIANCE_LEAD)) {
            return em.createQuery("SELECT p FROM EvidencePack p ORDER BY p.id DESC", EvidencePack.class)
                    .setMaxResults(max).getResultList();
        }
        return em.createQuery("SELECT p FROM EvidencePack p ORDER BY p.id DESC", EvidencePack.class)
                .getResultStream().filter(readable(auditorPeriods())).limit(max).toList();
    }

    /** The pack for the background runner, whoever's thread it runs on. */
    @Transactional(Transactional.TxType.SUPPORTS)
    EvidencePack load(long id) {
        return Optional.ofNullable(em.find(EvidencePack.class, id)).orElseThrow();
    }

    /** The finished pack's signed PDF. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<byte[]> pdf(long id) {
        return file("pdf", id);
    }

    /** The finished pack's ZIP. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<byte[]> zip(long id) {
        return file("zip", id);
    }

    private Optional<byte[]> file(String column, long id) {
        if (find(id).isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("SELECT " + column + " FROM evidence_pack WHERE id = ?1"
                + " AND state = 'FINISHED'").setParameter(1, id).getResultList();
        return rows.stream().findFirst();
    }

    /**
     * Re-checks an uploaded pack ZIP, its PDF to be signed with the certificate whose SHA-256 is
     * {@code expectedCertificateSha256} (the organisation's); a file that is not a pack, or is too large, is refused
     * naming the field {@code file}.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public PackVerifier.Report verify(String filename, java.io.InputStream zip, String expectedCertificateSha256) {
        String name = filename == null || filename.isBlank() ? "" : filename.strip() + ": ";
        if (zip == null) {
            throw new InvalidInput("file", "Choose the pack's ZIP file to verify.");
        }
        try {
            return PackVerifier.verify(zip, expectedCertificateSha256);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("file", name + e.getMessage());
        } catch (java.io.IOException e) {
            throw new InvalidInput("file", name + "the file could not be read (" + e.getMessage() + ").");
        }
    }

    /** The signature of a finished pack's PDF, checked now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SignatureCheck> signature(long id) {
        return pdf(id).map(PackSigner::verify);
    }

    public List<PackDefinition> kinds() {
        return definitions.all();
    }

    /** The stored gaps of a pack, by control code. */
    static Map<String, List<String>> gaps(EvidencePack pack) {
        Map<String, List<String>> gaps = new LinkedHashMap<>();
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(pack.getGaps()))) {
            reader.readObject().forEach((code, list) -> gaps.put(code, list.asJsonArray()
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .toList()));
        }
        return gaps;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
