package com.attest.exercise;

import com.attest.platform.change.Approval;
import com.attest.platform.change.Versioned;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tabletop or live incident-response exercise, recorded after it was held. A draft is edited by responders
 * and the compliance lead; a compliance lead who did not facilitate it signs it off, and from then on it is fixed
 * (the database refuses any change) with the SHA-256 of its canonical content.
 */
@Entity
@Table(name = "exercise")
@NamedQuery(name = Exercise.ALL, query = "SELECT e FROM Exercise e ORDER BY e.heldAt DESC, e.id DESC")
@NamedQuery(name = Exercise.SIGNED_OFF_HELD, query = "SELECT e.heldAt FROM Exercise e"
        + " WHERE e.state = com.attest.exercise.Exercise.State.SIGNED_OFF")
public class Exercise implements Versioned, Serializable {

    static final String ALL = "Exercise.all";
    static final String SIGNED_OFF_HELD = "Exercise.signedOffHeld";

    public enum Kind { TABLETOP, LIVE }

    public enum State { DRAFT, SIGNED_OFF }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;
    @Column(name = "held_at", nullable = false)
    private Instant heldAt;
    @Column(nullable = false)
    private String title;
    @Column(nullable = false)
    private String scenario;
    @Column(name = "runbook_version_id")
    private Long runbookVersionId;
    @Column(nullable = false)
    private String facilitator;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state = State.DRAFT;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    /** Waiting for a compliance lead's sign-off from when it is recorded; signed off = approved. */
    @Embedded
    @AttributeOverride(name = "requestedBy", column = @Column(name = "approval_requested_by"))
    @AttributeOverride(name = "requestedAt", column = @Column(name = "approval_requested_at"))
    @AttributeOverride(name = "decidedBy", column = @Column(name = "signed_off_by"))
    @AttributeOverride(name = "decidedAt", column = @Column(name = "signed_off_at"))
    @AttributeOverride(name = "comment", column = @Column(name = "approval_comment"))
    private Approval approval = new Approval();
    @Column(name = "content_sha256")
    private String contentSha256;
    @Version
    private long version;

    protected Exercise() {
    }

    Exercise(ExerciseForm form, String by, Instant now) {
        this.createdAt = now;
        this.createdBy = by;
        this.approval = Approval.requested(by, now);
        write(form, by, now);
    }

    void write(ExerciseForm form, String by, Instant now) {
        this.kind = form.kind();
        this.heldAt = form.heldAt();
        this.title = form.title();
        this.scenario = form.scenario();
        this.runbookVersionId = form.runbookVersionId();
        this.facilitator = form.facilitator();
        this.updatedAt = now;
        this.updatedBy = by;
    }

    void signOff(String by, Instant now, String sha256) {
        if (state == State.SIGNED_OFF) {
            throw new IllegalStateException("Exercise " + id + " is signed off already.");
        }
        state = State.SIGNED_OFF;
        approval.decide(true, by, now, null);
        contentSha256 = sha256;
    }

    /** The exercise's own fields as its canonical content holds them (no times of saving). */
    Map<String, Object> content() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("kind", kind.name());
        s.put("heldAt", heldAt);
        s.put("title", title);
        s.put("scenario", scenario);
        s.put("runbookVersionId", runbookVersionId);
        s.put("facilitator", facilitator);
        return s;
    }

    /** The exercise as the audit trail keeps it. */
    public Map<String, Object> snapshot() {
        Map<String, Object> s = content();
        s.put("state", state.name());
        s.put("createdBy", createdBy);
        s.put("signedOffBy", approval.getDecidedBy());
        s.put("signedOffAt", approval.getDecidedAt());
        s.put("contentSha256", contentSha256);
        return s;
    }

    public boolean isDraft() {
        return state == State.DRAFT;
    }

    public Long getId() { return id; }
    public Kind getKind() { return kind; }
    public Instant getHeldAt() { return heldAt; }
    public String getTitle() { return title; }
    public String getScenario() { return scenario; }
    public Long getRunbookVersionId() { return runbookVersionId; }
    public String getFacilitator() { return facilitator; }
    public State getState() { return state; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
    public Approval getApproval() { return approval; }
    public Instant getSignedOffAt() { return approval.getDecidedAt(); }
    public String getSignedOffBy() { return approval.getDecidedBy(); }
    public String getContentSha256() { return contentSha256; }
    public long getVersion() { return version; }

    @Override
    public String lastChangedBy() { return updatedBy; }

    @Override
    public Instant lastChangedAt() { return updatedAt; }
}
