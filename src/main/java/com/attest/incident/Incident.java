package com.attest.incident;

import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An incident, from the alert that revealed it to its closure. Identified to people by its reference
 * {@code INC-YYYY-NNN}, numbered per year of detection.
 *
 * <p>Life cycle: it is reported {@link Status#DETECTED}; a responder {@link #declare declares} it by taking
 * ownership and confirming its severity, which stops the response-SLA clock; it then moves one step at a time
 * through contained, eradicated, recovered and resolved to closed, each move stamping its milestone with the
 * time it happened. At any point before closure it may instead be closed as a false positive or duplicate.
 * It is never deleted.
 */
@Entity
@Table(name = "incident")
@NamedQuery(name = Incident.BY_REFERENCE, query = "SELECT i FROM Incident i WHERE i.reference = :reference")
public class Incident implements Versioned, Audited, Serializable {

    public static final String BY_REFERENCE = "Incident.byReference";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, updatable = false)
    private String reference;
    @Column(nullable = false)
    private String title;
    @Column(nullable = false)
    private String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Source source;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Severity severity;
    @Column(name = "defender_score")
    private Integer defenderScore;
    @Column(name = "severity_reason")
    private String severityReason;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Category category;
    @Column(name = "personal_data", nullable = false)
    private boolean personalData;
    @Column(name = "customers_affected", nullable = false)
    private boolean customersAffected;
    @Column(name = "personal_data_since")
    private Instant personalDataSince;
    @Column(name = "customers_affected_since")
    private Instant customersAffectedSince;
    private String owner;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.DETECTED;
    @Column(name = "detected_at", nullable = false)
    private Instant detectedAt;
    @Column(name = "declared_at")
    private Instant declaredAt;
    @Column(name = "contained_at")
    private Instant containedAt;
    @Column(name = "eradicated_at")
    private Instant eradicatedAt;
    @Column(name = "recovered_at")
    private Instant recoveredAt;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "closure_reason")
    private String closureReason;
    @Column(name = "duplicate_of")
    private String duplicateOf;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Classification classification;
    @Column(name = "classification_reason")
    private String classificationReason;
    @Column(name = "resolved_with_open")
    private String resolvedWithOpen;
    @Column(name = "resolved_with_open_reason")
    private String resolvedWithOpenReason;
    @Column(name = "response_due_at", nullable = false)
    private Instant responseDueAt;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Version
    private long version;

    // lazy: the list never shows them; the provider loads them on first use, also after the transaction
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "incident_resource", joinColumns = @JoinColumn(name = "incident_id"))
    @Column(name = "resource_id")
    private Set<String> resources = new TreeSet<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "incident_user", joinColumns = @JoinColumn(name = "incident_id"))
    @Column(name = "upn")
    private Set<String> users = new TreeSet<>();

    protected Incident() {
    }

    Incident(String reference, Source source, IncidentForm form, Instant detectedAt, Instant responseDueAt,
             String by, Instant now) {
        this.reference = reference;
        this.source = source;
        this.detectedAt = detectedAt;
        this.responseDueAt = responseDueAt;
        this.createdAt = now;
        this.createdBy = by;
        describe(form, by, now);
        classify(form.severity(), form.defenderScore(), form.severityReason(), responseDueAt, by, now);
    }

    void describe(IncidentForm form, String by, Instant now) {
        this.title = form.title();
        this.description = form.description();
        this.category = form.category();
        // when it was first determined: what the customer-notification clock runs from; never cleared
        if (form.personalData() && personalDataSince == null) {
            personalDataSince = now;
        }
        if (form.customersAffected() && customersAffectedSince == null) {
            customersAffectedSince = now;
        }
        this.personalData = form.personalData();
        this.customersAffected = form.customersAffected();
        this.resources = new TreeSet<>(form.resources());
        this.users = new TreeSet<>(form.users());
        touch(by, now);
    }

    void classify(Severity newSeverity, Integer score, String reason, Instant newResponseDue, String by,
                  Instant now) {
        this.severity = newSeverity;
        this.defenderScore = score;
        this.severityReason = reason;
        this.responseDueAt = newResponseDue;
        touch(by, now);
    }

    void declare(String newOwner, Instant at, String by, Instant now) {
        this.owner = newOwner;
        this.declaredAt = at;
        this.status = Status.DECLARED;
        touch(by, now);
    }

    void assign(String newOwner, String by, Instant now) {
        this.owner = newOwner;
        touch(by, now);
    }

    void advance(Status target, Instant at, String by, Instant now) {
        switch (target) {
            case CONTAINED -> containedAt = at;
            case ERADICATED -> eradicatedAt = at;
            case RECOVERED -> recoveredAt = at;
            case RESOLVED -> resolvedAt = at;
            case CLOSED -> closedAt = at;
            default -> throw new IllegalArgumentException("Not a response step: " + target);
        }
        this.status = target;
        touch(by, now);
    }

    /** The closing step's classification (and Sentinel's reason for it, or null). */
    void classifyAs(Classification outcome, String reason) {
        this.classification = outcome;
        this.classificationReason = reason;
    }

    /** Resolved while {@code open} was still open (in words), for {@code reason}. */
    void resolvedWithOpen(String open, String reason) {
        this.resolvedWithOpen = open;
        this.resolvedWithOpenReason = reason;
    }

    void closeAs(Status kind, String reason, String duplicateOfReference, Instant at, String by, Instant now) {
        this.status = kind;
        this.closureReason = reason;
        this.duplicateOf = duplicateOfReference;
        this.closedAt = at;
        touch(by, now);
    }

    private void touch(String by, Instant now) {
        this.updatedBy = by;
        this.updatedAt = now;
    }

    /** When the current status was reached (detection for a new incident). */
    public Instant reachedCurrentStatusAt() {
        return switch (status) {
            case DETECTED -> detectedAt;
            case DECLARED -> declaredAt;
            case CONTAINED -> containedAt;
            case ERADICATED -> eradicatedAt;
            case RECOVERED -> recoveredAt;
            case RESOLVED -> resolvedAt;
            default -> closedAt;
        };
    }

    /** The response clock stops at declaration, or at closure for one closed without being declared. */
    public SlaClock clock(Instant now) {
        return SlaClock.of(responseDueAt, declaredAt != null ? declaredAt : closedAt, now);
    }

    /** Every field, in a stable form: what the audit trail records and what evidence hashes. */
    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("reference", reference);
        s.put("title", title);
        s.put("description", description);
        s.put("source", source);
        s.put("severity", severity);
        s.put("defenderScore", defenderScore);
        s.put("severityReason", severityReason);
        s.put("category", category);
        s.put("personalData", personalData);
        s.put("customersAffected", customersAffected);
        s.put("personalDataSince", personalDataSince);
        s.put("customersAffectedSince", customersAffectedSince);
        s.put("resources", new TreeSet<>(resources));
        s.put("users", new TreeSet<>(users));
        s.put("owner", owner);
        s.put("status", status);
        s.put("detectedAt", detectedAt);
        s.put("declaredAt", declaredAt);
        s.put("containedAt", containedAt);
        s.put("eradicatedAt", eradicatedAt);
        s.put("recoveredAt", recoveredAt);
        s.put("resolvedAt", resolvedAt);
        s.put("closedAt", closedAt);
        s.put("closureReason", closureReason);
        s.put("duplicateOf", duplicateOf);
        s.put("responseDueAt", responseDueAt);
        if (classification != null) {
            s.put("classification", classification);
            s.put("classificationReason", classificationReason);
        }
        if (resolvedWithOpen != null) {
            s.put("resolvedWithOpen", resolvedWithOpen);
            s.put("resolvedWithOpenReason", resolvedWithOpenReason);
        }
        return s;
    }

    public Long getId() {
        return id;
    }

    public Classification getClassification() {
        return classification;
    }

    public String getClassificationReason() {
        return classificationReason;
    }

    /** What of the response was still open when the incident was resolved, in words, or null. */
    public String getResolvedWithOpen() {
        return resolvedWithOpen;
    }

    /** Why the incident was resolved with {@link #getResolvedWithOpen()} open, or null. */
    public String getResolvedWithOpenReason() {
        return resolvedWithOpenReason;
    }

    public String getReference() {
        return reference;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public Source getSource() {
        return source;
    }

    public Severity getSeverity() {
        return severity;
    }

    public Integer getDefenderScore() {
        return defenderScore;
    }

    public String getSeverityReason() {
        return severityReason;
    }

    public Category getCategory() {
        return category;
    }

    public boolean isPersonalData() {
        return personalData;
    }

    public boolean isCustomersAffected() {
        return customersAffected;
    }

    /** When the incident was first determined to involve personal data, or null. */
    public Instant getPersonalDataSince() {
        return personalDataSince;
    }

    /** When the incident was first determined to affect customers, or null. */
    public Instant getCustomersAffectedSince() {
        return customersAffectedSince;
    }

    public String getOwner() {
        return owner;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getDetectedAt() {
        return detectedAt;
    }

    public Instant getDeclaredAt() {
        return declaredAt;
    }

    public Instant getContainedAt() {
        return containedAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public String getClosureReason() {
        return closureReason;
    }

    public String getDuplicateOf() {
        return duplicateOf;
    }

    public Instant getResponseDueAt() {
        return responseDueAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public long getVersion() {
        return version;
    }

    public Set<String> getResources() {
        return new TreeSet<>(resources);
    }

    public Set<String> getUsers() {
        return new TreeSet<>(users);
    }

    /** What the incident holds, as a form edits it. */
    public IncidentForm form() {
        return new IncidentForm(title, description, category, severity, defenderScore, severityReason, personalData,
                customersAffected, resources, users);
    }

    @Override
    public String auditType() {
        return IncidentService.ENTITY;
    }

    /** The audit trail names an incident by its reference. */
    @Override
    public Object auditId() {
        return reference;
    }

    @Override
    public String lastChangedBy() {
        return updatedBy;
    }

    @Override
    public Instant lastChangedAt() {
        return updatedAt;
    }
}
