package com.attest.evidence;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of the policy's evidence table: what it is, the controls it evidences, how long it is kept. */
@Entity
@Table(name = "evidence_type")
@NamedQuery(name = EvidenceType.ALL, query = "SELECT t FROM EvidenceType t ORDER BY t.position")
public class EvidenceType implements Audited {

    static final String ALL = "EvidenceType.all";

    @Id
    private String code;
    @Column(nullable = false)
    private int position;
    @Column(nullable = false)
    private String title;
    @Column(nullable = false)
    private String controls;
    @Column(name = "seed_retention", nullable = false)
    private String seedRetention;
    @Column(name = "min_retention_years")
    private Integer minRetentionYears;
    @Column(name = "retention_years")
    private Integer retentionYears;

    protected EvidenceType() {
    }

    /** Kept for ever (the policy, the runbook). */
    public boolean permanent() {
        return retentionYears == null;
    }

    /** The last day an item of this type for {@code period} must be kept; null when permanent. */
    public LocalDate retentionUntil(LocalDate period) {
        return permanent() ? null : period.plusYears(retentionYears);
    }

    void lengthen(int years) {
        this.retentionYears = years;
    }

    public List<String> controlList() {
        return List.of(controls.split(","));
    }

    @Override
    public String auditType() {
        return "EvidenceType";
    }

    /** The audit trail names a type by its code. */
    @Override
    public Object auditId() {
        return code;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("code", code);
        s.put("controls", controls);
        s.put("minRetentionYears", minRetentionYears);
        s.put("retentionYears", retentionYears);
        return s;
    }

    public String getCode() { return code; }
    public int getPosition() { return position; }
    public String getTitle() { return title; }
    public String getControls() { return controls; }
    public String getSeedRetention() { return seedRetention; }
    public Integer getMinRetentionYears() { return minRetentionYears; }
    public Integer getRetentionYears() { return retentionYears; }
}
