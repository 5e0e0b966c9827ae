package com.attest.pir;

import com.attest.platform.change.Approval;
import com.attest.platform.change.Audited;
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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The post-incident review of one resolved incident, on the policy's template. */
@Entity
@Table(name = "pir")
@NamedQuery(name = Pir.OF_INCIDENT, query = "SELECT p FROM Pir p WHERE p.incidentId = :incident")
@NamedQuery(name = Pir.ALL, query = "SELECT p FROM Pir p ORDER BY p.dueAt DESC, p.id DESC")
@NamedQuery(name = Pir.OPEN, query = "SELECT p FROM Pir p WHERE p.state <> com.attest.pir.Pir.State.APPROVED"
        + " ORDER BY p.dueAt")
public class Pir implements Versioned, Audited, Serializable {

    static final String OF_INCIDENT = "Pir.ofIncident";
    static final String ALL = "Pir.all";
    static final String OPEN = "Pir.open";

    /** Where a review stands. */
    public enum State {
        DRAFT, SUBMITTED, RETURNED, APPROVED;

        /** The owner may still write. */
        public boolean editable() {
            return this == DRAFT || this == RETURNED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "incident_id", nullable = false, updatable = false)
    private Long incidentId;
    @Column(nullable = false)
    private String owner;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state = State.DRAFT;
    @Column(name = "resolved_at", nullable = false, updatable = false)
    private Instant resolvedAt;
    @Column(name = "due_at", nullable = false, updatable = false)
    private Instant dueAt;
    @Column(nullable = false)
    private String timeline = "";
    @Column(name = "root_cause", nullable = false)
    private String rootCause = "";
    @Column(name = "systems_affected", nullable = false)
    private String systemsAffected = "";
    @Column(name = "data_involved", nullable = false)
    private String dataInvolved = "";
    @Column(name = "customers_notified", nullable = false)
    private boolean customersNotified;
    @Column(name = "containment_actions", nullable = false)
    private String containmentActions = "";
    @Column(name = "eradication_actions", nullable = false)
    private String eradicationActions = "";
    @Column(name = "recovery_actions", nullable = false)
    private String recoveryActions = "";
    @Column(name = "notification_required", nullable = false)
    private boolean notificationRequired;
    @Column(name = "notification_date")
    private LocalDate notificationDate;
    @Column(name = "notification_method")
    private String notificationMethod;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    /** Submitted for the compliance lead's approval, and how the lead decided. */
    @Embedded
    @AttributeOverride(name = "requestedBy", column = @Column(name = "submitted_by"))
    @AttributeOverride(name = "requestedAt", column = @Column(name = "submitted_at"))
    private Approval approval = new Approval();
    @Column(name = "approved_sha256")
    private String approvedSha256;
    @Version
    private long version;

    protected Pir() {
    }

    Pir(long incidentId, String owner, Instant resolvedAt, Instant dueAt, PirForm prefill, String by, Instant now) {
        this.incidentId = incidentId;
        this.owner = owner;
        this.resolvedAt = resolvedAt;
        this.dueAt = dueAt;
        this.createdAt = now;
        write(prefill, by, now);
    }

    void write(PirForm form, String by, Instant now) {
        this.timeline = form.timeline();
        this.rootCause = form.rootCause();
        this.systemsAffected = form.systemsAffected();
        this.dataInvolved = form.dataInvolved();
        this.customersNotified = form.customersNotified();
        this.containmentActions = form.containmentActions();
        this.eradicationActions = form.eradicationActions();
        this.recoveryActions = form.recoveryActions();
        this.notificationRequired = form.notificationRequired();
        this.notificationDate = form.notificationRequired() ? form.notificationDate() : null;
        this.notificationMethod = form.notificationRequired() ? form.notificationMethod() : null;
        this.updatedAt = now;
        this.updatedBy = by;
    }

    void submit(String by, Instant now) {
        state = State.SUBMITTED;
        approval.request(by, now);
    }

    void decide(boolean approve, String by, Instant now, String comment, String sha256) {
        state = approve ? State.APPROVED : State.RETURNED;
        approval.decide(approve, by, now, comment);
        approvedSha256 = approve ? sha256 : null;
    }

    /** What the template holds, as the form edits it. */
    public PirForm form() {
        return new PirForm(timeline, rootCause, systemsAffected, dataInvolved, customersNotified, containmentActions,
                eradicationActions, recoveryActions, notificationRequired, notificationDate, notificationMethod);
    }

    /** The review's canonical content (no times of saving), whose SHA-256 the approval keeps. */
    public Map<String, Object> content() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("incidentId", incidentId);
        s.put("owner", owner);
        s.put("resolvedAt", resolvedAt);
        s.put("dueAt", dueAt);
        s.put("timeline", timeline);
        s.put("rootCause", rootCause);
        s.put("systemsAffected", systemsAffected);
        s.put("dataInvolved", dataInvolved);
        s.put("customersNotified", customersNotified);
        s.put("containmentActions", containmentActions);
        s.put("eradicationActions", eradicationActions);
        s.put("recoveryActions", recoveryActions);
        s.put("notificationRequired", notificationRequired);
        s.put("notificationDate", notificationDate == null ? null : notificationDate.toString());
        s.put("notificationMethod", notificationMethod);
        return s;
    }

    /** The review as the audit trail keeps it. */
    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = content();
        s.put("id", id);
        s.put("state", state.name());
        s.put("submittedBy", approval.getRequestedBy());
        s.put("submittedAt", approval.getRequestedAt());
        s.put("decidedBy", approval.getDecidedBy());
        s.put("decidedAt", approval.getDecidedAt());
        s.put("decisionComment", approval.getComment());
        s.put("approvedSha256", approvedSha256);
        return s;
    }

    /** Approved by its due date (null while not approved). */
    public Boolean onTime() {
        return state == State.APPROVED ? !approval.getDecidedAt().isAfter(dueAt) : null;
    }

    public Long getId() { return id; }
    public Long getIncidentId() { return incidentId; }
    public String getOwner() { return owner; }
    public State getState() { return state; }
    public Instant getResolvedAt() { return resolvedAt; }
    public Instant getDueAt() { return dueAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
    public Approval getApproval() { return approval; }
    public Instant getSubmittedAt() { return approval.getRequestedAt(); }
    public String getSubmittedBy() { return approval.getRequestedBy(); }
    public Instant getDecidedAt() { return approval.getDecidedAt(); }
    public String getDecidedBy() { return approval.getDecidedBy(); }
    public String getDecisionComment() { return approval.getComment(); }

    @Override
    public String auditType() { return PirService.ENTITY; }

    @Override
    public Object auditId() { return id; }

    @Override
    public String lastChangedBy() { return updatedBy; }

    @Override
    public Instant lastChangedAt() { return updatedAt; }
    public String getApprovedSha256() { return approvedSha256; }
    public long getVersion() { return version; }
}
