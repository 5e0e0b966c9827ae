package com.attest.action;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;

/** The file a run produced (query results, an alert's detail), with its SHA-256. Append-only. */
@Entity
@Table(name = "action_result")
public class ActionResultFile implements Serializable {

    @Id
    @Column(name = "run_id")
    private Long runId;
    @Column(nullable = false, updatable = false)
    private String filename;
    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;
    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int sizeBytes;
    @Column(nullable = false, updatable = false)
    private String sha256;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, updatable = false)
    private byte[] body;

    protected ActionResultFile() {
    }

    ActionResultFile(long runId, String filename, String contentType, byte[] body, String sha256) {
        this.runId = runId;
        this.filename = filename;
        this.contentType = contentType;
        this.sizeBytes = body.length;
        this.body = body;
        this.sha256 = sha256;
    }

    public Long getRunId() { return runId; }
    public String getFilename() { return filename; }
    public String getContentType() { return contentType; }
    public int getSizeBytes() { return sizeBytes; }
    public String getSha256() { return sha256; }
    public byte[] getBody() { return body; }
}
