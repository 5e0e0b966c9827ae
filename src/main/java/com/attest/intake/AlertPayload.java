package com.attest.intake;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One delivery of an alert, byte for byte as it arrived, with its SHA-256 and who sent it. Append-only (a trigger
 * refuses UPDATE and DELETE); an identical redelivery is recognised by its hash and not stored twice.
 */
@Entity
@Table(name = "alert_payload")
@NamedQuery(name = AlertPayload.OF_ALERT_WITH_HASH,
        query = "SELECT p.id FROM AlertPayload p WHERE p.alertId = :alert AND p.sha256 = :sha256")
public class AlertPayload implements Serializable {

    static final String OF_ALERT_WITH_HASH = "AlertPayload.ofAlertWithHash";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "alert_id", nullable = false, updatable = false)
    private Long alertId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ReceivedAlert.Event event;
    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;
    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, updatable = false)
    private byte[] body;
    @Column(nullable = false, updatable = false)
    private String sha256;
    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int sizeBytes;
    @Column(nullable = false, updatable = false)
    private String caller;
    @Column(name = "remote_addr", updatable = false)
    private String remoteAddr;

    protected AlertPayload() {
    }

    AlertPayload(long alertId, Delivery delivery, ReceivedAlert.Event event, Instant now) {
        this.alertId = alertId;
        this.event = event;
        this.receivedAt = now;
        this.contentType = delivery.contentType();
        this.body = delivery.body();
        this.sha256 = delivery.sha256();
        this.sizeBytes = delivery.body().length;
        this.caller = delivery.caller();
        this.remoteAddr = delivery.remoteAddr();
    }

    /** What the audit trail and evidence register record: everything but the body, which the hash stands for. */
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("alertId", alertId);
        s.put("event", event);
        s.put("receivedAt", receivedAt);
        s.put("contentType", contentType);
        s.put("sha256", sha256);
        s.put("sizeBytes", sizeBytes);
        s.put("caller", caller);
        s.put("remoteAddr", remoteAddr);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Long getAlertId() {
        return alertId;
    }

    public ReceivedAlert.Event getEvent() {
        return event;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getContentType() {
        return contentType;
    }

    public byte[] getBody() {
        return body;
    }

    /** The body as text (payloads are UTF-8 JSON: intake refuses anything else). */
    public String getText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String getSha256() {
        return sha256;
    }

    public int getSizeBytes() {
        return sizeBytes;
    }

    public String getCaller() {
        return caller;
    }

    public String getRemoteAddr() {
        return remoteAddr;
    }
}
