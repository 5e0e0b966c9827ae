package com.attest.engagement;

import com.attest.calendar.CalendarService;
import com.attest.evidence.EvidenceItem;
import com.attest.evidence.EvidenceService;
import com.attest.oncall.OutboxService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.runbook.FileKind;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The auditor's request list. An auditor of an open engagement files requests; the compliance lead answers them, or
 * assigns a responder who then may; answers link evidence items of the register (never a copy) dated within the
 * engagement's period, and/or attach new files, which are kept and registered as evidence items at once; the auditor accepts an answer or asks a follow-up. Everyone is told by e-mail through the
 * outbox when a request is filed, assigned or answered. Who sees a request: the lead, the engagement's auditors while
 * it is open, the responder it is assigned to.
 */
@ApplicationScoped
@Transactional
public class AuditorRequestService {

    static final Changes.Kind KIND = new Changes.Kind("request", "request");
    static final Set<String> CONTROLS = Set.of("CC7.3", "CC7.4", "CC7.5");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private Changes changes;

    @Inject
    private CalendarService calendars;

    @Inject
    private EngagementService engagements;

    @Inject
    private EvidenceService register;

    @Inject
    private UserService users;

    @Inject
    private OutboxService outbox;

    @Inject
    @ConfigProperty(name = "attest.portal.url", defaultValue = "http://localhost:8080")
    private String portalUrl;

    /** An auditor of the engagement files a request. */
    public AuditorRequest file(long engagementId, String title, String text, String incidentRef, String control,
                               LocalDate due) {
        caller.require("file auditor requests", Role.AUDITOR);
        Engagement e = engagements.visible(engagementId).filter(x -> x.names(caller.name()))
                .orElseThrow(() -> new InvalidInput("engagement", "No engagement " + engagementId + "."));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) {
            errors.add("title", "Give the request a title (e.g. \"IR policy in force during the period\").");
        } else if (t.length() > 200) {
            errors.add("title", "At most 200 characters.");
        }
        String body = text == null ? "" : text.strip();
        if (body.length() > 4000) {
            errors.add("text", "At most 4,000 characters.");
        }
        LocalDate today = LocalDate.now(clock.withZone(calendars.zone()));
        if (due == null) {
            errors.add("due", "Give the date the answer is due.");
        } else if (due.isBefore(today)) {
            errors.add("due", "The due date " + due + " is before today (" + today + ").");
        }
        String ref = incidentRef == null || incidentRef.isBlank() ? null : incidentRef.strip().toUpperCase(Locale.ROOT);
        if (ref != null && engagements.incident(e, ref).isEmpty()) {
            errors.add("incident", ref + " is not an incident of this engagement's population (" + e.period() + ").");
        }
        String c = control == null || control.isBlank() ? null : control.strip().toUpperCase(Locale.ROOT);
        if (c != null && !CONTROLS.contains(c)) {
            errors.add("control", "Choose CC7.3, CC7.4 or CC7.5.");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        AuditorRequest r = changes.create("auditor-request.filed", new AuditorRequest(e.getId(), t, body, ref, c, due,
                caller.name(), now));
        message(r, "FILED", body, List.of());
        List<String> leads = users.withRole(Role.COMPLIANCE_LEAD).stream().map(User::getEmail)
                .filter(m -> m != null && !m.isBlank()).toList();
        mail(r, leads, "Auditor request filed: " + t, caller.name() + " filed a request in " + e.getName()
                + ", due " + due + ".");
        return r;
    }

    /** The lead assigns a responder (or another lead) to answer. */
    public AuditorRequest assign(long id, long seenVersion, String username) {
        caller.require("assign auditor requests", Role.COMPLIANCE_LEAD);
        AuditorRequest r = changes.lock(AuditorRequest.class, id, seenVersion, KIND);
        String who = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        Optional<User> user = users.find(who).filter(User::isEnabled);
        if (user.isEmpty() || !(user.get().hasRole(Role.RESPONDER) || user.get().hasRole(Role.COMPLIANCE_LEAD))) {
            throw new InvalidInput("assignee", "There is no responder " + (who.isEmpty() ? "named" : who) + ".");
        }
        if (r.getState() == AuditorRequest.State.ACCEPTED) {
            throw new InvalidInput("assignee", "The request is accepted: nothing is left to answer.");
        }
        changes.apply("auditor-request.assigned", r, () -> r.assign(who, caller.name(), clock.instant()));
        message(r, "ASSIGNED", who, List.of());
        mail(r, List.of(user.get().getEmail()), "Auditor request assigned to you: " + r.getTitle(), caller.name()
                + " asks you to answer it by " + r.getDueDate() + ".");
        return r;
    }

    /**
     * The lead, or the responder it is assigned to, answers: a text and/or evidence items of the register, each dated
     * within the engagement's period and still held. The auditor is told.
     */
    public AuditorRequest answer(long id, long seenVersion, String text, List<Long> evidenceItems) {
        return answer(id, seenVersion, text, evidenceItems, List.of());
    }

    /**
     * A file attached to an answer: its name, bytes and the day it documents (which must lie within the engagement's
     * period). Checked like every evidence file: by its content, at most 10 MB.
     */
    public record NewFile(String name, byte[] body, LocalDate dated) {
    }

    /**
     * The lead, or the responder it is assigned to, answers with words, linked evidence items and/or new files; each
     * new file is kept and registered as an evidence item, which the answer links like any other.
     */
    public AuditorRequest answer(long id, long seenVersion, String text, List<Long> evidenceItems,
                                 List<NewFile> files) {
        caller.require("answer auditor requests", Role.COMPLIANCE_LEAD, Role.RESPONDER);
        AuditorRequest r = changes.lock(AuditorRequest.class, id, seenVersion, KIND);
        if (!caller.hasRole(Role.COMPLIANCE_LEAD) && !caller.name().equals(r.getAssignee())) {
            throw new InvalidInput("answer", "Only the compliance lead or the responder it is assigned to answers it.");
        }
        Engagement e = em.find(Engagement.class, r.getEngagementId());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!r.awaitsAnswer()) {
            errors.add("answer", r.getState() == AuditorRequest.State.ACCEPTED ? "The request is accepted: it takes"
                    + " no more answers." : "The request is answered and waits for the auditor.");
        }
        String body = text == null ? "" : text.strip();
        if (body.length() > 4000) {
            errors.add("answer", "At most 4,000 characters.");
        }
        List<EvidenceItem> items = new ArrayList<>();
        for (Long itemId : new LinkedHashSet<>(evidenceItems == null ? List.<Long>of() : evidenceItems)) {
            Optional<EvidenceItem> item = itemId == null ? Optional.empty() : register.find(itemId);
            if (item.isEmpty()) {
                errors.add("evidence", "There is no evidence item " + itemId + ".");
            } else if (!e.period().contains(item.get().getPeriodDate())) {
                errors.add("evidence", "Evidence item " + itemId + " is dated " + item.get().getPeriodDate()
                        + ", outside the engagement's period " + e.getPeriodFrom() + " – " + e.getPeriodTo() + ".");
            } else if (item.get().getDisposalState() == EvidenceItem.Disposal.DISPOSED) {
                errors.add("evidence", "Evidence item " + itemId + " was disposed of: the auditor may not read it.");
            } else {
                items.add(item.get());
            }
        }
        List<NewFile> attached = files == null ? List.of() : files.stream().filter(f -> f != null).toList();
        List<String> names = new ArrayList<>();
        for (NewFile f : attached) {
            String name = FileKind.cleanName(f.name());
            names.add(name);
            FileKind.check(name, f.body(), errors);
            String range = e.getPeriodFrom() + " – " + e.getPeriodTo();
            if (f.dated() == null) {
                errors.add("dated", "Give the day " + (name.isEmpty() ? "the file" : name) + " documents, within the"
                        + " engagement's period " + range + ".");
            } else if (!e.period().contains(f.dated())) {
                errors.add("dated", "The file " + name + " is dated " + f.dated() + ", outside the engagement's period "
                        + range + ".");
            }
        }
        if (body.isEmpty() && items.isEmpty() && attached.isEmpty() && !errors.has("evidence")) {
            errors.add("answer", "Answer in words, link evidence items, attach files, or any of these.");
        }
        errors.throwIfAny();
        for (int i = 0; i < attached.size(); i++) {
            NewFile f = attached.get(i);
            FileKind kind = FileKind.check(names.get(i), f.body(), new InvalidInput.Collector());
            AuditorRequestFile file = new AuditorRequestFile(r.getId(), f.dated(), names.get(i), kind, f.body(),
                    Sha256.hex(f.body()), caller.name(), clock.instant());
            changes.create(null, "auditor-request.file-attached", "AuditorRequestFile", file::getId,
                    () -> em.persist(file), file::snapshot);
            items.add(register.registerRequestFile(file.getId()));
        }
        changes.apply("auditor-request.answered", r, () -> r.answered(caller.name(), clock.instant()));
        message(r, "ANSWER", body, items);
        users.find(r.getFiledBy()).map(User::getEmail).ifPresent(m -> mail(r, List.of(m), "Your request is answered: "
                + r.getTitle(), caller.name() + " answered" + (items.isEmpty() ? "" : " with " + items.size()
                + " evidence item(s)") + "."));
        return r;
    }

    /** An auditor of the engagement accepts the answer. Accepted once. */
    public AuditorRequest accept(long id, long seenVersion) {
        AuditorRequest r = auditorsOwn(id, seenVersion);
        if (r.getState() == AuditorRequest.State.ACCEPTED) {
            throw new InvalidInput("accept", "Already accepted by " + r.lastChangedBy() + " at " + r.lastChangedAt()
                    + ".");
        }
        if (r.getState() != AuditorRequest.State.ANSWERED) {
            throw new InvalidInput("accept", "There is no answer to accept yet.");
        }
        changes.apply("auditor-request.accepted", r, () -> r.accepted(caller.name(), clock.instant()));
        message(r, "ACCEPTED", "", List.of());
        return r;
    }

    /** An auditor of the engagement asks more: the request waits for an answer again. */
    public AuditorRequest followUp(long id, long seenVersion, String text) {
        AuditorRequest r = auditorsOwn(id, seenVersion);
        String body = text == null ? "" : text.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (r.getState() != AuditorRequest.State.ANSWERED) {
            errors.add("followUp", r.getState() == AuditorRequest.State.ACCEPTED ? "The request is accepted."
                    : "The request has not been answered yet.");
        }
        if (body.isEmpty()) {
            errors.add("followUp", "Say what is still missing.");
        } else if (body.length() > 4000) {
            errors.add("followUp", "At most 4,000 characters.");
        }
        errors.throwIfAny();
        changes.apply("auditor-request.follow-up", r, () -> r.followUp(caller.name(), clock.instant()));
        message(r, "FOLLOW_UP", body, List.of());
        return r;
    }

    // --- reading -----------------------------------------------------------------------------------------------

    /** The engagement's requests, newest first (the engagement as the caller may see it). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditorRequest> of(Engagement e) {
        return em.createQuery("SELECT r FROM AuditorRequest r WHERE r.engagementId = :e ORDER BY r.id DESC",
                AuditorRequest.class).setParameter("e", e.getId()).getResultList();
    }

    /** A request as the caller may see it: the lead, the engagement's auditors while it is open, its assignee. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AuditorRequest> visible(long id) {
        Optional<AuditorRequest> r = Optional.ofNullable(em.find(AuditorRequest.class, id));
        if (caller.hasRole(Role.COMPLIANCE_LEAD)) {
            return r;
        }
        return r.filter(x -> caller.name().equals(x.getAssignee()) && caller.hasRole(Role.RESPONDER)
                || caller.hasRole(Role.AUDITOR) && engagements.visible(x.getEngagementId()).isPresent());
    }

    /** The request's thread, oldest first, each answer with the evidence items it linked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditorRequestMessage> thread(AuditorRequest r) {
        List<AuditorRequestMessage> messages = em.createQuery("SELECT m FROM AuditorRequestMessage m WHERE"
                + " m.requestId = :r ORDER BY m.id", AuditorRequestMessage.class).setParameter("r", r.getId())
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> links = em.createNativeQuery("SELECT l.message_id, e.id, e.title, e.sha256, e.period_date, f.id"
                + " FROM auditor_request_link l JOIN evidence_item e ON e.id = l.evidence_item_id"
                + " LEFT JOIN auditor_request_file f ON e.source = 'auditor_request_file' AND f.id = e.source_id"
                + " AND f.request_id = l.request_id WHERE l.request_id = ?1 ORDER BY l.id").setParameter(1, r.getId())
                .getResultList();
        for (AuditorRequestMessage m : messages) {
            m.linked(links.stream().filter(l -> ((Number) l[0]).longValue() == m.getId()).map(l -> withFile(item(
                    ((Number) l[1]).longValue(), (String) l[2], ((String) l[3]).strip(), String.valueOf(l[4])),
                    l[5])).toList());
        }
        return messages;
    }

    /** Requests waiting for {@code username}: to answer (lead: unassigned ones; responder: assigned) or accept. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditorRequest> waitingFor(String username, boolean lead, boolean responder, List<Engagement> open) {
        List<AuditorRequest> found = new ArrayList<>();
        if (lead) {
            found.addAll(em.createQuery("SELECT r FROM AuditorRequest r WHERE r.state IN :s AND (r.assignee IS NULL"
                    + " OR r.assignee = :u) ORDER BY r.dueDate, r.id", AuditorRequest.class).setParameter("s",
                    List.of(AuditorRequest.State.OPEN, AuditorRequest.State.FOLLOW_UP)).setParameter("u", username)
                    .getResultList());
        } else if (responder) {
            found.addAll(em.createQuery("SELECT r FROM AuditorRequest r WHERE r.state IN :s AND r.assignee = :u"
                    + " ORDER BY r.dueDate, r.id", AuditorRequest.class).setParameter("s", List.of(
                    AuditorRequest.State.OPEN, AuditorRequest.State.FOLLOW_UP)).setParameter("u", username)
                    .getResultList());
        }
        for (Engagement e : open) {
            found.addAll(of(e).stream().filter(r -> r.getState() == AuditorRequest.State.ANSWERED).toList());
        }
        return found;
    }

    /** The request list as rows for CSV and JSON: one per request, with its thread's size and links. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Map<String, Object>> export(Engagement e) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditorRequest r : of(e)) {
            Map<String, Object> row = r.snapshot();
            List<AuditorRequestMessage> thread = thread(r);
            row.put("messages", thread.size());
            row.put("evidence", thread.stream().flatMap(m -> m.getLinks().stream()).map(l -> l.get("id")).toList());
            rows.add(row);
        }
        return rows;
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private AuditorRequest auditorsOwn(long id, long seenVersion) {
        caller.require("accept or follow up auditor requests", Role.AUDITOR);
        AuditorRequest r = changes.lock(AuditorRequest.class, id, seenVersion, KIND);
        if (engagements.visible(r.getEngagementId()).filter(e -> e.names(caller.name())).isEmpty()) {
            throw new InvalidInput("request", "No request " + id + ".");
        }
        return r;
    }

    private void message(AuditorRequest r, String kind, String text, List<EvidenceItem> items) {
        AuditorRequestMessage m = new AuditorRequestMessage(r.getId(), kind, caller.name(), clock.instant(), text);
        m.linked(items.stream().map(i -> item(i.getId(), i.getTitle(), i.getSha256(), String.valueOf(
                i.getPeriodDate()))).toList());
        changes.create("auditor-request.message", m);
        for (EvidenceItem i : items) {
            em.createNativeQuery("INSERT INTO auditor_request_link (request_id, message_id, evidence_item_id,"
                            + " linked_by, linked_at) VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, r.getId())
                    .setParameter(2, m.getId()).setParameter(3, i.getId()).setParameter(4, caller.name())
                    .setParameter(5, Timestamp.from(m.getAt())).executeUpdate();
        }
    }

    /** A file attached to one of the request's answers, for its download; empty when another request's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AuditorRequestFile> file(AuditorRequest r, long fileId) {
        return Optional.ofNullable(em.find(AuditorRequestFile.class, fileId))
                .filter(f -> f.getRequestId().equals(r.getId()));
    }

    private static Map<String, Object> withFile(Map<String, Object> item, Object fileId) {
        if (fileId != null) {
            item.put("file", ((Number) fileId).longValue());
        }
        return item;
    }

    private static Map<String, Object> item(long id, String title, String sha256, String date) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("sha256", sha256);
        m.put("periodDate", date);
        return m;
    }

    private void mail(AuditorRequest r, List<String> to, String subject, String line) {
        List<String> recipients = to.stream().filter(m -> m != null && !m.isBlank()).distinct().toList();
        if (recipients.isEmpty()) {
            return;
        }
        String link = portalUrl.replaceAll("/+$", "") + "/engagements/request.xhtml?id=" + r.getId();
        outbox.mail("auditor-request", null, recipients, subject, "<p>" + escape(line) + "</p><p>" + escape(
                r.getTitle()) + "</p><p><a href=\"" + escape(link) + "\">Open the request</a></p>", caller.name());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
