package com.attest.engagement;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a Sentinel incident or Defender alert Azure returned has no portal incident, recorded by a responder or the
 * compliance lead: benign (closed in Sentinel), a duplicate of a portal incident, out of scope, or another reason —
 * always with the reason in words. One per Azure item, kept unchanged for ever.
 */
@Entity
@Table(name = "population_disposition")
public class PopulationDisposition implements Audited {

    /** The kinds of disposition. */
    public enum Kind { BENIGN, DUPLICATE, OUT_OF_SCOPE, OTHER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, updatable = false)
    private String kind;
    @Column(name = "azure_id", nullable = false, updatable = false)
    private String azureId;
    @Column(nullable = false, updatable = false)
    private String disposition;
    @Column(nullable = false, updatable = false)
    private String reason;
    @Column(name = "duplicate_of", updatable = false)
    private String duplicateOf;
    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;
    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected PopulationDisposition() {
    }

    PopulationDisposition(String kind, String azureId, Kind disposition, String reason, String duplicateOf, String by,
                          Instant at) {
        this.kind = kind;
        this.azureId = azureId;
        this.disposition = disposition.name();
        this.reason = reason;
        this.duplicateOf = duplicateOf;
        this.recordedBy = by;
        this.recordedAt = at;
    }

    Reconciliation.Disposition rule() {
        return new Reconciliation.Disposition(kind, azureId, disposition, reason, duplicateOf, recordedBy, recordedAt);
    }

    @Override
    public String auditType() {
        return "PopulationDisposition";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", kind);
        s.put("azureId", azureId);
        s.put("disposition", disposition);
        s.put("reason", reason);
        s.put("duplicateOf", duplicateOf);
        s.put("recordedBy", recordedBy);
        s.put("recordedAt", recordedAt);
        return s;
    }

    public Long getId() { return id; }
    public String getKind() { return kind; }
    public String getAzureId() { return azureId; }
    public String getDisposition() { return disposition; }
    public String getReason() { return reason; }
    public String getDuplicateOf() { return duplicateOf; }
    public String getRecordedBy() { return recordedBy; }
    public Instant getRecordedAt() { return recordedAt; }
}
