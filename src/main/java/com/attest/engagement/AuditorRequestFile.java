package com.attest.engagement;

import com.attest.runbook.FileKind;
import com.attest.runbook.StoredFile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A file attached to an answer (a document the register did not hold yet), dated by the day it documents, which lies
 * within the engagement's period. Registered as an evidence item at once; append-only.
 */
@Entity
@Table(name = "auditor_request_file")
public class AuditorRequestFile extends StoredFile {

    @Column(name = "request_id", nullable = false, updatable = false)
    private Long requestId;
    @Column(nullable = false, updatable = false)
    private LocalDate dated;

    protected AuditorRequestFile() {
    }

    AuditorRequestFile(long requestId, LocalDate dated, String filename, FileKind kind, byte[] body,
                       String sha256, String by, Instant now) {
        super(filename, kind, body, sha256, by, now);
        this.requestId = requestId;
        this.dated = dated;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = snapshot("requestId", requestId);
        s.put("dated", dated);
        return s;
    }

    public Long getRequestId() { return requestId; }
    public LocalDate getDated() { return dated; }
}
