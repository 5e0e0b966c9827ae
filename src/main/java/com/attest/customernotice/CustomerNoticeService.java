package com.attest.customernotice;

import com.attest.calendar.CalendarService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.oncall.Notification;
import com.attest.oncall.OutboxService;
import com.attest.platform.InvalidInput;
import com.attest.platform.Times;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.Sha256;
import com.attest.runbook.FileKind;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Customer notices of incidents and the notification clock. Responders (and the compliance lead) draft a notice
 * from a template version, edit it and ask for approval; the configured approvers approve or reject it with a
 * comment — never the person who drafted or last edited it; once the policy's approvals are in, a responder sends
 * it to chosen contacts through the outbox (Microsoft Graph sendMail, after commit) or records its delivery by other
 * means with a proof file. Sending without the approvals is refused. Each step is on the incident's timeline and in
 * the audit trail; decisions and deliveries are append-only evidence.
 */
@ApplicationScoped
@Transactional
public class CustomerNoticeService {

    /** The purpose the outbox records for a customer notice. */
    public static final String PURPOSE = "customer-notice";
    private static final int MAX_TEXT = 20_000;
    private static final int MAX_PROOF = 10 * 1024 * 1024;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private Caller caller;

    @Inject
    private IncidentService incidents;

    @Inject
    private CalendarService calendars;

    @Inject
    private CustomerService customers;

    @Inject
    private NoticeTemplateService templates;

    @Inject
    private OutboxService notifications;

    @Inject
    @ConfigProperty(name = "attest.notice.personal-data-hours", defaultValue = "72")
    private int defaultHours;

    @Inject
    @ConfigProperty(name = "attest.notice.other-days", defaultValue = "30")
    private int defaultDays;

    // --- the clock ---------------------------------------------------------------------------------------

    /** The incident's notification clock, or empty when customers need not be told. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<NoticeClock> clock(Incident incident) {
        return NoticeDeadline.of(incident.getPersonalDataSince(), incident.getCustomersAffectedSince(),
                        new NoticeDeadline.Terms("default", defaultHours, defaultDays), customers.activeTerms(),
                        calendars.zone())
                .map(deadline -> NoticeClock.of(deadline, firstTold(incident), clock.instant()));
    }

    /** When customers were first told: a notice's e-mail sent by Graph, or a delivery recorded by hand. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Instant firstTold(Incident incident) {
        Instant first = null;
        for (CustomerNotice notice : of(incident)) {
            Instant at = delivery(notice.getId()).map(this::deliveredAt).orElse(null);
            if (at != null && (first == null || at.isBefore(first))) {
                first = at;
            }
        }
        return first;
    }

    /** When a delivery reached the customers: the Graph send time, or the recorded date; null while queued. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Instant deliveredAt(NoticeDelivery d) {
        if (d.getNotificationId() == null) {
            return d.getDeliveredAt();
        }
        Notification n = em.find(Notification.class, d.getNotificationId());
        return n == null || n.getState() != Notification.State.SENT ? null : n.getSentAt();
    }

    // --- reading -----------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CustomerNotice> of(Incident incident) {
        return em.createNamedQuery(CustomerNotice.OF_INCIDENT, CustomerNotice.class)
                .setParameter("incident", incident.getId()).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CustomerNotice> find(long id) {
        return Optional.ofNullable(em.find(CustomerNotice.class, id));
    }

    /** Notices waiting for approval, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CustomerNotice> awaitingApproval() {
        return em.createNamedQuery(CustomerNotice.AWAITING, CustomerNotice.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NoticeDecision> decisions(long noticeId) {
        return em.createNamedQuery(NoticeDecision.OF_NOTICE, NoticeDecision.class)
                .setParameter("notice", noticeId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<NoticeDelivery> delivery(long noticeId) {
        return em.createNamedQuery(NoticeDelivery.OF_NOTICE, NoticeDelivery.class)
                .setParameter("notice", noticeId).getResultStream().findFirst();
    }

    /** The outbox row of a notice sent by mail: its state, Graph's request id and the time it was sent. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Notification> notification(NoticeDelivery delivery) {
        return delivery.getNotificationId() == null ? Optional.empty()
                : Optional.ofNullable(em.find(Notification.class, delivery.getNotificationId()));
    }

    /** The approver roles {@code username} holds. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<ApproverRole> approverRoles(String username) {
        Set<ApproverRole> roles = EnumSet.noneOf(ApproverRole.class);
        templates.approvers().forEach((role, user) -> {
            if (user != null && user.equals(username)) {
                roles.add(role);
            }
        });
        return roles;
    }

    // --- drafting ----------------------------------------------------------------------------------------

    /** A draft for incident {@code ref} to the chosen customers, from a template version with its placeholders filled. */
    public CustomerNotice draft(String ref, Long templateVersionId, Collection<Long> customerIds) {
        requireResponder("draft customer notices");
        Incident incident = incident(ref);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        NoticeTemplateVersion version = templateVersionId == null ? null
                : templates.version(templateVersionId).orElse(null);
        if (version == null) {
            errors.add("template", "Choose a notice template.");
        }
        List<Customer> chosen = new ArrayList<>();
        for (Long id : customerIds == null ? List.<Long>of() : new LinkedHashSet<>(customerIds)) {
            Customer c = id == null ? null : customers.customer(id).orElse(null);
            if (c == null || !c.isActive()) {
                errors.add("customers", "Customer " + (c == null ? id : c.getName()) + " is not on the active list.");
            } else {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty() && !errors.has("customers")) {
            errors.add("customers", "Choose the customers to notify.");
        }
        errors.throwIfAny();
        Map<String, String> values = values(incident, chosen);
        Instant now = clock.instant();
        CustomerNotice notice = new CustomerNotice(incident.getId(), version.getId(),
                chosen.stream().map(Customer::getId).collect(Collectors.toSet()),
                cut(Placeholders.render(version.getSubject(), values).replaceAll("\\s+", " "), 255),
                Placeholders.render(version.getBody(), values), caller.name(), now);
        em.persist(notice);
        em.flush();
        audit.record("notice.drafted", "CustomerNotice", notice.getId(), null, notice.snapshot());
        timeline(incident, "Customer notice " + notice.getId() + " drafted for "
                + chosen.stream().map(Customer::getName).collect(Collectors.joining(", ")) + ".");
        return notice;
    }

    /** A new subject and text; if it was awaiting or holding approval, a new approval round begins. */
    public CustomerNotice edit(long id, long seenVersion, String rawSubject, String rawText) {
        requireResponder("edit customer notices");
        CustomerNotice notice = load(id, seenVersion);
        String subject = rawSubject == null ? "" : rawSubject.strip().replaceAll("\\s+", " ");
        String text = rawText == null ? "" : rawText.strip().replace("\r\n", "\n");
        InvalidInput.Collector errors = new InvalidInput.Collector();
        refuseIfFinished(errors, notice);
        if (subject.isEmpty() || subject.length() > 255) {
            errors.add("subject", "The subject is required (at most 255 characters).");
        }
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            errors.add("text", "The text is required (at most 20,000 characters).");
        }
        if (subject.equals(notice.getSubject()) && text.equals(notice.getText())) {
            errors.add("text", "Nothing changed.");
        }
        errors.throwIfAny();
        Map<String, Object> before = notice.snapshot();
        boolean newRound = notice.getState() != NoticeState.DRAFT;
        notice.edit(subject, text, caller.name(), clock.instant());
        em.flush();
        audit.record("notice.edited", "CustomerNotice", id, before, notice.snapshot());
        if (newRound) {
            timeline(incidentOf(notice), "Customer notice " + id + " changed after approval was asked: approval"
                    + " starts again (round " + notice.getRound() + ").");
        }
        return notice;
    }

    /** Asks the configured approvers to approve the current text. */
    public CustomerNotice submit(long id, long seenVersion) {
        requireResponder("ask for approval of customer notices");
        CustomerNotice notice = load(id, seenVersion);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<ApproverRole, String> approvers = templates.approvers();
        ApprovalPolicy policy = templates.policy();
        if (notice.getState() != NoticeState.DRAFT) {
            errors.add("state", "Notice " + id + " is " + notice.getState().label().toLowerCase()
                    + ": only a draft is sent for approval.");
        }
        if (approvers.values().stream().allMatch(Objects::isNull)) {
            errors.add("state", "No approver is configured: the compliance lead names Legal, CISO or CEO on the"
                    + " templates page.");
        } else if (policy == ApprovalPolicy.ALL) {
            Set<String> authors = new java.util.HashSet<>(List.of(notice.getDraftedBy(), notice.getEditedBy()));
            approvers.forEach((role, user) -> {
                if (authors.contains(user)) {
                    errors.add("state", user + " wrote this notice and is the " + role.label() + " approver: with"
                            + " 'all approvers' it could never be approved. Ask another person to draft it.");
                }
            });
        }
        errors.throwIfAny();
        Map<String, Object> before = notice.snapshot();
        notice.submit(policy);
        em.flush();
        audit.record("notice.submitted", "CustomerNotice", id, before, notice.snapshot());
        timeline(incidentOf(notice), "Customer notice " + id + " sent for approval (" + (policy == ApprovalPolicy.ALL
                ? "all of " : "any one of ") + describe(approvers) + ").");
        return notice;
    }

    /** A configured approver approves the text as it stands; the notice is approved once the policy is met. */
    public CustomerNotice approve(long id, long seenVersion, String comment) {
        return decide(id, seenVersion, true, comment);
    }

    /** A configured approver rejects it, saying why; the drafter revises and asks again. */
    public CustomerNotice reject(long id, long seenVersion, String comment) {
        return decide(id, seenVersion, false, comment);
    }

    private CustomerNotice decide(long id, long seenVersion, boolean approve, String rawComment) {
        requireResponder((approve ? "approve" : "reject") + " customer notices");
        CustomerNotice notice = load(id, seenVersion);
        String comment = rawComment == null || rawComment.isBlank() ? null : rawComment.strip();
        String me = caller.name();
        Set<ApproverRole> mine = approverRoles(me);
        List<NoticeDecision> round = decisions(id).stream().filter(d -> d.getRound() == notice.getRound()).toList();
        mine.removeIf(role -> round.stream().anyMatch(d -> d.getApproverRole() == role));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (notice.getState() != NoticeState.AWAITING_APPROVAL) {
            errors.add("state", "Notice " + id + " is " + notice.getState().label().toLowerCase() + ": there is"
                    + " nothing to " + (approve ? "approve" : "reject") + (notice.getState() == NoticeState.DRAFT
                    ? " until it is sent for approval." : "."));
        } else if (approverRoles(me).isEmpty()) {
            errors.add("state", "You are not a notice approver: the approvers are " + describe(templates.approvers())
                    + ".");
        } else if (me.equals(notice.getDraftedBy()) || me.equals(notice.getEditedBy())) {
            errors.add("state", "You wrote notice " + id + ": another approver must "
                    + (approve ? "approve" : "reject") + " it.");
        } else if (mine.isEmpty()) {
            errors.add("state", "You have already decided on this version of notice " + id + ".");
        }
        if (comment != null && comment.length() > 2000) {
            errors.add("comment", "A comment is at most 2,000 characters.");
        }
        if (!approve && comment == null) {
            errors.add("comment", "Say why the notice is rejected.");
        }
        errors.throwIfAny();
        Map<String, Object> before = notice.snapshot();
        Instant now = clock.instant();
        for (ApproverRole role : mine) {
            NoticeDecision decision = new NoticeDecision(notice, role, me, approve, comment, now);
            em.persist(decision);
            em.flush();
            audit.record(approve ? "notice.approved" : "notice.rejected", "NoticeDecision", decision.getId(), null,
                    decision.snapshot());
        }
        String who = me + " (" + mine.stream().map(ApproverRole::label).collect(Collectors.joining(", ")) + ")";
        Incident incident = incidentOf(notice);
        if (!approve) {
            notice.rejected();
            timeline(incident, "Customer notice " + id + " rejected by " + who + ": " + comment);
        } else {
            timeline(incident, "Customer notice " + id + " approved by " + who + (comment == null ? "." : ": "
                    + comment));
            if (policyMet(notice)) {
                notice.approved();
                timeline(incident, "Customer notice " + id + " is approved and may be sent (SHA-256 "
                        + notice.getBodySha256().substring(0, 12) + "…).");
            }
        }
        em.flush();
        audit.record(approve ? "notice.decided" : "notice.returned", "CustomerNotice", id, before,
                notice.snapshot());
        return notice;
    }

    /** Whether this round's approvals, for the body as it stands, meet the policy the notice was submitted under. */
    private boolean policyMet(CustomerNotice notice) {
        String body = notice.getBodySha256();
        Set<ApproverRole> approved = decisions(notice.getId()).stream()
                .filter(d -> d.getRound() == notice.getRound() && d.isApproved() && d.getBodySha256().equals(body))
                .map(NoticeDecision::getApproverRole).collect(Collectors.toCollection(() -> EnumSet.noneOf(ApproverRole.class)));
        Set<ApproverRole> mapped = EnumSet.noneOf(ApproverRole.class);
        templates.approvers().forEach((role, user) -> {
            if (user != null) {
                mapped.add(role);
            }
        });
        return notice.getApproval() == ApprovalPolicy.ALL ? !mapped.isEmpty() && approved.containsAll(mapped)
                : !approved.isEmpty();
    }

    // --- delivery ----------------------------------------------------------------------------------------

    /**
     * Sends the approved notice to the chosen contacts of its customers through the outbox (Microsoft Graph sendMail
     * after commit). Refused, with the reason, unless the notice is approved.
     */
    public NoticeDelivery send(long id, long seenVersion, Collection<Long> contactIds) {
        requireResponder("send customer notices");
        CustomerNotice notice = load(id, seenVersion);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        refuseUnapproved(errors, notice);
        List<String> to = new ArrayList<>();
        for (Long contactId : contactIds == null ? List.<Long>of() : new LinkedHashSet<>(contactIds)) {
            CustomerContact c = contactId == null ? null : customers.contact(contactId).orElse(null);
            if (c == null || !c.isActive() || !notice.getCustomerIds().contains(c.getCustomerId())) {
                errors.add("contacts", "Contact " + contactId + " is not an active contact of this notice's"
                        + " customers.");
            } else if (!to.contains(c.getEmail())) {
                to.add(c.getEmail());
            }
        }
        if (to.isEmpty() && !errors.has("contacts")) {
            errors.add("contacts", "Choose the contacts to send it to.");
        }
        errors.throwIfAny();
        Map<String, Object> before = notice.snapshot();
        Notification mail = notifications.mail(PURPOSE, notice.getIncidentId(), to, notice.getSubject(),
                notice.body(), caller.name());
        NoticeDelivery delivery = new NoticeDelivery(notice, String.join(", ", to), mail.getId(), caller.name(),
                clock.instant());
        em.persist(delivery);
        notice.delivered(NoticeState.SENT);
        em.flush();
        audit.record("notice.sent", "CustomerNotice", id, before, notice.snapshot());
        audit.record("notice.delivery-recorded", "NoticeDelivery", delivery.getId(), null, delivery.snapshot());
        timeline(incidentOf(notice), "Customer notice " + id + " queued to " + delivery.getRecipients()
                + " through Microsoft Graph (SHA-256 " + delivery.getBodySha256().substring(0, 12) + "…).");
        return delivery;
    }

    /** Records that the approved notice was delivered by other means, when and to whom, with a proof file. */
    public NoticeDelivery recordDelivery(long id, long seenVersion, DeliveryMethod method, String rawRecipients,
                                         Instant deliveredAt, String rawNote, String rawProofName, byte[] proof) {
        requireResponder("record customer notice deliveries");
        CustomerNotice notice = load(id, seenVersion);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        refuseUnapproved(errors, notice);
        String recipients = rawRecipients == null ? "" : rawRecipients.strip();
        String note = rawNote == null || rawNote.isBlank() ? null : rawNote.strip();
        String proofName = rawProofName == null ? "" : rawProofName.strip().replaceAll(".*[/\\\\]", "");
        if (method == null || method == DeliveryMethod.GRAPH_MAIL) {
            errors.add("method", "Choose how it was delivered (e-mail by hand, phone, letter, customer portal, other).");
        }
        if (recipients.isEmpty() || recipients.length() > 2000) {
            errors.add("recipients", "Say whom it reached (at most 2,000 characters).");
        }
        if (note != null && note.length() > 2000) {
            errors.add("note", "A note is at most 2,000 characters.");
        }
        Instant now = clock.instant();
        if (deliveredAt == null) {
            errors.add("deliveredAt", "When it was delivered is required.");
        } else if (deliveredAt.isAfter(now)) {
            errors.add("deliveredAt", Times.format(deliveredAt) + " is in the future.");
        } else if (deliveredAt.isBefore(notice.getDraftedAt().minusSeconds(60))) {
            errors.add("deliveredAt", "It cannot have been delivered before it was drafted ("
                    + Times.format(notice.getDraftedAt()) + ").");
        }
        FileKind kind = null;
        if (proof == null || proof.length == 0 || proofName.isEmpty()) {
            errors.add("proof", "Attach the proof of delivery (a PDF, image, text or e-mail export).");
        } else if (proof.length > MAX_PROOF) {
            errors.add("proof", "The proof is larger than 10 MB.");
        } else {
            kind = FileKind.ofExtension(proofName).orElse(null);
            FileKind.Sniffed sniffed = FileKind.sniff(proof);
            if (kind == null) {
                errors.add("proof", "'" + proofName + "': only PDF, PNG, JPEG, GIF, ZIP (also .docx, .xlsx) and text"
                        + " files are accepted.");
            } else if (sniffed.kind() != kind) {
                errors.add("proof", "'" + proofName + "' is named as " + kind.name() + " but its content is "
                        + (sniffed.kind() != null ? sniffed.kind().name() : sniffed.otherwise()) + ": refused.");
            }
        }
        errors.throwIfAny();
        Map<String, Object> before = notice.snapshot();
        NoticeDelivery delivery = new NoticeDelivery(notice, method, recipients, deliveredAt, note, proofName,
                kind.contentType(), proof, Sha256.hex(proof), caller.name(), now);
        em.persist(delivery);
        notice.delivered(NoticeState.DELIVERED);
        em.flush();
        audit.record("notice.delivered", "CustomerNotice", id, before, notice.snapshot());
        audit.record("notice.delivery-recorded", "NoticeDelivery", delivery.getId(), null, delivery.snapshot());
        timeline(incidentOf(notice), "Customer notice " + id + " delivered by " + method.label().toLowerCase()
                + " to " + recipients + " at " + Times.format(deliveredAt) + " (proof " + proofName
                + ", SHA-256 " + delivery.getProofSha256().substring(0, 12) + "…).");
        return delivery;
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private void refuseUnapproved(InvalidInput.Collector errors, CustomerNotice notice) {
        if (notice.getState().finished()) {
            errors.add("state", "Notice " + notice.getId() + " was already " + notice.getState().label()
                    .toLowerCase() + ".");
        } else if (notice.getState() != NoticeState.APPROVED || !policyMet(notice)) {
            errors.add("state", "Notice " + notice.getId() + " is not approved: it can be sent only once "
                    + (notice.getApproval() == ApprovalPolicy.ALL ? "all" : "one") + " of the approvers ("
                    + describe(templates.approvers()) + ") "
                    + (notice.getApproval() == ApprovalPolicy.ALL ? "have" : "has") + " approved its current text.");
        }
    }

    private static void refuseIfFinished(InvalidInput.Collector errors, CustomerNotice notice) {
        if (notice.getState().finished()) {
            errors.add("state", "Notice " + notice.getId() + " was " + notice.getState().label().toLowerCase()
                    + ": it is evidence now and never changes.");
        }
    }

    /** The values of the placeholders for this incident and these customers. */
    Map<String, String> values(Incident incident, List<Customer> chosen) {
        Map<String, String> values = new HashMap<>();
        values.put("incident.reference", incident.getReference());
        values.put("incident.title", incident.getTitle());
        values.put("incident.severity", incident.getSeverity().name());
        values.put("customer.name", chosen.stream().map(Customer::getName).collect(Collectors.joining(", ")));
        values.put("customer.agreement", chosen.stream().map(Customer::getAgreement).filter(Objects::nonNull)
                .collect(Collectors.joining(", ")));
        values.put("detected", Times.format(incident.getDetectedAt()));
        values.put("summary", incident.getDescription());
        clock(incident).ifPresent(c -> {
            values.put("determined", Times.format(c.deadline().from()));
            values.put("deadline", Times.format(c.deadline().dueAt()));
        });
        return values;
    }

    private static String describe(Map<ApproverRole, String> approvers) {
        String named = approvers.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", "));
        return named.isEmpty() ? "nobody yet" : named;
    }

    private Incident incident(String ref) {
        return incidents.find(ref).orElseThrow(() -> new InvalidInput("reference", "No incident " + ref + "."));
    }

    private Incident incidentOf(CustomerNotice notice) {
        return incidents.byId(notice.getIncidentId()).orElseThrow();
    }

    private void timeline(Incident incident, String text) {
        incidents.addEntry(incident.getReference(), clock.instant(), text, null, null);
    }

    private CustomerNotice load(long id, long seenVersion) {
        CustomerNotice notice = em.find(CustomerNotice.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (notice == null) {
            throw new InvalidInput("notice", "No customer notice " + id + ".");
        }
        if (notice.getVersion() != seenVersion) {
            throw new InvalidInput("version", "Notice " + id + " was changed by " + notice.getEditedBy()
                    + " meanwhile — reload to see the change.");
        }
        return notice;
    }

    private void requireResponder(String act) {
        caller.require(act, Role.RESPONDER, Role.COMPLIANCE_LEAD);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
