package com.attest.customernotice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One version of a template's subject and text. Editing a template adds a version; none is changed. */
@Entity
@Table(name = "notice_template_version")
@NamedQuery(name = NoticeTemplateVersion.OF_TEMPLATE,
        query = "SELECT v FROM NoticeTemplateVersion v WHERE v.templateId = :template ORDER BY v.number DESC")
public class NoticeTemplateVersion {

    static final String OF_TEMPLATE = "NoticeTemplateVersion.ofTemplate";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "template_id", nullable = false, updatable = false)
    private Long templateId;
    @Column(nullable = false, updatable = false)
    private int number;
    @Column(nullable = false, updatable = false)
    private String subject;
    @Column(nullable = false, updatable = false)
    private String body;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    protected NoticeTemplateVersion() {
    }

    NoticeTemplateVersion(long templateId, int number, String subject, String body, String by, Instant now) {
        this.templateId = templateId;
        this.number = number;
        this.subject = subject;
        this.body = body;
        this.createdBy = by;
        this.createdAt = now;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("templateId", templateId);
        s.put("number", number);
        s.put("subject", subject);
        s.put("body", body);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Long getTemplateId() {
        return templateId;
    }

    public int getNumber() {
        return number;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }
}
