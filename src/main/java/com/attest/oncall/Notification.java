package com.attest.oncall;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message to the on-call person through one channel: written in the transaction that made it necessary,
 * delivered after commit, retried with backoff until sent or given up. Its attempts are kept beside it.
 */
@Entity
@Table(name = "notification")
@NamedQuery(name = Notification.OF_INCIDENT,
        query = "SELECT n FROM Notification n WHERE n.incidentId = :incident ORDER BY n.createdAt, n.id")
@NamedQuery(name = Notification.RECENT, query = "SELECT n FROM Notification n ORDER BY n.createdAt DESC, n.id DESC")
public class Notification implements Audited, Serializable {

    static final String OF_INCIDENT = "Notification.ofIncident";
    static final String RECENT = "Notification.recent";

    public enum State { PENDING, SENT, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "incident_id", updatable = false)
    private Long incidentId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Channel channel;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private OnCallMessage.Action action;
    @Column(nullable = false, updatable = false)
    private String subject;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state = State.PENDING;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "sent_at")
    private Instant sentAt;
    @Column(name = "external_id")
    private String externalId;
    @Column(name = "last_error")
    private String lastError;
    @Column(updatable = false)
    private String purpose;
    @Column(updatable = false)
    private String recipients;
    @Column(updatable = false)
    private String body;
    @Column(name = "body_sha256", updatable = false)
    private String bodySha256;
    /** A write-back's Sentinel incident (its ARM id). */
    @Column(updatable = false)
    private String target;
    /** The node holding the claim to send it (see {@link OutboxClaims}), while it is pending. */
    @Column(name = "claimed_by")
    private String claimedBy;
    /** Attempts whose outcome is unknown: the node making them stopped before it could record what came of them. */
    @Column(name = "unknown_attempts", insertable = false, updatable = false)
    private int unknownAttempts;
    @Version
    private long version;

    protected Notification() {
    }

    /** An e-mail to named people, kept with its body and the body's SHA-256. */
    Notification(Long incidentId, String purpose, List<String> recipients, String subject, String body,
                 String bodySha256, String by, Instant now) {
        this(incidentId, Channel.EMAIL, OnCallMessage.Action.MAIL, subject, by, now);
        this.purpose = purpose;
        this.recipients = String.join(", ", recipients);
        this.body = body;
        this.bodySha256 = bodySha256;
    }

    /** A write-back to the Sentinel incident {@code target}: what it writes is {@code body} (JSON), kept with its hash. */
    Notification(Long incidentId, String target, String purpose, String subject, String body, String bodySha256,
                 String by, Instant now) {
        this(incidentId, Channel.SENTINEL, OnCallMessage.Action.WRITE_BACK, subject, by, now);
        this.target = target;
        this.purpose = purpose;
        this.body = body;
        this.bodySha256 = bodySha256;
    }

    /** The addresses of an e-mail to named people. */
    public List<String> recipientList() {
        return recipients == null ? List.of() : List.of(recipients.split(",\\s*"));
    }

    Notification(Long incidentId, Channel channel, OnCallMessage.Action action, String subject, String by,
                 Instant now) {
        this.incidentId = incidentId;
        this.channel = channel;
        this.action = action;
        this.subject = subject.length() > 300 ? subject.substring(0, 299) + "…" : subject;
        this.createdBy = by;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    /** A page about something that is not an incident, carrying its own text and the page to open. */
    static Notification page(Channel channel, String purpose, String subject, String summary, String link, String by,
                             Instant now) {
        Notification n = new Notification(null, channel, OnCallMessage.Action.TRIGGER, subject, by, now);
        n.purpose = purpose;
        n.body = summary;
        n.bodySha256 = com.attest.platform.audit.Sha256.hex(summary);
        n.target = link;
        return n;
    }

    void sent(Instant at, String external) {
        state = State.SENT;
        attempts++;
        sentAt = at;
        externalId = external == null || external.length() <= 200 ? external : external.substring(0, 200);
        nextAttemptAt = null;
        lastError = null;
        claimedBy = null;
    }

    void failed(String error, Instant retryAt) {
        attempts++;
        claimedBy = null;
        lastError = error.length() > 1000 ? error.substring(0, 999) + "…" : error;
        if (retryAt == null) {
            state = State.FAILED;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = retryAt;
        }
    }

    /** Held by the node sending it until {@code until} (see {@link OutboxClaims}). */
    void leaseUntil(Instant until) {
        nextAttemptAt = until;
    }

    /** A failed notification is tried again from now, by someone's decision. */
    void retry(Instant now) {
        state = State.PENDING;
        nextAttemptAt = now;
    }

    @Override
    public String auditType() {
        return "Notification";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("incidentId", incidentId);
        s.put("channel", channel);
        s.put("action", action);
        s.put("subject", subject);
        if (purpose != null) {
            s.put("purpose", purpose);
            s.put(target == null ? "recipients" : "target", target == null ? recipients : target);
            s.put("bodySha256", bodySha256);
        }
        s.put("state", state);
        s.put("attempts", attempts);
        s.put("nextAttemptAt", nextAttemptAt);
        s.put("createdAt", createdAt);
        s.put("createdBy", createdBy);
        s.put("sentAt", sentAt);
        s.put("externalId", externalId);
        s.put("lastError", lastError);
        if (unknownAttempts > 0) {
            s.put("unknownAttempts", unknownAttempts);
        }
        return s;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getRecipients() {
        return recipients;
    }

    public String getBody() {
        return body;
    }

    public String getTarget() {
        return target;
    }

    public String getBodySha256() {
        return bodySha256;
    }

    public Long getId() {
        return id;
    }

    public Long getIncidentId() {
        return incidentId;
    }

    public Channel getChannel() {
        return channel;
    }

    public OnCallMessage.Action getAction() {
        return action;
    }

    public String getSubject() {
        return subject;
    }

    public State getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getLastError() {
        return lastError;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public int getUnknownAttempts() {
        return unknownAttempts;
    }

    /**
     * Whether the person may have received this message twice: an attempt's outcome is unknown and the channel does
     * not fold a repeat into what it already has (Teams, mail).
     */
    public boolean isPossibleDuplicate() {
        return unknownAttempts > 0 && state == State.SENT && !channel.foldsRepeats();
    }
}
