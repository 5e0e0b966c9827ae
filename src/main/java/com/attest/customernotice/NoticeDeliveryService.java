package com.attest.customernotice;

import com.attest.calendar.CalendarService;
import com.attest.incident.Incident;
import com.attest.oncall.Notification;
import com.attest.oncall.OutboxService;
import com.attest.platform.InvalidInput;
import com.attest.platform.Times;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.runbook.FileKind;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How approved notices reach the customers, and when they did: sent to chosen contacts through the outbox
 * (Microsoft Graph sendMail after commit) or delivered by other means, recorded with a proof file; both refused
 * unless the notice is approved. The incident's notification clock runs until customers were first told.
 */
@ApplicationScoped
@Transactional
public class NoticeDeliveryService {

    private static final int MAX_PROOF = 10 * 1024 * 1024;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private CalendarService calendars;

    @Inject
    private CustomerService customers;

    @Inject
    private NoticeTemplateService templates;

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private OutboxService outbox;

    @Inject
    @ConfigProperty(name = "attest.notice.personal-data-hours", defaultValue = "72")
    private int defaultHours;

    @Inject
    @ConfigProperty(name = "attest.notice.other-days", defaultValue = "30")
    private int defaultDays;

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
        for (CustomerNotice notice : notices.of(incident)) {
            Instant at = notices.delivery(notice.getId()).map(this::deliveredAt).orElse(null);
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

    /**
     * Sends the approved notice to the chosen contacts of its customers through the outbox (Microsoft Graph sendMail
     * after commit). Refused, with the reason, unless the notice is approved.
     */
    public NoticeDelivery send(long id, long seenVersion, Collection<Long> contactIds) {
        caller.require("send customer notices", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        CustomerNotice notice = changes.lock(CustomerNotice.class, id, seenVersion, CustomerNoticeService.KIND);
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
        Notification mail = outbox.mail(CustomerNoticeService.PURPOSE, notice.getIncidentId(), to, notice.getSubject(),
                notice.body(), caller.name());
        NoticeDelivery delivery = new NoticeDelivery(notice, String.join(", ", to), mail.getId(), caller.name(),
                clock.instant());
        changes.apply("notice.sent", notice, () -> {
            em.persist(delivery);
            notice.delivered(NoticeState.SENT);
        });
        changes.create("notice.delivery-recorded", delivery);
        notices.timeline(notices.incidentOf(notice), "Customer notice " + id + " queued to " + delivery.getRecipients()
                + " through Microsoft Graph (SHA-256 " + delivery.getBodySha256().substring(0, 12) + "…).");
        return delivery;
    }

    /** Records that the approved notice was delivered by other means, when and to whom, with a proof file. */
    public NoticeDelivery recordDelivery(long id, long seenVersion, DeliveryMethod method, String rawRecipients,
                                         Instant deliveredAt, String rawNote, String rawProofName, byte[] proof) {
        caller.require("record customer notice deliveries", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        CustomerNotice notice = changes.lock(CustomerNotice.class, id, seenVersion, CustomerNoticeService.KIND);
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
        NoticeDelivery delivery = new NoticeDelivery(notice, method, recipients, deliveredAt, note, proofName,
                kind.contentType(), proof, Sha256.hex(proof), caller.name(), now);
        changes.apply("notice.delivered", notice, () -> {
            em.persist(delivery);
            notice.delivered(NoticeState.DELIVERED);
        });
        changes.create("notice.delivery-recorded", delivery);
        notices.timeline(notices.incidentOf(notice), "Customer notice " + id + " delivered by " + method.label().toLowerCase()
                + " to " + recipients + " at " + Times.format(deliveredAt) + " (proof " + proofName
                + ", SHA-256 " + delivery.getProofSha256().substring(0, 12) + "…).");
        return delivery;
    }

    private void refuseUnapproved(InvalidInput.Collector errors, CustomerNotice notice) {
        if (notice.getState().finished()) {
            errors.add("state", "Notice " + notice.getId() + " was already " + notice.getState().label()
                    .toLowerCase() + ".");
        } else if (notice.getState() != NoticeState.APPROVED || !notices.policyMet(notice)) {
            errors.add("state", "Notice " + notice.getId() + " is not approved: it can be sent only once "
                    + (notice.getPolicy() == ApprovalPolicy.ALL ? "all" : "one") + " of the approvers ("
                    + CustomerNoticeService.describe(templates.approvers()) + ") "
                    + (notice.getPolicy() == ApprovalPolicy.ALL ? "have" : "has") + " approved its current text.");
        }
    }
}
