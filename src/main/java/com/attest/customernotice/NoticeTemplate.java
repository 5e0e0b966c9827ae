package com.attest.customernotice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A notice template, known by its name; its text lives in its versions, of which none is ever changed. */
@Entity
@Table(name = "notice_template")
@NamedQuery(name = NoticeTemplate.ALL, query = "SELECT t FROM NoticeTemplate t ORDER BY lower(t.name)")
public class NoticeTemplate {

    static final String ALL = "NoticeTemplate.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, updatable = false)
    private String name;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    protected NoticeTemplate() {
    }

    NoticeTemplate(String name, String by, Instant now) {
        this.name = name;
        this.createdBy = by;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
