package com.attest.engagement;

import com.attest.platform.change.Audited;
import com.attest.security.AuditPeriod;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An audit: its name, the audit period (whose evidence its auditors may read), the auditors, and the access window
 * — from one instant until (not including) another — in which they may read it. Outside every open window of
 * theirs an auditor reads nothing; there is nothing to revoke by hand when an audit is over.
 */
@Entity
@Table(name = "engagement")
@NamedQuery(name = Engagement.ALL, query = "SELECT e FROM Engagement e ORDER BY e.accessFrom DESC, e.id DESC")
@NamedQuery(name = Engagement.OF_AUDITOR, query = "SELECT e FROM Engagement e JOIN e.auditors a WHERE a = :username"
        + " ORDER BY e.accessFrom DESC, e.id DESC")
public class Engagement implements Audited, Serializable {

    static final String ALL = "Engagement.all";
    static final String OF_AUDITOR = "Engagement.ofAuditor";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String name;
    @Column(name = "period_from", nullable = false)
    private LocalDate periodFrom;
    @Column(name = "period_to", nullable = false)
    private LocalDate periodTo;
    @Column(name = "access_from", nullable = false)
    private Instant accessFrom;
    @Column(name = "access_to", nullable = false)
    private Instant accessTo;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "engagement_auditor", joinColumns = @JoinColumn(name = "engagement_id"))
    @Column(name = "username")
    private Set<String> auditors = new TreeSet<>();

    protected Engagement() {
    }

    Engagement(String name, AuditPeriod period, Instant accessFrom, Instant accessTo, Set<String> auditors,
               String createdBy, Instant now) {
        if (!accessFrom.isBefore(accessTo)) {
            throw new IllegalArgumentException("The access window ends before it starts");
        }
        this.name = name;
        this.periodFrom = period.from();
        this.periodTo = period.to();
        this.accessFrom = accessFrom;
        this.accessTo = accessTo;
        this.auditors = new TreeSet<>(auditors);
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public AuditPeriod period() {
        return new AuditPeriod(periodFrom, periodTo);
    }

    /** Whether its auditors may read at {@code now}: from the window's start until, not including, its end. */
    public boolean openAt(Instant now) {
        return !now.isBefore(accessFrom) && now.isBefore(accessTo);
    }

    public boolean names(String username) {
        return auditors.contains(username);
    }

    @Override
    public String auditType() {
        return EngagementService.ENTITY;
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("name", name);
        s.put("periodFrom", periodFrom.toString());
        s.put("periodTo", periodTo.toString());
        s.put("accessFrom", accessFrom);
        s.put("accessTo", accessTo);
        s.put("auditors", new TreeSet<>(auditors).stream().toList());
        return s;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public LocalDate getPeriodFrom() { return periodFrom; }
    public LocalDate getPeriodTo() { return periodTo; }
    public Instant getAccessFrom() { return accessFrom; }
    public Instant getAccessTo() { return accessTo; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public long getVersion() { return version; }
    public Set<String> getAuditors() { return new TreeSet<>(auditors); }
}
