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

    public enum Outcome { SENT, RETRY, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "notification_id", nullable = false, updatable = false)
    private Long notificationId;
    @Column(name = "attempted_at", nullable = false, updatable = false)
    private Instant attemptedAt;
    @Column(name = "duration_ms", nullable = false, updatable = false)
    private int durationMs;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Outcome outcome;
    @Column(name = "http_status", updatable = false)
    private Integer httpStatus;
    @Column(updatable = false)
    private String detail;

    protected NotificationAttempt() {
    }

    NotificationAttempt(long notificationId, Instant at, long durationMs, Outcome outcome, Integer httpStatus,
                        String detail) {
        this.notificationId = notificationId;
        this.attemptedAt = at;
        this.durationMs = (int) Math.min(Integer.MAX_VALUE, durationMs);
        this.outcome = outcome;
        this.httpStatus = httpStatus;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
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
