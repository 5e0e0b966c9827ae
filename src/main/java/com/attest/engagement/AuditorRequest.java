package com.attest.engagement;

import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An item of the auditor's request list ("provided by client"), inside one engagement. An auditor files it; the
 * compliance lead, or a responder they assign, answers it by linking evidence items of the register; the auditor
 * accepts the answer or asks a follow-up, which the lead answers again. OPEN → ANSWERED → ACCEPTED | FOLLOW_UP →
 * ANSWERED … Accepted is final. Its messages and links are kept beside it, append-only.
 */
@Entity
@Table(name = "auditor_request")
public class AuditorRequest implements Audited, Versioned, Serializable {

    /** Where a request stands. */
    public enum State { OPEN, ANSWERED, ACCEPTED, FOLLOW_UP }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "engagement_id", nullable = false, updatable = false)
    private Long engagementId;
    @Column(nullable = false, updatable = false)
    private String title;
    @Column(nullable = false, updatable = false)
    private String body;
    @Column(name = "incident_ref", updatable = false)
    private String incidentRef;
    @Column(updatable = false)
    private String control;
    @Column(name = "due_date", nullable = false, updatable = false)
    private LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state = State.OPEN;
    private String assignee;
    @Column(name = "filed_by", nullable = false, updatable = false)
    private String filedBy;
    @Column(name = "filed_at", nullable = false, updatable = false)
    private Instant filedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected AuditorRequest() {
    }

    AuditorRequest(long engagementId, String title, String body, String incidentRef, String control,
                   LocalDate dueDate, String by, Instant at) {
        this.engagementId = engagementId;
        this.title = title;
        this.body = body;
        this.incidentRef = incidentRef;
        this.control = control;
        this.dueDate = dueDate;
        this.filedBy = by;
        this.filedAt = at;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    void assign(String username, String by, Instant at) {
        this.assignee = username;
        touch(by, at);
    }

    void answered(String by, Instant at) {
        this.state = State.ANSWERED;
        touch(by, at);
    }

    void accepted(String by, Instant at) {
        this.state = State.ACCEPTED;
        touch(by, at);
    }

    void followUp(String by, Instant at) {
        this.state = State.FOLLOW_UP;
        touch(by, at);
    }

    private void touch(String by, Instant at) {
        this.updatedBy = by;
        this.updatedAt = at;
    }

    /** Whether it waits for the lead's (or the assignee's) answer. */
    public boolean awaitsAnswer() {
        return state == State.OPEN || state == State.FOLLOW_UP;
    }

    @Override
    public String auditType() {
        return "AuditorRequest";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("engagement", engagementId);
        s.put("title", title);
        s.put("text", body);
        s.put("incident", incidentRef);
        s.put("control", control);
        s.put("dueDate", dueDate == null ? null : dueDate.toString());
        s.put("state", state == null ? null : state.name());
        s.put("assignee", assignee);
        s.put("filedBy", filedBy);
        s.put("filedAt", filedAt);
        return s;
    }

    @Override
    public String lastChangedBy() {
        return updatedBy;
    }

    @Override
    public Instant lastChangedAt() {
        return updatedAt;
    }

    public Long getId() { return id; }
    public Long getEngagementId() { return engagementId; }
    public String getTitle() { return title; }
    public String getBody() { return body; }
    public String getIncidentRef() { return incidentRef; }
    public String getControl() { return control; }
    public LocalDate getDueDate() { return dueDate; }
    public State getState() { return state; }
    public String getAssignee() { return assignee; }
    public String getFiledBy() { return filedBy; }
    public Instant getFiledAt() { return filedAt; }
    @Override
    public long getVersion() { return version; }
}
