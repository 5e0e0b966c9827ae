package com.attest.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The words of one audit row, lower-cased, for free-text search: its actor, action, record id and before and after
 * states joined by the unit separator. Derived from the row and written behind it by {@link AuditTextIndex}; read-only
 * here (searches only ask which rows' words contain a text).
 */
@Entity
@Table(name = "audit_text")
public class AuditText {

    @Id
    @Column(name = "event_id", updatable = false)
    private long eventId;

    @Column(name = "words", nullable = false, updatable = false)
    private String words;

    protected AuditText() {
    }

    public long getEventId() {
        return eventId;
    }

    public String getWords() {
        return words;
    }
}
