package com.attest.pir;

import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.calendar.BusinessCalendar;
import com.attest.calendar.CalendarService;
import com.attest.incident.ClosingCheck;
import com.attest.incident.Incident;
import com.attest.incident.IncidentEnded;
import com.attest.incident.IncidentService;
import com.attest.incident.Milestone;
import com.attest.incident.Status;
import com.attest.oncall.Notification;
import com.attest.oncall.OutboxService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import com.attest.runbook.Phase;
import com.attest.runbook.WalkthroughService;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorLimits;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Post-incident reviews: opened when an incident is resolved (due five business days later, pre-filled from what
 * the incident recorded), written as drafts, submitted by the owner, approved or returned by the compliance lead;
 * reminders before, on and after the due date. Closing an incident waits for its review's approval.
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
    private static final String ENTITY = "Pir";
    /** The name reminders are sent under: no one signed in sends them. */
    static final String REMINDERS = "system:pir-reminders";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private Caller caller;

    @Inject
    private AuditorLimits auditors;

    @Inject
    private IncidentService incidents;

    @Inject
    private CalendarService calendars;

    @Inject
    private UserService users;

    @Inject
    private ActionRunService actions;

    @Inject
    private WalkthroughService walkthroughs;

    @Inject
    private OutboxService notifications;

    @Inject
    private com.attest.customernotice.CustomerNoticeService notices;

    @Inject
    @ConfigProperty(name = "attest.portal.url", defaultValue = "http://localhost:8080")
    private String portalUrl;

    /** A resolved incident gets its review, due five business days later, owned by the incident's owner. */
    void resolved(@Observes IncidentEnded ended) {
        Incident incident = ended.incident();
        if (incident.getStatus() != Status.RESOLVED || of(incident).isPresent()) {
            return;
        }
        Instant resolvedAt = incident.getResolvedAt();
        BusinessCalendar calendar = calendars.calendar();
        String owner = incident.getOwner() == null ? ended.by() : incident.getOwner();
        Pir pir = new Pir(incident.getId(), owner, resolvedAt, PirSchedule.dueAt(resolvedAt, calendar),
                prefill(incident, calendar.zone()), ended.by(), clock.instant());
        em.persist(pir);
        em.flush();
        audit.record(ended.by(), "pir.opened", ENTITY, pir.getId(), null, pir.snapshot());
    }

    /** The template filled in from the incident: milestones, actions taken per step, systems and data. */
    PirForm prefill(Incident incident, ZoneId zone) {
        String timeline = incidents.timeline(incident).stream().filter(e -> e.getMilestone() != null)
                .map(e -> WHEN.format(e.getOccurredAt().atZone(zone)) + " — " + (e.getText().startsWith(
                        label(e.getMilestone())) ? e.getText() : label(e.getMilestone()) + ": " + e.getText()))
                .collect(Collectors.joining("\n"));
        Map<Phase, List<String>> taken = new HashMap<>();
        for (ActionRun run : actions.of(incident)) {
            if (run.getState().effective()) {
                taken.computeIfAbsent(run.type().phase(), p -> new ArrayList<>()).add(
                        run.type().label() + ": " + run.getSummary() + " (run " + run.getId() + ", "
                                + run.getRequestedBy() + (run.getDecidedBy() == null ? "" : ", approved by "
                                + run.getDecidedBy()) + (run.isBreakGlass() ? ", break glass" : "") + ")");
            }
        }
        walkthroughs.checklist(incident).ifPresent(c -> c.items().stream()
                .filter(i -> i.done() && i.item().action() == null)
                .forEach(i -> taken.computeIfAbsent(i.phase(), p -> new ArrayList<>())
                        .add(i.item().text() + " (" + i.by() + ")")));
        String data = incident.isPersonalData() ? "Personal data involved." : "";
        Instant told = notices.firstTold(incident);
        return new PirForm(timeline, "", String.join("\n", incident.getResources()), data, told != null,
                lines(taken.get(Phase.CONTAIN)), lines(taken.get(Phase.ERADICATE)), lines(taken.get(Phase.RECOVER)),
                incident.isPersonalData() || incident.isCustomersAffected(),
                told == null ? null : told.atZone(zone).toLocalDate(),
                told == null ? null : "Customer notice recorded in the portal (see the incident's notices)");
    }

    private static String lines(List<String> items) {
        return items == null ? "" : items.stream().map(s -> "- " + s).collect(Collectors.joining("\n"));
    }

    static String label(Milestone milestone) {
        String name = milestone.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    // --- writing --------------------------------------------------------------------------------------------

    /**
     * Saves the draft as it stands; nothing is required yet. Action items are replaced by the list given (items
     * keep their id when they carry it).
     */
    public Pir save(long id, long seenVersion, PirForm form, List<PirActionItem.Item> items) {
        caller.require("write post-incident reviews", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Pir pir = locked(id, seenVersion);
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

    private void write(Pir pir, PirForm form, List<PirActionItem.Item> items) {
        Map<String, Object> before = snapshot(pir);
        pir.write(form, caller.name(), clock.instant());
        List<PirActionItem> existing = items(pir);
        Set<Long> kept = new HashSet<>();
        int position = 1;
        for (PirActionItem.Item item : items) {
            if (item.description().isEmpty() && item.owner() == null && item.dueOn() == null) {
                continue; // an empty row
            }
            PirActionItem match = item.id() == null ? null
                    : existing.stream().filter(e -> e.getId().equals(item.id())).findFirst().orElse(null);
            if (match == null) {
                em.persist(new PirActionItem(pir.getId(), position, item, caller.name(), clock.instant()));
            } else {
                match.update(position, item, caller.name(), clock.instant());
                kept.add(match.getId());
            }
            position++;
        }
        existing.stream().filter(e -> !kept.contains(e.getId())).forEach(em::remove);
        em.flush();
        Map<String, Object> after = snapshot(pir);
        if (!after.equals(before)) {
            audit.record("pir.saved", ENTITY, pir.getId(), before, after);
        }
    }

    /**
     * The owner (or a compliance lead) sends the review for approval, with what is written now. Required: the
     * root cause, the systems affected, for a notification its date and method, for each action item its owner
     * (an active account) and due date.
     */
    public Pir submit(long id, long seenVersion, PirForm form, List<PirActionItem.Item> items) {
        caller.require("submit post-incident reviews", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Pir pir = locked(id, seenVersion);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!pir.getState().editable()) {
            errors.add("state", "The review is " + pir.getState().name().toLowerCase(Locale.ROOT) + " already.");
        } else if (!pir.getOwner().equals(caller.name()) && !caller.hasRole(Role.COMPLIANCE_LEAD)) {
            errors.add("state", "Only " + pir.getOwner() + ", who owns the review, or a compliance lead may submit it.");
        }
        lengths(errors, form, items);
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
        int n = 0;
        for (PirActionItem.Item item : items == null ? List.<PirActionItem.Item>of() : items) {
            if (item.description().isEmpty() && item.owner() == null && item.dueOn() == null) {
                continue;
            }
            n++;
            String field = "item" + n;
            if (item.description().isEmpty()) {
                errors.add(field, "Action item " + n + ": say what is to be done.");
            }
            if (item.owner() == null) {
                errors.add(field, "Action item " + n + ": an owner is required.");
            } else if (users.find(item.owner()).filter(User::isEnabled).isEmpty()) {
                errors.add(field, "Action item " + n + ": '" + item.owner() + "' is not an active account.");
            }
            if (item.dueOn() == null) {
                errors.add(field, "Action item " + n + ": a due date is required.");
            }
        }
        errors.throwIfAny();
        write(pir, form, items == null ? List.of() : items);
        Map<String, Object> before = snapshot(pir);
        pir.submit(caller.name(), clock.instant());
        em.flush();
        audit.record("pir.submitted", ENTITY, pir.getId(), before, snapshot(pir));
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
        Pir pir = locked(id, seenVersion);
        String comment = rawComment == null || rawComment.isBlank() ? null : rawComment.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (pir.getState() != Pir.State.SUBMITTED) {
            errors.add("state", "Only a submitted review can be " + (approve ? "approved" : "returned") + "; this one is "
                    + pir.getState().name().toLowerCase(Locale.ROOT) + ".");
        } else if (approve && (caller.name().equals(pir.getOwner()) || caller.name().equals(pir.getSubmittedBy()))) {
            errors.add("state", "You wrote this review: another compliance lead approves it.");
        }
        if (!approve && comment == null) {
            errors.add("comment", "Say what needs to change.");
        }
        if (comment != null && comment.length() > 2000) {
            errors.add("comment", "At most 2,000 characters.");
        }
        errors.throwIfAny();
        Map<String, Object> before = snapshot(pir);
        pir.decide(approve, caller.name(), clock.instant(), comment, approve ? contentHash(pir) : null);
        em.flush();
        audit.record(approve ? "pir.approved" : "pir.returned", ENTITY, pir.getId(), before, snapshot(pir));
        return pir;
    }

    /** An action item moves on (also after approval): its owner, the review's owner or a compliance lead. */
    public PirActionItem move(long itemId, PirActionItem.Status to) {
        caller.require("update action items", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        PirActionItem item = em.find(PirActionItem.class, itemId, LockModeType.PESSIMISTIC_WRITE);
        if (item == null) {
            throw new InvalidInput("item", "No action item " + itemId + ".");
        }
        Pir pir = em.find(Pir.class, item.getPirId());
        if (to == null) {
            throw new InvalidInput("status", "Choose open, in progress or done.");
        }
        if (!caller.name().equals(item.getOwner()) && !caller.name().equals(pir.getOwner())
                && !caller.hasRole(Role.COMPLIANCE_LEAD)) {
            throw new InvalidInput("item", "Only " + item.getOwner() + ", " + pir.getOwner()
                    + " or a compliance lead may move this action item.");
        }
        Map<String, Object> before = item.snapshot();
        item.move(to, caller.name(), clock.instant());
        em.flush();
        audit.record("pir.action-item-moved", "PirActionItem", itemId, before, item.snapshot());
        return item;
    }

    /** The review's content with its action items (what, who, by when — not how far they got): what is approved. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> approvedContent(Pir pir) {
        Map<String, Object> content = pir.content();
        content.put("actionItems", items(pir).stream().map(i -> {
            Map<String, Object> s = i.snapshot();
            s.remove("id");
            s.remove("status");
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
        s.put("actionItems", items(pir).stream().map(PirActionItem::snapshot).toList());
        return s;
    }

    private static void lengths(InvalidInput.Collector errors, PirForm form, List<PirActionItem.Item> items) {
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
        if (items != null && items.size() > 100) {
            errors.add("items", "At most 100 action items.");
        }
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).description().length() > 1000) {
                    errors.add("item" + (i + 1), "Action item " + (i + 1) + ": at most 1,000 characters.");
                }
            }
        }
    }

    private Pir locked(long id, long seenVersion) {
        Pir pir = em.find(Pir.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (pir == null) {
            throw new InvalidInput("pir", "No post-incident review " + id + ".");
        }
        if (pir.getVersion() != seenVersion) {
            throw new InvalidInput("version", "Someone saved this review meanwhile (" + pir.getUpdatedBy() + " at "
                    + pir.getUpdatedAt() + "): reload it before saving again.");
        }
        return pir;
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

    // --- reminders ------------------------------------------------------------------------------------------

    /**
     * Sends the reminders due now for every review not yet approved, each (review, kind, day, person) once: in
     * the portal, and by e-mail through the outbox when the person has an address.
     *
     * @return how many reminders were sent
     */
    public int remind() {
        Instant now = clock.instant();
        BusinessCalendar calendar = calendars.calendar();
        int sent = 0;
        for (Pir pir : em.createNamedQuery(Pir.OPEN, Pir.class).getResultList()) {
            Incident incident = incidents.byId(pir.getIncidentId()).orElseThrow();
            for (PirSchedule.Reminder due : PirSchedule.due(pir.getDueAt(), now, calendar)) {
                List<String> recipients = due.kind() == PirSchedule.Kind.OVERDUE_LEAD
                        ? users.withRole(Role.COMPLIANCE_LEAD).stream().map(User::getUsername).toList()
                        : List.of(pir.getOwner());
                for (String recipient : recipients) {
                    if (remind(pir, incident, due, recipient, calendar, now)) {
                        sent++;
                    }
                }
            }
        }
        return sent;
    }

    private boolean remind(Pir pir, Incident incident, PirSchedule.Reminder due, String recipient,
                           BusinessCalendar calendar, Instant now) {
        boolean already = !em.createQuery("SELECT r.id FROM PirReminder r WHERE r.pirId = :pir AND r.kind = :kind"
                        + " AND r.forDay = :day AND r.recipient = :recipient", Long.class)
                .setParameter("pir", pir.getId()).setParameter("kind", due.kind()).setParameter("day", due.forDay())
                .setParameter("recipient", recipient).getResultList().isEmpty();
        if (already) {
            return false;
        }
        LocalDate dueDay = calendar.localDate(pir.getDueAt());
        String ref = incident.getReference();
        String text = switch (due.kind()) {
            case BEFORE_DUE -> "The post-incident review of " + ref + " is due on " + dueDay + " (in "
                    + PirSchedule.NOTICE_DAYS + " business days).";
            case DUE -> "The post-incident review of " + ref + " is due today, " + dueDay + ".";
            case OVERDUE -> "The post-incident review of " + ref + " was due on " + dueDay + " and is overdue ("
                    + java.time.temporal.ChronoUnit.DAYS.between(dueDay, calendar.localDate(now)) + " day(s)).";
            case OVERDUE_LEAD -> "The post-incident review of " + ref + " (owner " + pir.getOwner() + ") was due on "
                    + dueDay + " and is overdue.";
        };
        Long notification = null;
        String email = users.find(recipient).map(User::getEmail).orElse(null);
        if (email != null && !email.isBlank()) {
            String link = portalUrl.replaceAll("/+$", "") + "/pirs/view.xhtml?id=" + pir.getId();
            Notification mail = notifications.mail("pir-reminder", incident.getId(), List.of(email), text,
                    "<p>" + escape(text) + "</p><p><a href=\"" + escape(link) + "\">Open the review</a></p>",
                    REMINDERS);
            notification = mail.getId();
        }
        PirReminder reminder = new PirReminder(pir.getId(), due.kind(), due.forDay(), recipient, text, notification,
                now);
        em.persist(reminder);
        em.flush();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("pirId", pir.getId());
        after.put("kind", due.kind().name());
        after.put("forDay", due.forDay().toString());
        after.put("recipient", recipient);
        after.put("notificationId", notification);
        audit.record(REMINDERS, "pir.reminded", ENTITY, pir.getId(), null, after);
        return true;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
    public List<PirActionItem> items(Pir pir) {
        return em.createNamedQuery(PirActionItem.OF_PIR, PirActionItem.class).setParameter("pir", pir.getId())
                .getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PirReminder> reminders(Pir pir) {
        return em.createNamedQuery(PirReminder.OF_PIR, PirReminder.class).setParameter("pir", pir.getId())
                .getResultList();
    }

    /** The signed-in person's latest reminders. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PirReminder> myReminders(int max) {
        return em.createNamedQuery(PirReminder.OF_RECIPIENT, PirReminder.class).setParameter("recipient", caller.name())
                .setMaxResults(max).getResultList();
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
