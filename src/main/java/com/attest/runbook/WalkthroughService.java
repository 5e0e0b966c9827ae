package com.attest.runbook;

import com.attest.incident.Incident;
import com.attest.incident.IncidentDeclared;
import com.attest.incident.IncidentService;
import com.attest.incident.ResolvingCheck;
import com.attest.incident.TimelineService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook walked through on an incident. When an incident is declared, the runbook version in force is pinned
 * to it, and a later approval never changes that incident's checklist. Responders tick items and add notes; each
 * is kept with who and when, and lands on the incident's timeline. An item that does not apply to the incident is
 * marked so with the reason; resolving the incident while items are neither done nor not applicable asks why.
 */
@ApplicationScoped
@Transactional
public class WalkthroughService implements ResolvingCheck {

    /**
     * One checklist item as the incident stands: its text and action, whether it is done, not applicable or open,
     * who decided that and when, why it does not apply (or null), and the notes on it.
     */
    public record ItemState(Phase phase, Item item, ItemStatus status, String by, Instant at, String reason,
                            List<ChecklistEvent> notes) {

        public boolean done() {
            return status == ItemStatus.DONE;
        }

        public boolean notApplicable() {
            return status == ItemStatus.NOT_APPLICABLE;
        }

        public boolean open() {
            return status == ItemStatus.OPEN;
        }
    }

    /** The pinned runbook of an incident and the state of its items, in runbook order. */
    public record Checklist(DocumentVersion version, Runbook runbook, List<ItemState> items) {
        public List<ItemState> of(Phase phase) {
            return items.stream().filter(i -> i.phase() == phase).toList();
        }

        public long doneCount() {
            return items.stream().filter(ItemState::done).count();
        }

        public long notApplicableCount() {
            return items.stream().filter(ItemState::notApplicable).count();
        }

        public long openCount() {
            return items.stream().filter(ItemState::open).count();
        }
    }

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private DocumentService documents;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    void pin(@Observes IncidentDeclared declared) {
        Incident incident = declared.incident();
        documents.find(DocumentService.RUNBOOK).flatMap(documents::inForce).ifPresent(version -> {
            int rows = em.createNativeQuery("INSERT INTO incident_runbook (incident_id, version_id, pinned_at, pinned_by)"
                            + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (incident_id) DO NOTHING")
                    .setParameter(1, incident.getId()).setParameter(2, version.getId())
                    .setParameter(3, Timestamp.from(clock.instant())).setParameter(4, declared.by()).executeUpdate();
            if (rows == 1) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("version", version.getNumber());
                after.put("commitId", version.getCommitId());
                audit.record(declared.by(), "incident.runbook-pinned", "Incident", incident.getReference(), null, after);
            }
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Checklist> checklist(Incident incident) {
        @SuppressWarnings("unchecked")
        List<Number> pinned = em.createNativeQuery("SELECT version_id FROM incident_runbook WHERE incident_id = ?1")
                .setParameter(1, incident.getId()).getResultList();
        if (pinned.isEmpty()) {
            return Optional.empty();
        }
        DocumentVersion version = em.find(DocumentVersion.class, pinned.get(0).longValue());
        Runbook runbook = RunbookFormat.read(version.getBody());
        List<ChecklistEvent> events = em.createNamedQuery(ChecklistEvent.OF_INCIDENT, ChecklistEvent.class)
                .setParameter("incident", incident.getId()).getResultList();
        List<ItemState> items = new ArrayList<>();
        for (Step step : runbook.steps()) {
            for (Item item : step.items()) {
                ChecklistEvent last = null;
                List<ChecklistEvent> notes = new ArrayList<>();
                for (ChecklistEvent e : events) {
                    if (e.getItemKey().equals(item.key())) {
                        if (e.getDone() != null) {
                            last = e;
                        }
                        if (e.getNote() != null && !e.isNotApplicable()) {
                            notes.add(e);
                        }
                    }
                }
                ItemStatus status = last == null ? ItemStatus.OPEN : last.getDone() ? ItemStatus.DONE
                        : last.isNotApplicable() ? ItemStatus.NOT_APPLICABLE : ItemStatus.OPEN;
                boolean decided = status != ItemStatus.OPEN;
                items.add(new ItemState(step.phase(), item, status, decided ? last.getRecordedBy() : null,
                        decided ? last.getRecordedAt() : null,
                        status == ItemStatus.NOT_APPLICABLE ? last.getNote() : null, notes));
            }
        }
        return Optional.of(new Checklist(version, runbook, items));
    }

    /** Ticks ({@code done}) or reopens an item, with an optional note; the timeline says who and when. */
    public ChecklistEvent tick(String reference, String itemKey, boolean done, String note) {
        return record(reference, itemKey, done, false, note);
    }

    /** A note on an item, without ticking it. */
    public ChecklistEvent annotate(String reference, String itemKey, String note) {
        return record(reference, itemKey, null, false, note);
    }

    /** Says an item does not apply to this incident, and why (required); reopening it makes it open again. */
    public ChecklistEvent notApplicable(String reference, String itemKey, String reason) {
        return record(reference, itemKey, false, true, reason);
    }

    /**
     * The runbook checklist items neither done nor marked not applicable, in words ("3 of 26 runbook checklist
     * items are open"), or null when none is (or no runbook is pinned): resolving the incident then asks why.
     */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public String openWork(Incident incident) {
        return checklist(incident).filter(c -> c.openCount() > 0)
                .map(c -> c.openCount() + " of " + c.items().size() + " runbook checklist items "
                        + (c.openCount() == 1 ? "is" : "are") + " open")
                .orElse(null);
    }

    /** Largest evidence file accepted. */
    public static final int MAX_ATTACHMENT_BYTES = FileKind.MAX_BYTES;

    /**
     * Attaches an evidence file to the incident, optionally to one checklist item. The content must be what the
     * name says (sniffed, not trusted) and at most 10 MB; its SHA-256 is kept and the timeline says who added it.
     */
    public IncidentAttachment attach(String reference, String itemKey, String rawName, byte[] body) {
        caller.require("attach evidence", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Incident incident = incidents.find(reference)
                .orElseThrow(() -> new InvalidInput("reference", "No incident " + reference + "."));
        String name = FileKind.cleanName(rawName);
        String key = itemKey == null || itemKey.isBlank() ? null : itemKey.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        FileKind kind = FileKind.check(name, body, errors);
        if (!incident.getStatus().isOpen()) {
            errors.add("status", "The incident is closed: its evidence is kept as it was.");
        }
        if (key != null && checklist(incident).map(c -> c.items().stream().noneMatch(i -> i.item().key().equals(key)))
                .orElse(true)) {
            errors.add("item", "'" + key + "' is not an item of the pinned runbook.");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        IncidentAttachment attachment = new IncidentAttachment(incident.getId(), key, name, kind, body,
                Sha256.hex(body), caller.name(), now);
        changes.create(null, "incident.evidence-attached", "Incident", incident::getReference, () -> {
            em.persist(attachment);
            timelines.addEntry(incident.getReference(), now, "Evidence attached: " + name + " (SHA-256 "
                    + attachment.getSha256().substring(0, 12) + "…)", null, null);
        }, attachment::snapshot);
        return attachment;
    }

    /** The files attached to an incident, without their content. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IncidentAttachment> attachments(Incident incident) {
        return em.createQuery("SELECT a FROM IncidentAttachment a WHERE a.incidentId = :incident ORDER BY a.id",
                IncidentAttachment.class).setParameter("incident", incident.getId()).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IncidentAttachment> attachment(Incident incident, long id) {
        IncidentAttachment a = em.find(IncidentAttachment.class, id);
        return a == null || !a.getIncidentId().equals(incident.getId()) ? Optional.empty() : Optional.of(a);
    }

    private ChecklistEvent record(String reference, String itemKey, Boolean done, boolean notApplicable,
                                  String rawNote) {
        caller.require("work through the runbook", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Incident incident = incidents.find(reference)
                .orElseThrow(() -> new InvalidInput("reference", "No incident " + reference + "."));
        String note = rawNote == null || rawNote.isBlank() ? null : rawNote.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Checklist checklist = checklist(incident).orElse(null);
        ItemState item = checklist == null ? null : checklist.items().stream()
                .filter(i -> i.item().key().equals(itemKey)).findFirst().orElse(null);
        if (checklist == null) {
            errors.add("checklist", "No runbook is pinned to " + incident.getReference()
                    + ": it is pinned when the incident is declared, if a runbook version is in force.");
        } else if (item == null) {
            errors.add("item", "'" + itemKey + "' is not an item of the pinned runbook.");
        }
        if (!incident.getStatus().isOpen()) {
            errors.add("status", "The incident is closed: its checklist is kept as it was.");
        }
        if (notApplicable && note == null) {
            errors.add("note", "Say why the item does not apply to this incident.");
        } else if (done == null && note == null) {
            errors.add("note", "Write the note.");
        }
        if (note != null && note.length() > 2000) {
            errors.add("note", "A note is at most 2,000 characters long.");
        }
        if (item != null && notApplicable && item.notApplicable()) {
            errors.add("item", "Already marked not applicable.");
        } else if (item != null && !notApplicable && done != null && done && item.done() && note == null) {
            errors.add("item", "Already done.");
        } else if (item != null && !notApplicable && done != null && !done && item.open() && note == null) {
            errors.add("item", "Not done nor marked not applicable.");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        ChecklistEvent event = new ChecklistEvent(incident.getId(), itemKey, done, notApplicable, note, caller.name(),
                now);
        String what = item.phase().heading() + " — " + item.item().text();
        String text = (done == null ? "Runbook note on " : done ? "Runbook done: "
                : notApplicable ? "Runbook not applicable: " : "Runbook reopened: ") + what
                + (note == null ? "" : " · " + note);
        changes.create(null, done == null ? "incident.runbook-noted" : notApplicable
                ? "incident.runbook-not-applicable" : "incident.runbook-ticked", "Incident",
                incident::getReference, () -> {
                    em.persist(event);
                    timelines.addEntry(incident.getReference(), now, text, null, null);
                }, event::snapshot);
        return event;
    }
}
