package com.attest.runbook;

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

/** A document kept in Git: the incident-response runbook or policy. Its versions carry text and review state. */
@Entity
@Table(name = "document")
@NamedQuery(name = Document.ALL, query = "SELECT d FROM Document d ORDER BY d.kind DESC, d.slug")
@NamedQuery(name = Document.BY_SLUG, query = "SELECT d FROM Document d WHERE d.slug = :slug")
public class Document implements Serializable {

    static final String ALL = "Document.all";
    static final String BY_SLUG = "Document.bySlug";

    public enum Kind { RUNBOOK, POLICY }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Kind kind;
    @Column(nullable = false, updatable = false)
    private String slug;
    @Column(nullable = false, updatable = false)
    private String path;
    @Column(name = "review_interval_months", nullable = false)
    private int reviewIntervalMonths = 12;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Version
    private long version;

    protected Document() {
    }

    Document(Kind kind, String slug, String by, Instant now) {
        this.kind = kind;
        this.slug = slug;
        this.path = (kind == Kind.RUNBOOK ? "runbooks/" : "policies/") + slug + ".md";
        this.createdBy = by;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public Kind getKind() {
        return kind;
    }

    public String getSlug() {
        return slug;
    }

    public String getPath() {
        return path;
    }

    public int getReviewIntervalMonths() {
        return reviewIntervalMonths;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
