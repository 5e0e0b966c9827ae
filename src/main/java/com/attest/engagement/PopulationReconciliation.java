package com.attest.engagement;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reconciliation of an engagement's incident population with the Azure evidence collected for its period: its
 * counts, its canonical JSON ({@link ReconciliationService#json}) and that JSON's SHA-256, who computed it and when
 * (outside the JSON, so the same evidence gives the same bytes). Kept unchanged for ever and registered as evidence.
 */
@Entity
@Table(name = "population_reconciliation")
public class PopulationReconciliation implements Audited {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "engagement_id", nullable = false, updatable = false)
    private Long engagementId;
    @Column(name = "period_from", nullable = false, updatable = false)
    private LocalDate periodFrom;
    @Column(name = "period_to", nullable = false, updatable = false)
    private LocalDate periodTo;
    @Column(name = "computed_by", nullable = false, updatable = false)
    private String computedBy;
    @Column(name = "computed_at", nullable = false, updatable = false)
    private Instant computedAt;
    @Column(name = "azure_items", nullable = false, updatable = false)
    private int azureItems;
    @Column(nullable = false, updatable = false)
    private int matched;
    @Column(nullable = false, updatable = false)
    private int dispositioned;
    @Column(nullable = false, updatable = false)
    private int unmatched;
    @Column(nullable = false, updatable = false)
    private int differences;
    @Column(name = "evidence_sha256", nullable = false, updatable = false)
    private String evidenceSha256;
    @Column(nullable = false, updatable = false)
    private byte[] body;
    @Column(nullable = false, updatable = false)
    private String sha256;
    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int sizeBytes;

    protected PopulationReconciliation() {
    }

    PopulationReconciliation(Engagement engagement, Reconciliation.Result result, String json, String sha256,
                             String by, Instant at) {
        this.engagementId = engagement.getId();
        this.periodFrom = engagement.getPeriodFrom();
        this.periodTo = engagement.getPeriodTo();
        this.computedBy = by;
        this.computedAt = at;
        this.azureItems = result.rows().size();
        this.matched = (int) result.count(Reconciliation.Outcome.MATCHED);
        this.dispositioned = (int) result.count(Reconciliation.Outcome.DISPOSITIONED);
        this.unmatched = (int) result.count(Reconciliation.Outcome.UNMATCHED);
        this.differences = (int) result.differences();
        this.evidenceSha256 = result.evidenceSha256();
        this.body = json.getBytes(StandardCharsets.UTF_8);
        this.sha256 = sha256;
        this.sizeBytes = body.length;
    }

    @Override
    public String auditType() {
        return "PopulationReconciliation";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("engagement", engagementId);
        s.put("periodFrom", periodFrom == null ? null : periodFrom.toString());
        s.put("periodTo", periodTo == null ? null : periodTo.toString());
        s.put("azureItems", azureItems);
        s.put("matched", matched);
        s.put("dispositioned", dispositioned);
        s.put("unmatched", unmatched);
        s.put("differences", differences);
        s.put("evidenceSha256", evidenceSha256);
        s.put("sha256", sha256);
        return s;
    }

    public String json() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Long getId() { return id; }
    public Long getEngagementId() { return engagementId; }
    public String getComputedBy() { return computedBy; }
    public Instant getComputedAt() { return computedAt; }
    public int getAzureItems() { return azureItems; }
    public int getMatched() { return matched; }
    public int getDispositioned() { return dispositioned; }
    public int getUnmatched() { return unmatched; }
    public int getDifferences() { return differences; }
    public String getEvidenceSha256() { return evidenceSha256; }
    public String getSha256() { return sha256; }
}
