package com.attest.oncall;

import com.attest.incident.Incident;
import com.attest.incident.IncidentEnded;
import com.attest.incident.IncidentEscalated;
import com.attest.incident.IncidentOpened;
import com.attest.incident.IncidentService;
import com.attest.incident.Milestone;
import com.attest.incident.SystemActor;
import com.attest.incident.TimelineService;
import com.attest.platform.Database;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.platform.cluster.ClusterNode;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox: queues on-call messages in the transaction that made them necessary and records how each
 * delivery went. A new incident at or above the configured severity pages every usable channel; resolving or
 * closing it resolves the PagerDuty incident. The first successful trigger stamps "on-call notified".
 */
@ApplicationScoped
@Transactional
public class OutboxService {

    static final SystemActor ACTOR = new SystemActor("system:notify");

    /** Fired when messages were queued; the dispatcher delivers them once the transaction has committed. */
    public record Queued(int count) {
    }

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private OnCallSettingsService onCall;

    @Inject
    private OnCallChannels channels;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private Caller caller;

    @Inject
    private Event<Queued> queued;

    @Inject
    private ClusterNode node;

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    @ConfigProperty(name = "attest.notify.backoff-seconds", defaultValue = "30")
    private int backoffSeconds;

    @Inject
    @ConfigProperty(name = "attest.notify.max-attempts", defaultValue = "8")
    private int maxAttempts;

    void opened(@Observes IncidentOpened event) {
        page(event.incident(), event.by().name());
    }

    /** A more severe incident that now reaches the paging threshold pages, unless someone was paged already. */
    void escalated(@Observes IncidentEscalated event) {
        if (!sent(event.incident(), null, OnCallMessage.Action.TRIGGER)) {
            page(event.incident(), event.by());
        }
    }

    void ended(@Observes IncidentEnded event) {
        if (sent(event.incident(), Channel.PAGERDUTY, OnCallMessage.Action.TRIGGER)
                && !sent(event.incident(), Channel.PAGERDUTY, OnCallMessage.Action.RESOLVE)) {
            queue(event.incident(), Channel.PAGERDUTY, OnCallMessage.Action.RESOLVE, event.by());
            queued.fire(new Queued(1));
        }
    }

    private void page(Incident incident, String by) {
        OnCallSettings settings = onCall.settings();
        if (!settings.pages(incident.getSeverity())) {
            return;
        }
        int count = 0;
        for (Channel channel : channels.configured(settings.recipients())) {
            queue(incident, channel, OnCallMessage.Action.TRIGGER, by);
            count++;
        }
        if (count > 0) {
            queued.fire(new Queued(count));
        }
    }

    /** Whether a message of this kind (on this channel, or any when null) was queued for the incident. */
    private boolean sent(Incident incident, Channel channel, OnCallMessage.Action action) {
        var query = em.createQuery("SELECT n.id FROM Notification n WHERE n.incidentId = :incident"
                        + " AND n.action = :action" + (channel == null ? "" : " AND n.channel = :channel"), Long.class)
                .setParameter("incident", incident.getId()).setParameter("action", action);
        if (channel != null) {
            query.setParameter("channel", channel);
        }
        return !query.setMaxResults(1).getResultList().isEmpty();
    }

    private void queue(Incident incident, Channel channel, OnCallMessage.Action action, String by) {
        String subject = (action == OnCallMessage.Action.RESOLVE ? "Resolved: " : "")
                + incident.getSeverity() + " " + incident.getReference() + " " + incident.getTitle();
        changes.create(by, "notification.queued", new Notification(incident.getId(), channel, action, subject, by,
                clock.instant()));
    }

    /**
     * Pages the on-call person as a P2 incident would (where the on-call settings page P2), about something that is
     * not an incident: a broken detection pipeline, say. The text is kept with the notification; {@code link} is the
     * portal page to open, relative to its root. Queued in the caller's transaction, delivered after commit.
     *
     * @return how many channels were queued (none when P2 does not page or no channel is configured)
     */
    public int page(String purpose, String title, String summary, String link, String by) {
        OnCallSettings settings = onCall.settings();
        if (!settings.pages(com.attest.incident.Severity.P2)) {
            return 0;
        }
        int count = 0;
        for (Channel channel : channels.configured(settings.recipients())) {
            changes.create(by, "notification.queued", Notification.page(channel, purpose, title, summary, link, by,
                    clock.instant()));
            count++;
        }
        if (count > 0) {
            queued.fire(new Queued(count));
        }
        return count;
    }

    /**
     * Queues an e-mail to named people through the mail channel (Microsoft Graph {@code sendMail}), in the caller's
     * transaction: delivered after commit, retried with backoff, every attempt kept. The body is kept with its
     * SHA-256 as evidence of what was sent.
     *
     * @param purpose    what it is for, e.g. {@code pir-reminder}, {@code customer-notice}
     * @param incidentId the incident it concerns, or null
     */
    public Notification mail(String purpose, Long incidentId, List<String> recipients, String subject, String html,
                             String by) {
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("An e-mail needs at least one recipient.");
        }
        Notification n = changes.create(by, "notification.queued", new Notification(incidentId, purpose, recipients,
                subject, html, Sha256.hex(html), by, clock.instant()));
        queued.fire(new Queued(1));
        return n;
    }

    /**
     * Queues a write-back to the linked Microsoft Sentinel incident {@code target} (its ARM id), in the caller's
     * transaction: carried out after commit, in order with the incident's earlier write-backs, retried with backoff,
     * every call kept. What it writes ({@code body}, see {@link SentinelWriter#body}) is kept with its SHA-256.
     *
     * @param purpose what it is for, e.g. {@code sentinel-assign}, {@code sentinel-close}, {@code sentinel-link}
     */
    public Notification writeBack(long incidentId, String target, String purpose, String subject, String body,
                                  String by) {
        Notification n = changes.create(by, "notification.queued", new Notification(incidentId, target, purpose,
                subject, body, Sha256.hex(body), by, clock.instant()));
        queued.fire(new Queued(1));
        return n;
    }

    /**
     * Takes up to {@code max} notifications for this node: those due, and those of a node that is gone (see
     * {@link OutboxClaims}). Committed before anything goes out, so the other nodes see the claim.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<Long> claimDue(int max) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return OutboxClaims.claim(c, node.id(), clock.instant(), max);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim notifications: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the attempt in flight, committed before the message goes out: should this node die before it records
     * the outcome, the node taking the notification over knows the outcome is unknown.
     *
     * @return the attempt's id, or null when this node no longer holds the notification (sent, given up, or taken
     *         over by another node meanwhile): then it must not go out
     */
    public Long begin(long id, Instant at) {
        Notification n = current(id);
        if (n.getState() != Notification.State.PENDING || !node.id().equals(n.getClaimedBy())) {
            return null;
        }
        // claimed again while it waited here for a delivery thread (its lease ran out in the queue): the first of the
        // two to start sends it, the other finds that attempt in flight (the row lock above orders them)
        if (!em.createQuery("SELECT a.id FROM NotificationAttempt a WHERE a.notificationId = :notification"
                        + " AND a.outcome = :inFlight", Long.class).setParameter("notification", id)
                .setParameter("inFlight", NotificationAttempt.Outcome.IN_FLIGHT).setMaxResults(1).getResultList()
                .isEmpty()) {
            return null;
        }
        n.leaseUntil(at.plus(OutboxClaims.LEASE)); // the lease counts from the call, not from the claim
        NotificationAttempt attempt = NotificationAttempt.inFlight(id, at, node.id());
        em.persist(attempt);
        em.flush();
        return attempt.getId();
    }

    /** Settles the attempt in flight with its outcome (or keeps a new one where there was none). */
    private void settle(long id, Long attemptId, Instant at, long millis, NotificationAttempt.Outcome outcome,
                        Integer status, String detail) {
        NotificationAttempt attempt = attemptId == null ? null : em.find(NotificationAttempt.class, attemptId);
        if (attempt == null) {
            em.persist(new NotificationAttempt(id, at, millis, outcome, status, detail));
        } else {
            attempt.settle(outcome, millis, status, detail);
        }
    }

    /** The message a notification sends, built from the incident as it is now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map.Entry<Notification, OnCallMessage> message(long id, String portalUrl) {
        Notification n = em.find(Notification.class, id);
        if (n.getAction() == OnCallMessage.Action.MAIL || n.getAction() == OnCallMessage.Action.WRITE_BACK) {
            return new java.util.AbstractMap.SimpleImmutableEntry<>(n, null); // carries its own text
        }
        if (n.getIncidentId() == null) { // a page about the portal's own checks, not an incident: it carries its text
            return Map.entry(n, new OnCallMessage(n.getAction(), n.getPurpose() + "-" + n.getId(), n.getPurpose(),
                    n.getSubject(), com.attest.incident.Severity.P2, "DETECTED", "Attest", n.getCreatedAt(), null,
                    portalUrl == null || n.getTarget() == null ? null : portalUrl + "/" + n.getTarget(),
                    n.getBody()));
        }
        Incident i = em.find(Incident.class, n.getIncidentId());
        String description = i.getDescription();
        String summary = description.length() > 500 ? description.substring(0, 499) + "…" : description;
        String source = i.getSource() == com.attest.incident.Source.MANUAL ? "Reported in the portal"
                : i.getSource().label();
        return Map.entry(n, new OnCallMessage(n.getAction(), i.getReference(), i.getReference(), i.getTitle(),
                i.getSeverity(), i.getStatus().name(), source, i.getDetectedAt(), i.getResponseDueAt(),
                portalUrl == null ? null : portalUrl + "/incidents/view.xhtml?ref=" + i.getReference(), summary));
    }

    public void delivered(long id, Long attemptId, Delivery delivery, Instant at, long millis) {
        Notification n = current(id);
        // locked, so two channels succeeding at once stamp the milestone once; and before the audit trail's lock,
        // as every change takes them, so a responder changing the incident meanwhile cannot deadlock with this
        Incident incident = n.getAction() == OnCallMessage.Action.TRIGGER && n.getIncidentId() != null
                ? em.find(Incident.class, n.getIncidentId(), LockModeType.PESSIMISTIC_WRITE) : null;
        Runnable attempt = () -> settle(id, attemptId, at, millis, NotificationAttempt.Outcome.SENT,
                delivery.httpStatus(), delivery.externalId());
        if (n.getState() != Notification.State.PENDING) {
            attempt.run(); // it went out once more (a lease outlived): kept as it happened, the outcome stands
            return;
        }
        changes.apply(ACTOR.name(), "notification.sent", n, () -> {
            n.sent(at, delivery.externalId());
            attempt.run();
        });
        if (incident != null && !timelines.reached(incident, Milestone.ON_CALL_NOTIFIED)) {
            timelines.note(ACTOR, incident, at, Milestone.ON_CALL_NOTIFIED,
                    "On-call notified via " + n.getChannel().getLabel());
        }
    }

    /**
     * A write-back Sentinel accepted: its calls kept, and the incident's timeline saying what was written, with the
     * evidence of each call (method, URL, status, x-ms-request-id, etags).
     */
    public void wroteBack(long id, Long attemptId, SentinelWriter.Outcome outcome, Instant at, long millis) {
        Notification n = current(id);
        Incident incident = n.getIncidentId() == null ? null
                : em.find(Incident.class, n.getIncidentId(), LockModeType.PESSIMISTIC_WRITE);
        Runnable attempt = () -> settle(id, attemptId, at, millis, NotificationAttempt.Outcome.SENT, 200,
                outcome.summary());
        if (n.getState() != Notification.State.PENDING) {
            attempt.run(); // written once more (a lease outlived): kept as it happened, the outcome stands
            keep(id, outcome.calls());
            return;
        }
        changes.apply(ACTOR.name(), "notification.sent", n, () -> {
            n.sent(at, outcome.requestId());
            attempt.run();
            keep(id, outcome.calls());
        });
        if (incident != null) {
            timelines.note(ACTOR, incident, at, null, "Written back to Microsoft Sentinel — " + n.getSubject()
                    + ": " + outcome.summary() + evidence(outcome.calls()));
        }
    }

    /** A write-back Sentinel did not accept: its calls kept, then as any failed delivery. */
    public void writeBackFailed(long id, Long attemptId, SentinelWriter.Failed failure, Instant at, long millis) {
        keep(id, failure.calls());
        failed(id, attemptId, failure.failure(), at, millis);
        Notification n = em.find(Notification.class, id);
        if (n.getState() == Notification.State.FAILED && n.getIncidentId() != null) {
            Incident incident = em.find(Incident.class, n.getIncidentId(), LockModeType.PESSIMISTIC_WRITE);
            timelines.note(ACTOR, incident, at, null, "Write-back to Microsoft Sentinel failed — " + n.getSubject()
                    + ": " + failure.getMessage() + evidence(failure.calls()));
        }
    }

    /** The calls in the order they were made (each written before the next, so their ids keep that order). */
    private void keep(long id, List<WriteBackCall> calls) {
        for (WriteBackCall c : calls) {
            em.persist(new NotificationCall(id, c));
            em.flush();
        }
    }

    private static String evidence(List<WriteBackCall> calls) {
        StringBuilder out = new StringBuilder();
        for (WriteBackCall c : calls) {
            String url = c.url();
            int query = url.indexOf('?');
            out.append("\n").append(c.method()).append(' ').append(query < 0 ? url : url.substring(0, query))
                    .append(query < 0 ? "" : url.substring(query).replaceAll(".*(api-version=[^&]+).*", "?$1"))
                    .append(" → ").append(c.status() == 0 ? "no answer" : String.valueOf(c.status()))
                    .append(c.requestId() == null ? "" : ", x-ms-request-id " + c.requestId());
            if (c.etagBefore() != null || c.etagAfter() != null) {
                out.append(", etag ").append(c.etagBefore() == null ? "—" : c.etagBefore()).append(" → ")
                        .append(c.etagAfter() == null ? "—" : c.etagAfter());
            }
        }
        return out.toString();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NotificationCall> calls(long notificationId) {
        return em.createNamedQuery(NotificationCall.OF_NOTIFICATION, NotificationCall.class)
                .setParameter("notification", notificationId).getResultList();
    }

    public void failed(long id, Long attemptId, DeliveryFailed failure, Instant at, long millis) {
        Notification n = current(id);
        if (n.getState() != Notification.State.PENDING) {
            settle(id, attemptId, at, millis, NotificationAttempt.Outcome.FAILED, failure.httpStatus(),
                    failure.getMessage()); // another attempt decided it meanwhile
            return;
        }
        boolean retry = failure.retryable() && n.getAttempts() + 1 < maxAttempts;
        Instant retryAt = retry ? at.plus(backoff(n, failure)) : null;
        Runnable attempt = () -> {
            n.failed(failure.getMessage(), retryAt);
            settle(id, attemptId, at, millis, retry ? NotificationAttempt.Outcome.RETRY
                    : NotificationAttempt.Outcome.FAILED, failure.httpStatus(), failure.getMessage());
        };
        if (retry) {
            attempt.run(); // tried again later: only the attempt is kept, the trail records the outcome
        } else {
            changes.apply(ACTOR.name(), "notification.failed", n, attempt);
        }
    }

    /**
     * The notification as it is now, its row locked until the outcome is recorded: whatever a sweep or a person did
     * to it while the message was on its way (a new lease, a retry) is read, not overwritten, and nothing waits to fail
     * on a version that moved.
     */
    private Notification current(long id) {
        return em.find(Notification.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The wait before the next attempt: doubling with each one, at least what the channel asked, at most an hour. */
    private Duration backoff(Notification n, DeliveryFailed failure) {
        Duration backoff = Duration.ofSeconds((long) backoffSeconds << Math.min(n.getAttempts(), 10));
        if (failure.retryAfter() != null && failure.retryAfter().compareTo(backoff) > 0) {
            backoff = failure.retryAfter();
        }
        return backoff.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : backoff;
    }

    /** A compliance lead or responder sends a failed notification again (after fixing the channel, say). */
    public Notification retry(long id) {
        caller.require("retry notifications", Role.COMPLIANCE_LEAD, Role.RESPONDER);
        Notification n = em.find(Notification.class, id);
        if (n == null || n.getState() != Notification.State.FAILED) {
            throw new InvalidInput("notification", "Only a failed notification can be retried.");
        }
        changes.apply("notification.retried", n, () -> n.retry(clock.instant()));
        queued.fire(new Queued(1));
        return n;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> ofIncident(long incidentId) {
        return em.createNamedQuery(Notification.OF_INCIDENT, Notification.class)
                .setParameter("incident", incidentId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> recent(int max) {
        return em.createNamedQuery(Notification.RECENT, Notification.class).setMaxResults(max).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NotificationAttempt> attempts(long notificationId) {
        return em.createNamedQuery(NotificationAttempt.OF_NOTIFICATION, NotificationAttempt.class)
                .setParameter("notification", notificationId).getResultList();
    }
}
