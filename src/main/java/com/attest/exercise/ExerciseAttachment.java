package com.attest.exercise;

import com.attest.runbook.FileKind;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A report file of an exercise (the write-up, slides, sign-in sheet), with its SHA-256. Append-only. */
@Entity
@Table(name = "exercise_attachment")
public class ExerciseAttachment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "exercise_id", nullable = false, updatable = false)
    private Long exerciseId;
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

    protected ExerciseAttachment() {
    }

    ExerciseAttachment(long exerciseId, String filename, FileKind kind, byte[] body, String sha256, String by,
                       Instant now) {
        this.exerciseId = exerciseId;
        this.filename = filename;
        this.contentType = kind.contentType();
        this.sizeBytes = body.length;
        this.body = body;
        this.sha256 = sha256;
        this.uploadedBy = by;
        this.uploadedAt = now;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("exerciseId", exerciseId);
        s.put("filename", filename);
        s.put("contentType", contentType);
        s.put("sizeBytes", sizeBytes);
        s.put("sha256", sha256);
        s.put("uploadedAt", uploadedAt);
        s.put("uploadedBy", uploadedBy);
        return s;
    }

    public Long getId() { return id; }
    public Long getExerciseId() { return exerciseId; }
    public String getFilename() { return filename; }
    public String getContentType() { return contentType; }
    public int getSizeBytes() { return sizeBytes; }
    public String getSha256() { return sha256; }
    public byte[] getBody() { return body; }
    public Instant getUploadedAt() { return uploadedAt; }
    public String getUploadedBy() { return uploadedBy; }
}
