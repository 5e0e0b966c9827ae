package com.attest.oncall;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One call a write-back to Microsoft Sentinel made, as it went: method, URL, status, Azure's x-ms-request-id and the
 * Sentinel incident's etag before and after. Append-only: the evidence that the portal and Sentinel agree.
 */
@Entity
@Table(name = "notification_call")
@NamedQuery(name = NotificationCall.OF_NOTIFICATION, query = "SELECT c FROM NotificationCall c"
        + " WHERE c.notificationId = :notification ORDER BY c.at, c.id")
public class NotificationCall {

    static final String OF_NOTIFICATION = "NotificationCall.ofNotification";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "notification_id", nullable = false, updatable = false)
    private Long notificationId;
    @Column(nullable = false, updatable = false)
    private Instant at;
    @Column(nullable = false, updatable = false)
    private String method;
    @Column(nullable = false, updatable = false)
    private String url;
    @Column(nullable = false, updatable = false)
    private int status;
    @Column(name = "request_id", updatable = false)
    private String requestId;
    @Column(name = "etag_before", updatable = false)
    private String etagBefore;
    @Column(name = "etag_after", updatable = false)
    private String etagAfter;
    @Column(name = "duration_ms", nullable = false, updatable = false)
    private int durationMs;
    @Column(updatable = false)
    private String error;

    protected NotificationCall() {
    }

    NotificationCall(long notificationId, WriteBackCall call) {
        this.notificationId = notificationId;
        this.at = call.at();
        this.method = call.method();
        this.url = cut(call.url(), 2000);
        this.status = call.status();
        this.requestId = cut(call.requestId(), 200);
        this.etagBefore = cut(call.etagBefore(), 200);
        this.etagAfter = cut(call.etagAfter(), 200);
        this.durationMs = (int) Math.min(Integer.MAX_VALUE, call.millis());
        this.error = cut(call.error(), 1000);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public Long getNotificationId() {
        return notificationId;
    }

    public Instant getAt() {
        return at;
    }

    public String getMethod() {
        return method;
    }

    public String getUrl() {
        return url;
    }

    public int getStatus() {
        return status;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getEtagBefore() {
        return etagBefore;
    }

    public String getEtagAfter() {
        return etagAfter;
    }

    public int getDurationMs() {
        return durationMs;
    }

    public String getError() {
        return error;
    }
}
