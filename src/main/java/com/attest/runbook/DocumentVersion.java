package com.attest.runbook;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One saved version of a document: a Git commit, its text and SHA-256 (fixed once saved, a trigger makes sure),
 * and where it stands in review. Draft → in review → approved (or returned) by a compliance lead who is not its
 * author; approving supersedes the version in force.
 */
@Entity
@Table(name = "document_version")
@NamedQuery(name = DocumentVersion.OF_DOCUMENT, query = "SELECT v FROM DocumentVersion v"
        + " WHERE v.documentId = :document ORDER BY v.number DESC")
@NamedQuery(name = DocumentVersion.IN_FORCE, query = "SELECT v FROM DocumentVersion v"
        + " WHERE v.documentId = :document AND v.state = com.attest.runbook.DocumentVersion.State.APPROVED")
public class DocumentVersion implements Audited, Serializable {

    static final String OF_DOCUMENT = "DocumentVersion.ofDocument";
    static final String IN_FORCE = "DocumentVersion.inForce";

    public enum State { DRAFT, IN_REVIEW, APPROVED, RETURNED, SUPERSEDED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "document_id", nullable = false, updatable = false)
    private Long documentId;
    @Column(nullable = false, updatable = false)
    private int number;
    @Column(name = "commit_id", nullable = false, updatable = false)
    private String commitId;
    @Column(nullable = false, updatable = false)
    private String title;
    @Column(nullable = false, updatable = false)
    private String body;
    @Column(nullable = false, updatable = false)
    private String sha256;
    @Column(nullable = false, updatable = false)
    private String message;
    @Column(nullable = false, updatable = false)
    private String author;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state = State.DRAFT;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "submitted_by")
    private String submittedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decision_comment")
    private String decisionComment;
    @Column(name = "effective_from")
    private Instant effectiveFrom;
    @Column(name = "review_due")
    private LocalDate reviewDue;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected DocumentVersion() {
    }

    DocumentVersion(long documentId, int number, String commitId, String title, String body, String sha256,
                    String message, String author, Instant now) {
        this.documentId = documentId;
        this.number = number;
        this.commitId = commitId;
        this.title = title;
        this.body = body;
        this.sha256 = sha256;
        this.message = message;
        this.author = author;
        this.createdAt = now;
    }

    void submit(String by, Instant now) {
        state = State.IN_REVIEW;
        submittedBy = by;
        submittedAt = now;
    }

    void approve(String by, Instant now, String comment, LocalDate due) {
        state = State.APPROVED;
        decidedBy = by;
        decidedAt = now;
        decisionComment = comment;
        effectiveFrom = now;
        reviewDue = due;
    }

    void giveBack(String by, Instant now, String comment) {
        state = State.RETURNED;
        decidedBy = by;
        decidedAt = now;
        decisionComment = comment;
    }

    void supersede() {
        state = State.SUPERSEDED;
    }

    public boolean isReviewOverdue(LocalDate today) {
        return state == State.APPROVED && reviewDue != null && today.isAfter(reviewDue);
    }

    @Override
    public String auditType() {
        return DocumentService.ENTITY;
    }

    @Override
    public Object auditId() {
        return id;
    }

    /** What the audit trail records and what evidence hashes: everything but the text, which its hash stands for. */
    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("documentId", documentId);
        s.put("number", number);
        s.put("commitId", commitId);
        s.put("title", title);
        s.put("sha256", sha256);
        s.put("message", message);
        s.put("author", author);
        s.put("createdAt", createdAt);
        s.put("state", state);
        s.put("submittedBy", submittedBy);
        s.put("submittedAt", submittedAt);
        s.put("decidedBy", decidedBy);
        s.put("decidedAt", decidedAt);
        s.put("decisionComment", decisionComment);
        s.put("effectiveFrom", effectiveFrom);
        s.put("reviewDue", reviewDue);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Long getDocumentId() {
        return documentId;
    }

    public int getNumber() {
        return number;
    }

    public String getCommitId() {
        return commitId;
    }

    public String getShortCommit() {
        return commitId.substring(0, 10);
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public String getSha256() {
        return sha256;
    }

    public String getMessage() {
        return message;
    }

    public String getAuthor() {
        return author;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public State getState() {
        return state;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public String getDecisionComment() {
        return decisionComment;
    }

    public Instant getEffectiveFrom() {
        return effectiveFrom;
    }

    public LocalDate getReviewDue() {
        return reviewDue;
    }
}
