package com.attest.detection;

import com.attest.platform.change.Audited;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check of one subscription's detection pipeline: what Resource Manager returned, verbatim ({@code armJson},
 * with its SHA-256), and the findings judged from it. Written once, never changed (the database refuses it): a
 * failing check stays a CC7.3 gap until a later one of the subscription passes.
 */
@Entity
@Table(name = "detection_check")
public class DetectionCheck implements Audited, Serializable {

    public enum Trigger { DAILY, ON_DEMAND }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "subscription_id", nullable = false, updatable = false)
    private String subscriptionId;
    @Column(name = "subscription_label", nullable = false, updatable = false)
    private String subscriptionLabel;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Trigger trigger;
    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;
    @Column(name = "checked_at", nullable = false, updatable = false)
    private Instant checkedAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Verdict verdict;
    @Column(nullable = false, updatable = false)
    private String findings;
    @Column(name = "arm_json", nullable = false, updatable = false)
    private String armJson;
    @Column(nullable = false, updatable = false)
    private String sha256;
    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int sizeBytes;
    @Version
    private long version;

    protected DetectionCheck() {
    }

    public DetectionCheck(String subscriptionId, String subscriptionLabel, Trigger trigger, String requestedBy,
                          Instant checkedAt, List<Finding> findings, String armJson, String sha256, int sizeBytes) {
        this.subscriptionId = subscriptionId;
        this.subscriptionLabel = subscriptionLabel;
        this.trigger = trigger;
        this.requestedBy = requestedBy;
        this.checkedAt = checkedAt;
        this.verdict = PipelineRules.overall(findings);
        var array = Json.createArrayBuilder();
        findings.forEach(f -> array.add(f.toJson()));
        this.findings = array.build().toString();
        this.armJson = armJson;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
    }

    public List<Finding> findingList() {
        JsonArray array = Json.createReader(new StringReader(findings)).readArray();
        return array.stream().map(v -> Finding.of((JsonObject) v)).toList();
    }

    @Override
    public String auditType() {
        return "DetectionCheck";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("subscriptionId", subscriptionId);
        s.put("trigger", trigger.name());
        s.put("checkedAt", checkedAt.toString());
        s.put("verdict", verdict.name());
        s.put("sha256", sha256);
        s.put("findings", findingList().stream().map(f -> f.verdict() + ": " + f.sentence()).toList());
        return s;
    }

    public Long getId() { return id; }
    public String getSubscriptionId() { return subscriptionId; }
    public String getSubscriptionLabel() { return subscriptionLabel; }
    public Trigger getTrigger() { return trigger; }
    public String getRequestedBy() { return requestedBy; }
    public Instant getCheckedAt() { return checkedAt; }
    public Verdict getVerdict() { return verdict; }
    public String getArmJson() { return armJson; }
    public String getSha256() { return sha256; }
    public int getSizeBytes() { return sizeBytes; }
    public long getVersion() { return version; }
}
