package com.attest.engagement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request an auditor made — page, postback, API call or download — with the engagement it was made under (none
 * when no window of theirs was open) and the status it was answered with. The database refuses any change.
 */
@Entity
@Table(name = "auditor_access")
public class AuditorAccess {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, updatable = false)
    private String username;
    @Column(name = "engagement_id", updatable = false)
    private Long engagementId;
    @Column(nullable = false, updatable = false)
    private Instant at;
    @Column(nullable = false, updatable = false)
    private String method;
    @Column(nullable = false, updatable = false)
    private String path;
    @Column(updatable = false)
    private String query;
    @Column(nullable = false, updatable = false)
    private int status;

    protected AuditorAccess() {
    }

    AuditorAccess(String username, Long engagementId, Instant at, String method, String path, String query,
                  int status) {
        this.username = username;
        this.engagementId = engagementId;
        this.at = at;
        this.method = cut(method, 10);
        this.path = cut(path, 500);
        this.query = query == null ? null : cut(query, 2000);
        this.status = status;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("username", username);
        s.put("engagement", engagementId);
        s.put("at", at);
        s.put("method", method);
        s.put("path", path);
        s.put("query", query);
        s.put("status", status);
        return s;
    }

    public Long getId() { return id; }
    public String getUsername() { return username; }
    public Long getEngagementId() { return engagementId; }
    public Instant getAt() { return at; }
    public String getMethod() { return method; }
    public String getPath() { return path; }
    public String getQuery() { return query; }
    public int getStatus() { return status; }
}
