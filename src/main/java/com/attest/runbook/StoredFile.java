package com.attest.runbook;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file kept as evidence: its name, the media type its content showed ({@link FileKind}), its bytes and their
 * SHA-256, who uploaded it and when. Never changed; the tables that hold files are append-only.
 */
@MappedSuperclass
public abstract class StoredFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
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
    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Instant uploadedAt;
    @Column(name = "uploaded_by", nullable = false, updatable = false)
    private String uploadedBy;

    protected StoredFile() {
    }

    protected StoredFile(String filename, FileKind kind, byte[] body, String sha256, String by, Instant now) {
        this.filename = filename;
        this.contentType = kind.contentType();
        this.sizeBytes = body.length;
        this.body = body;
        this.sha256 = sha256;
        this.uploadedBy = by;
        this.uploadedAt = now;
    }

    /** The file's facts as the audit trail keeps them (never the bytes), after those of its owner. */
    protected Map<String, Object> snapshot(String ownerKey, Object owner) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put(ownerKey, owner);
        s.put("filename", filename);
        s.put("contentType", contentType);
        s.put("sizeBytes", sizeBytes);
        s.put("sha256", sha256);
        s.put("uploadedAt", uploadedAt);
        s.put("uploadedBy", uploadedBy);
        return s;
    }

    public Long getId() { return id; }
    public String getFilename() { return filename; }
    public String getContentType() { return contentType; }
    public int getSizeBytes() { return sizeBytes; }
    public String getSha256() { return sha256; }
    public byte[] getBody() { return body; }
    public Instant getUploadedAt() { return uploadedAt; }
    public String getUploadedBy() { return uploadedBy; }
}
