package com.attest.customernotice;

import com.attest.calendar.CalendarService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.incident.TimelineService;
import com.attest.oncall.Notification;
import com.attest.platform.InvalidInput;
import com.attest.platform.Times;
import com.attest.platform.change.Approval;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    static final Changes.Kind KIND = new Changes.Kind("notice", "customer notice");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private CalendarService calendars;

    @Inject
    private CustomerService customers;

    @Inject
    private NoticeTemplateService templates;

    @Inject
    private Changes changes;

    @Inject
    private NoticeDeliveryService deliveries;

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
        changes.create("notice.drafted", notice);
        timeline(incident, "Customer notice " + notice.getId() + " drafted for "
                + chosen.stream().map(Customer::getName).collect(Collectors.joining(", ")) + ".");
        return notice;
    }

    /** A new subject and text; if it was awaiting or holding approval, a new approval round begins. */
    public CustomerNotice edit(long id, long seenVersion, String rawSubject, String rawText) {
        requireResponder("edit customer notices");
        CustomerNotice notice = changes.lock(CustomerNotice.class, id, seenVersion, KIND);
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
        boolean newRound = notice.getState() != NoticeState.DRAFT;
        changes.apply("notice.edited", notice, () -> notice.edit(subject, text, caller.name(), clock.instant()));
        if (newRound) {
            timeline(incidentOf(notice), "Customer notice " + id + " changed after approval was asked: approval"
                    + " starts again (round " + notice.getRound() + ").");
        }
        return notice;
    }

    /** Asks the configured approvers to approve the current text. */
    public CustomerNotice submit(long id, long seenVersion) {
        requireResponder("ask for approval of customer notices");
        CustomerNotice notice = changes.lock(CustomerNotice.class, id, seenVersion, KIND);
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
            Set<String> authors = new HashSet<>(List.of(notice.getDraftedBy(), notice.getEditedBy()));
            approvers.forEach((role, user) -> {
                if (authors.contains(user)) {
                    errors.add("state", user + " wrote this notice and is the " + role.label() + " approver: with"
                            + " 'all approvers' it could never be approved. Ask another person to draft it.");
                }
            });
        }
        errors.throwIfAny();
        changes.apply("notice.submitted", notice, () -> notice.submit(policy, caller.name(), clock.instant()));
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
        CustomerNotice notice = changes.lock(CustomerNotice.class, id, seenVersion, KIND);
        String comment = Approval.comment(rawComment);
        String me = caller.name();
        Set<ApproverRole> mine = approverRoles(me);
        List<NoticeDecision> round = decisions(id).stream().filter(d -> d.getRound() == notice.getRound()).toList();
        mine.removeIf(role -> round.stream().anyMatch(d -> d.getApproverRole() == role));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Approval.refusals(errors, new Approval.Wording("notice " + id, "notice", "state", "comment", "wrote",
                        "approve", "reject", "rejected", "another approver must approve it",
                        "another approver must reject it"),
                notice.getState() == NoticeState.AWAITING_APPROVAL, notice.getState().label().toLowerCase(), me,
                List.of(notice.getDraftedBy(), notice.getEditedBy()), approve, comment);
        if (!errors.has("state")) {
            if (approverRoles(me).isEmpty()) {
                errors.add("state", "You are not a notice approver: the approvers are "
                        + describe(templates.approvers()) + ".");
            } else if (mine.isEmpty()) {
                errors.add("state", "You have already decided on this version of notice " + id + ".");
            }
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        for (ApproverRole role : mine) {
            changes.create(approve ? "notice.approved" : "notice.rejected",
                    new NoticeDecision(notice, role, me, approve, comment, now));
        }
        String who = me + " (" + mine.stream().map(ApproverRole::label).collect(Collectors.joining(", ")) + ")";
        Incident incident = incidentOf(notice);
        changes.apply(approve ? "notice.decided" : "notice.returned", notice, () -> {
            if (!approve) {
                notice.rejected(me, now, comment);
                timeline(incident, "Customer notice " + id + " rejected by " + who + ": " + comment);
            } else {
                timeline(incident, "Customer notice " + id + " approved by " + who + (comment == null ? "." : ": "
                        + comment));
                if (policyMet(notice)) {
                    notice.approved(me, now, comment);
                    timeline(incident, "Customer notice " + id + " is approved and may be sent (SHA-256 "
                            + notice.getBodySha256().substring(0, 12) + "…).");
                }
            }
        });
        return notice;
    }

    /** Whether this round's approvals, for the body as it stands, meet the policy the notice was submitted under. */
    boolean policyMet(CustomerNotice notice) {
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
        return notice.getPolicy() == ApprovalPolicy.ALL ? !mapped.isEmpty() && approved.containsAll(mapped)
                : !approved.isEmpty();
    }

    // --- helpers -----------------------------------------------------------------------------------------

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
        deliveries.clock(incident).ifPresent(c -> {
            values.put("determined", Times.format(c.deadline().from()));
            values.put("deadline", Times.format(c.deadline().dueAt()));
        });
        return values;
    }

    static String describe(Map<ApproverRole, String> approvers) {
        String named = approvers.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", "));
        return named.isEmpty() ? "nobody yet" : named;
    }

    private Incident incident(String ref) {
        return incidents.find(ref).orElseThrow(() -> new InvalidInput("reference", "No incident " + ref + "."));
    }

    Incident incidentOf(CustomerNotice notice) {
        return incidents.byId(notice.getIncidentId()).orElseThrow();
    }

    void timeline(Incident incident, String text) {
        timelines.addEntry(incident.getReference(), clock.instant(), text, null, null);
    }

    private void requireResponder(String act) {
        caller.require(act, Role.RESPONDER, Role.COMPLIANCE_LEAD);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
