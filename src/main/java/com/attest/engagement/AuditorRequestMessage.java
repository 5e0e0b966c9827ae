package com.attest.engagement;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One message of a request's thread — filed, assigned, answer, accepted, follow-up — kept unchanged for ever. */
@Entity
@Table(name = "auditor_request_message")
public class AuditorRequestMessage implements Audited {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "request_id", nullable = false, updatable = false)
    private Long requestId;
    @Column(nullable = false, updatable = false)
    private String kind;
    @Column(nullable = false, updatable = false)
    private String author;
    @Column(nullable = false, updatable = false)
    private Instant at;
    @Column(nullable = false, updatable = false)
    private String text;
    /** The evidence items linked by this message (an answer), as id and title; filled when read. */
    @Transient
    private List<Map<String, Object>> links = new ArrayList<>();

    protected AuditorRequestMessage() {
    }

    AuditorRequestMessage(long requestId, String kind, String author, Instant at, String text) {
        this.requestId = requestId;
        this.kind = kind;
        this.author = author;
        this.at = at;
        this.text = text == null ? "" : text;
    }

    @Override
    public String auditType() {
        return "AuditorRequestMessage";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("request", requestId);
        s.put("kind", kind);
        s.put("author", author);
        s.put("at", at);
        s.put("text", text);
        s.put("evidence", links == null ? List.of() : links);
        return s;
    }

    void linked(List<Map<String, Object>> items) {
        this.links = new ArrayList<>(items);
    }

    public Long getId() { return id; }
    public Long getRequestId() { return requestId; }
    public String getKind() { return kind; }
    public String getAuthor() { return author; }
    public Instant getAt() { return at; }
    public String getText() { return text; }
    public List<Map<String, Object>> getLinks() { return links == null ? List.of() : links; }
}
