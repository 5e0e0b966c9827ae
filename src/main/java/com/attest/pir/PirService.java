package com.attest.pir;

import com.attest.actionitem.ActionItem;
import com.attest.actionitem.ActionItemService;
import com.attest.calendar.BusinessCalendar;
import com.attest.calendar.CalendarService;
import com.attest.incident.ClosingCheck;
import com.attest.incident.Incident;
import com.attest.incident.IncidentEnded;
import com.attest.incident.IncidentService;
import com.attest.incident.Status;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Approval;
import com.attest.platform.change.Changes;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorLimits;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Post-incident reviews: opened when an incident is resolved (due five business days later, pre-filled from what
 * the incident recorded), written as drafts, submitted by the owner, approved or returned by the compliance lead.
 * Closing an incident waits for its review's approval. Reminders are {@link PirReminderService}'s.
 */
@ApplicationScoped
@Transactional
public class PirService implements ClosingCheck {

    /** The review counts: open and not yet due, overdue, approved, and the share approved on time. */
    public record Stats(long due, long overdue, long approved, long approvedOnTime) {
        public Integer onTimePercent() {
            return approved == 0 ? null : (int) Math.round(100.0 * approvedOnTime / approved);
        }
    }

    static final int TEXT_MAX = 20_000;
    static final String ENTITY = "Pir";
    private static final Changes.Kind KIND = new Changes.Kind("pir", "post-incident review");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private AuditorLimits auditors;

    @Inject
    private IncidentService incidents;

    @Inject
    private CalendarService calendars;

    @Inject
    private ActionItemService actionItems;

    @Inject
    private PirPrefill prefill;

    /** A resolved incident gets its review, due five business days later, owned by the incident's owner. */
    void resolved(@Observes IncidentEnded ended) {
        Incident incident = ended.incident();
        if (incident.getStatus() != Status.RESOLVED || of(incident).isPresent()) {
            return;
        }
        Instant resolvedAt = incident.getResolvedAt();
        BusinessCalendar calendar = calendars.calendar();
        String owner = incident.getOwner() == null ? ended.by() : incident.getOwner();
        changes.create(ended.by(), "pir.opened", new Pir(incident.getId(), owner, resolvedAt,
                PirSchedule.dueAt(resolvedAt, calendar), prefill.of(incident, calendar.zone()), ended.by(),
                clock.instant()));
    }

    // --- writing --------------------------------------------------------------------------------------------

    /**
     * Saves the draft as it stands; nothing is required yet. Action items are replaced by the list given (items
     * keep their id when they carry it).
     */
    public Pir save(long id, long seenVersion, PirForm form, List<ActionItem.Item> items) {
        caller.require("write post-incident reviews", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Pir pir = changes.lock(Pir.class, id, seenVersion, KIND);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!pir.getState().editable()) {
            errors.add("state", "The review is " + pir.getState().name().toLowerCase(Locale.ROOT)
                    + (pir.getState() == Pir.State.SUBMITTED ? ": the compliance lead reviews it now." : "."));
        }
        lengths(errors, form, items);
        errors.throwIfAny();
        write(pir, form, items == null ? List.of() : items);
        return pir;
    }

    /** Writes the form and the action items (audited only when something changed). */
    private void write(Pir pir, PirForm form, List<ActionItem.Item> items) {
        changes.applyIfChanged(null, "pir.saved", ENTITY, pir.getId(), () -> snapshot(pir), () -> {
            pir.write(form, caller.name(), clock.instant());
            replaceItems(pir, items);
        });
    }

    private void replaceItems(Pir pir, List<ActionItem.Item> items) {
        List<ActionItem> existing = items(pir);
        Set<Long> kept = new HashSet<>();
        int position = 1;
        for (ActionItem.Item item : items) {
            if (item.empty()) {
                continue;
            }
            ActionItem match = item.id() == null ? null
                    : existing.stream().filter(e -> e.getId().equals(item.id())).findFirst().orElse(null);
            if (match == null) {
                em.persist(new ActionItem(ActionItem.RaisedBy.REVIEW, pir.getId(), position, item, caller.name(),
                        clock.instant()));
            } else {
                match.update(position, item, caller.name(), clock.instant());
                kept.add(match.getId());
            }
            position++;
        }
        existing.stream().filter(e -> !kept.contains(e.getId())).forEach(em::remove);
    }

    /**
     * The owner (or a compliance lead) sends the review for approval, with what is written now. Required: the
     * root cause, the systems affected, for a notification its date and method, for each action item its owner
     * (an active account) and due date.
     */
    public Pir submit(long id, long seenVersion, PirForm form, List<ActionItem.Item> items) {
        caller.require("submit post-incident reviews", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Pir pir = changes.lock(Pir.class, id, seenVersion, KIND);
        List<ActionItem.Item> given = items == null ? List.of() : items;
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!pir.getState().editable()) {
            errors.add("state", "The review is " + pir.getState().name().toLowerCase(Locale.ROOT) + " already.");
        } else if (!pir.getOwner().equals(caller.name()) && !caller.hasRole(Role.COMPLIANCE_LEAD)) {
            errors.add("state", "Only " + pir.getOwner() + ", who owns the review, or a compliance lead may submit it.");
        }
        lengths(errors, form, given);
        if (form.rootCause().isEmpty()) {
            errors.add("rootCause", "Root cause: say what caused the incident.");
        }
        if (form.systemsAffected().isEmpty()) {
            errors.add("systemsAffected", "Impact: name the systems affected.");
        }
        if (form.notificationRequired()) {
            if (form.notificationDate() == null) {
                errors.add("notificationDate", "Customer notification: give the date customers were told.");
            }
            if (form.notificationMethod() == null) {
                errors.add("notificationMethod", "Customer notification: say how customers were told.");
            }
        }
        actionItems.checkAgreed(errors, given, null);
        errors.throwIfAny();
        write(pir, form, given);
        changes.apply(null, "pir.submitted", ENTITY, pir.getId(), () -> snapshot(pir),
                () -> pir.submit(caller.name(), clock.instant()));
        return pir;
    }

    /** The compliance lead approves a submitted review; it is then fixed, with the SHA-256 of its content. */
    public Pir approve(long id, long seenVersion, String comment) {
        return decide(id, seenVersion, true, comment);
    }

    /** The compliance lead returns a submitted review to its owner; the comment saying why is required. */
    public Pir giveBack(long id, long seenVersion, String comment) {
        return decide(id, seenVersion, false, comment);
    }

    private Pir decide(long id, long seenVersion, boolean approve, String rawComment) {
        caller.require((approve ? "approve" : "return") + " post-incident reviews", Role.COMPLIANCE_LEAD);
        Pir pir = changes.lock(Pir.class, id, seenVersion, KIND);
        String comment = Approval.comment(rawComment);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Approval.refusals(errors, new Approval.Wording("this review", "review", "state", "comment", "wrote",
                        "approve", "return", "returned", "another compliance lead approves it", null),
                pir.getState() == Pir.State.SUBMITTED, pir.getState().name().toLowerCase(Locale.ROOT),
                caller.name(), approve ? List.of(pir.getOwner(), pir.getSubmittedBy()) : List.of(), approve, comment);
        errors.throwIfAny();
        changes.apply(null, approve ? "pir.approved" : "pir.returned", ENTITY, pir.getId(), () -> snapshot(pir),
                () -> pir.decide(approve, caller.name(), clock.instant(), comment,
                        approve ? contentHash(pir) : null));
        return pir;
    }

    /** An action item moves on (also after approval): its owner, the review's owner or a compliance lead. */
    public ActionItem move(long itemId, ActionItem.Status to) {
        ActionItem item = actionItems.locked(ActionItem.RaisedBy.REVIEW, itemId);
        Pir pir = em.find(Pir.class, item.getParentId());
        return actionItems.move(item, to, List.of(pir.getOwner()), "pir.action-item-moved");
    }

    /** The review's content with its action items (what, who, by when — not how far they got): what is approved. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> approvedContent(Pir pir) {
        Map<String, Object> content = pir.content();
        content.put("actionItems", items(pir).stream().map(i -> {
            Map<String, Object> s = i.content();
            s.put("position", i.getPosition());
            return s;
        }).toList());
        return content;
    }

    /** The SHA-256 of {@link #approvedContent}, canonical: what an approval keeps. */
    public String contentHash(Pir pir) {
        return Sha256.hex(CanonicalJson.write(approvedContent(pir)));
    }

    private Map<String, Object> snapshot(Pir pir) {
        Map<String, Object> s = pir.snapshot();
        s.put("actionItems", items(pir).stream().map(ActionItem::snapshot).toList());
        return s;
    }

    private static void lengths(InvalidInput.Collector errors, PirForm form, List<ActionItem.Item> items) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("timeline", form.timeline());
        texts.put("rootCause", form.rootCause());
        texts.put("systemsAffected", form.systemsAffected());
        texts.put("dataInvolved", form.dataInvolved());
        texts.put("containmentActions", form.containmentActions());
        texts.put("eradicationActions", form.eradicationActions());
        texts.put("recoveryActions", form.recoveryActions());
        texts.forEach((field, text) -> {
            if (text.length() > TEXT_MAX) {
                errors.add(field, "At most 20,000 characters.");
            }
        });
        if (form.notificationMethod() != null && form.notificationMethod().length() > 200) {
            errors.add("notificationMethod", "At most 200 characters.");
        }
        if (items != null && items.size() > ActionItemService.MAX_ITEMS) {
            errors.add("items", "At most 100 action items.");
        }
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).description().length() > ActionItemService.MAX_DESCRIPTION) {
                    errors.add("item" + (i + 1), "Action item " + (i + 1) + ": at most 1,000 characters.");
                }
            }
        }
    }

    // --- closing rule ---------------------------------------------------------------------------------------

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public String refusal(Incident incident) {
        Optional<Pir> pir = of(incident);
        if (pir.isEmpty()) {
            return null; // resolved before reviews were kept
        }
        return pir.get().getState() == Pir.State.APPROVED ? null : "The post-incident review of "
                + incident.getReference() + " is " + pir.get().getState().name().toLowerCase(Locale.ROOT)
                + ": the incident closes once the compliance lead has approved it.";
    }

    // --- reading --------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Pir> of(Incident incident) {
        return em.createNamedQuery(Pir.OF_INCIDENT, Pir.class).setParameter("incident", incident.getId())
                .getResultStream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Pir> find(long id) {
        return Optional.ofNullable(em.find(Pir.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Pir> all() {
        return em.createNamedQuery(Pir.ALL, Pir.class).getResultList();
    }

    /** Reviews not yet approved, the soonest due first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Pir> open() {
        return em.createNamedQuery(Pir.OPEN, Pir.class).getResultList();
    }

    /** The reviews the caller may read: every one, or an auditor's those of incidents detected in their periods. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Pir> readable() {
        List<AuditPeriod> limits = auditors.limits();
        if (limits == null) {
            return all();
        }
        ZoneId zone = calendars.zone();
        return all().stream().filter(p -> AuditPeriod.anyContains(limits, incidents.byId(p.getIncidentId())
                .orElseThrow().getDetectedAt().atZone(zone).toLocalDate())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionItem> items(Pir pir) {
        return actionItems.of(ActionItem.RaisedBy.REVIEW, pir.getId());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Stats stats() {
        return stats(all());
    }

    /** Open, overdue and on-time counts over {@code reviews}. */
    public Stats stats(List<Pir> reviews) {
        Instant now = clock.instant();
        long due = 0;
        long overdue = 0;
        long approved = 0;
        long onTime = 0;
        for (Pir p : reviews) {
            if (p.getState() == Pir.State.APPROVED) {
                approved++;
                onTime += Boolean.TRUE.equals(p.onTime()) ? 1 : 0;
            } else if (now.isAfter(p.getDueAt())) {
                overdue++;
            } else {
                due++;
            }
        }
        return new Stats(due, overdue, approved, onTime);
    }
}
