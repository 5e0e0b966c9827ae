package com.attest.oncall;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One try at delivering a notification, as it went. Append-only. */
@Entity
@Table(name = "notification_attempt")
@NamedQuery(name = NotificationAttempt.OF_NOTIFICATION, query = "SELECT a FROM NotificationAttempt a"
        + " WHERE a.notificationId = :notification ORDER BY a.attemptedAt, a.id")
public class NotificationAttempt {

    static final String OF_NOTIFICATION = "NotificationAttempt.ofNotification";

    /**
     * IN_FLIGHT: written before the message goes out, settled with what came of it; UNKNOWN: the node making it
     * stopped before it could record the outcome, so the channel may or may not have the message.
     */
    public enum Outcome { IN_FLIGHT, UNKNOWN, SENT, RETRY, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "notification_id", nullable = false, updatable = false)
    private Long notificationId;
    @Column(name = "attempted_at", nullable = false, updatable = false)
    private Instant attemptedAt;
    @Column(name = "duration_ms", nullable = false)
    private int durationMs;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    private Outcome outcome;
    @Column(name = "http_status")
    private Integer httpStatus;
    @Column
    private String detail;
    /** The node that made the attempt. */
    @Column(updatable = false)
    private String node;

    protected NotificationAttempt() {
    }

    NotificationAttempt(long notificationId, Instant at, long durationMs, Outcome outcome, Integer httpStatus,
                        String detail) {
        this.notificationId = notificationId;
        this.attemptedAt = at;
        this.durationMs = (int) Math.min(Integer.MAX_VALUE, durationMs);
        this.outcome = outcome;
        this.httpStatus = httpStatus;
        this.detail = cut(detail);
    }

    /** An attempt about to go out from {@code node}: settled once with its outcome ({@link #settle}). */
    static NotificationAttempt inFlight(long notificationId, Instant at, String node) {
        NotificationAttempt a = new NotificationAttempt(notificationId, at, 0, Outcome.IN_FLIGHT, null, null);
        a.node = node;
        return a;
    }

    /** What came of an attempt in flight (or one whose outcome was taken as unknown and is known after all). */
    void settle(Outcome outcome, long durationMs, Integer httpStatus, String detail) {
        if (this.outcome != Outcome.IN_FLIGHT && this.outcome != Outcome.UNKNOWN) {
            throw new IllegalStateException("Attempt " + id + " was settled already (" + this.outcome + ")");
        }
        this.outcome = outcome;
        this.durationMs = (int) Math.min(Integer.MAX_VALUE, durationMs);
        this.httpStatus = httpStatus;
        this.detail = cut(detail);
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
    }

    public Long getId() {
        return id;
    }

    public String getNode() {
        return node;
    }

    public Instant getAttemptedAt() {
        return attemptedAt;
    }

    public int getDurationMs() {
        return durationMs;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public Integer getHttpStatus() {
        return httpStatus;
    }

    public String getDetail() {
        return detail;
    }
}
