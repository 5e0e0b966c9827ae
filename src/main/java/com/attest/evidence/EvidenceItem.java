package com.attest.evidence;

import com.attest.platform.change.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as evidence: its type, the SHA-256 of its canonical snapshot (or of its bytes, for a file), the date
 * of the period it belongs to, and how long it must be kept. What it is never changes; retention only grows.
 */
@Entity
@Table(name = "evidence_item")
public class EvidenceItem implements Versioned, Serializable {

    /** Kept, waiting for the compliance lead's disposal decision, or disposed of (its content removed). */
    public enum Disposal { KEPT, QUEUED, DISPOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "type_code", nullable = false, updatable = false)
    private String typeCode;
    @Column(nullable = false, updatable = false)
    private String source;
    @Column(name = "source_id", nullable = false, updatable = false)
    private Long sourceId;
    @Column(nullable = false, updatable = false)
    private String title;
    @Column(name = "period_date", nullable = false, updatable = false)
    private LocalDate periodDate;
    @Column(nullable = false, updatable = false)
    private String sha256;
    @Column(updatable = false)
    private String snapshot;
    @Column(name = "registered_at", nullable = false, updatable = false)
    private Instant registeredAt;
    @Column(name = "retention_until")
    private LocalDate retentionUntil;
    @Column(name = "legal_hold", nullable = false)
    private boolean legalHold;
    @Column(name = "hold_reason")
    private String holdReason;
    @Column(name = "hold_by")
    private String holdBy;
    @Column(name = "hold_at")
    private Instant holdAt;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "disposal_state", nullable = false)
    private Disposal disposalState = Disposal.KEPT;
    @Column(name = "queued_at")
    private Instant queuedAt;
    @Column(name = "disposed_at")
    private Instant disposedAt;
    @Column(name = "disposed_by")
    private String disposedBy;
    @Version
    private long version;

    protected EvidenceItem() {
    }

    EvidenceItem(EvidenceType type, Registration r, Instant now) {
        this.typeCode = type.getCode();
        this.source = r.source();
        this.sourceId = r.sourceId();
        this.title = r.title().length() > 300 ? r.title().substring(0, 299) + "…" : r.title();
        this.periodDate = r.periodDate();
        this.sha256 = r.sha256();
        this.snapshot = r.snapshot();
        this.registeredAt = now;
        this.retentionUntil = type.retentionUntil(r.periodDate());
    }

    void hold(boolean on, String reason, String by, Instant at) {
        this.legalHold = on;
        this.holdReason = on ? reason : null;
        this.holdBy = on ? by : null;
        this.holdAt = on ? at : null;
        if (on) {
            this.disposalState = Disposal.KEPT;
            this.queuedAt = null;
        }
    }

    void lengthenTo(LocalDate until) {
        if (retentionUntil != null && until != null && until.isAfter(retentionUntil)) {
            retentionUntil = until;
            if (disposalState == Disposal.QUEUED) {
                disposalState = Disposal.KEPT;
                queuedAt = null;
            }
        }
    }

    void queue(Instant at) {
        disposalState = Disposal.QUEUED;
        queuedAt = at;
    }

    void dispose(String by, Instant at) {
        disposalState = Disposal.DISPOSED;
        disposedBy = by;
        disposedAt = at;
    }

    public Map<String, Object> snapshotOfItem() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("type", typeCode);
        s.put("source", source);
        s.put("sourceId", sourceId);
        s.put("title", title);
        s.put("periodDate", periodDate.toString());
        s.put("sha256", sha256);
        s.put("retentionUntil", retentionUntil == null ? null : retentionUntil.toString());
        s.put("legalHold", legalHold);
        s.put("holdReason", holdReason);
        s.put("disposalState", disposalState.name());
        if (disposedAt != null) {
            s.put("disposedAt", disposedAt);
            s.put("disposedBy", disposedBy);
        }
        return s;
    }

    public Long getId() { return id; }
    public String getTypeCode() { return typeCode; }
    public String getSource() { return source; }
    public Long getSourceId() { return sourceId; }
    public String getTitle() { return title; }
    public LocalDate getPeriodDate() { return periodDate; }
    public String getSha256() { return sha256; }
    public String getSnapshot() { return snapshot; }
    public Instant getRegisteredAt() { return registeredAt; }
    public LocalDate getRetentionUntil() { return retentionUntil; }
    public boolean isLegalHold() { return legalHold; }
    public String getHoldReason() { return holdReason; }
    public String getHoldBy() { return holdBy; }
    public Instant getHoldAt() { return holdAt; }
    public Disposal getDisposalState() { return disposalState; }
    public Instant getQueuedAt() { return queuedAt; }
    public Instant getDisposedAt() { return disposedAt; }
    public String getDisposedBy() { return disposedBy; }
    public long getVersion() { return version; }
}
