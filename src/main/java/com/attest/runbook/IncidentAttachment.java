package com.attest.runbook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** A file a responder attached to an incident as evidence, with its SHA-256. Append-only. */
@Entity
@Table(name = "incident_attachment")
public class IncidentAttachment extends StoredFile {

    @Column(name = "incident_id", nullable = false, updatable = false)
    private Long incidentId;
    @Column(name = "item_key", updatable = false)
    private String itemKey;

    protected IncidentAttachment() {
    }

    IncidentAttachment(long incidentId, String itemKey, String filename, FileKind kind, byte[] body, String sha256,
                       String by, Instant now) {
        super(filename, kind, body, sha256, by, now);
        this.incidentId = incidentId;
        this.itemKey = itemKey;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = snapshot("incidentId", incidentId);
        s.put("itemKey", itemKey);
        return s;
    }

    public Long getIncidentId() {
        return incidentId;
    }

    public String getItemKey() {
        return itemKey;
    }
}
