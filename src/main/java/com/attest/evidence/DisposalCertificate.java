package com.attest.evidence;

import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The permanent record of a disposal: what was removed, its hash and retention, when, by whom and why. */
@Entity
@Table(name = "disposal_certificate")
@NamedQuery(name = DisposalCertificate.ALL, query = "SELECT c FROM DisposalCertificate c ORDER BY c.id DESC")
public class DisposalCertificate implements Audited {

    static final String ALL = "DisposalCertificate.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "item_id", nullable = false, updatable = false)
    private Long itemId;
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
    @Column(name = "retention_until", nullable = false, updatable = false)
    private LocalDate retentionUntil;
    @Column(nullable = false, updatable = false)
    private String removed;
    @Column(nullable = false, updatable = false)
    private String reason;
    @Column(name = "disposed_at", nullable = false, updatable = false)
    private Instant disposedAt;
    @Column(name = "disposed_by", nullable = false, updatable = false)
    private String disposedBy;
    @Column(name = "certificate_sha256", nullable = false, updatable = false)
    private String certificateSha256;

    protected DisposalCertificate() {
    }

    DisposalCertificate(EvidenceItem item, String removed, String reason, String by, Instant at) {
        this.itemId = item.getId();
        this.typeCode = item.getTypeCode();
        this.source = item.getSource();
        this.sourceId = item.getSourceId();
        this.title = item.getTitle();
        this.periodDate = item.getPeriodDate();
        this.sha256 = item.getSha256();
        this.retentionUntil = item.getRetentionUntil();
        this.removed = removed;
        this.reason = reason;
        this.disposedAt = CanonicalJson.storable(at);
        this.disposedBy = by;
        this.certificateSha256 = Sha256.hex(CanonicalJson.write(content()));
    }

    /** What the certificate states; its SHA-256 is kept with it. */
    public Map<String, Object> content() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("itemId", itemId);
        c.put("type", typeCode);
        c.put("source", source);
        c.put("sourceId", sourceId);
        c.put("title", title);
        c.put("periodDate", periodDate.toString());
        c.put("sha256", sha256);
        c.put("retentionUntil", retentionUntil.toString());
        c.put("removed", removed);
        c.put("reason", reason);
        c.put("disposedAt", disposedAt);
        c.put("disposedBy", disposedBy);
        return c;
    }

    @Override
    public String auditType() {
        return "DisposalCertificate";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = content();
        s.put("id", id);
        s.put("certificateSha256", certificateSha256);
        return s;
    }

    public Long getId() { return id; }
    public Long getItemId() { return itemId; }
    public String getTypeCode() { return typeCode; }
    public String getTitle() { return title; }
    public String getSha256() { return sha256; }
    public LocalDate getRetentionUntil() { return retentionUntil; }
    public String getRemoved() { return removed; }
    public String getReason() { return reason; }
    public Instant getDisposedAt() { return disposedAt; }
    public String getDisposedBy() { return disposedBy; }
    public String getCertificateSha256() { return certificateSha256; }
}
