package com.attest.detection;

import com.attest.platform.change.Audited;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One end-to-end proof of a subscription's pipeline: Azure asked to send a test notification through the action
 * group to this portal's intake ({@code WAITING}), then either the portal's own intake received it
 * ({@code VERIFIED}, with how long it took), nothing came before the deadline ({@code NO_DELIVERY}), or Azure refused
 * to send ({@code REFUSED}). A proof that did not verify pages the on-call as a P2 would.
 */
@Entity
@Table(name = "detection_proof")
public class DetectionProof implements Audited, Serializable {

    public enum Trigger { WEEKLY, ON_DEMAND }

    public enum State { WAITING, VERIFIED, NO_DELIVERY, REFUSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "subscription_id", nullable = false, updatable = false)
    private String subscriptionId;
    @Column(name = "subscription_label", nullable = false, updatable = false)
    private String subscriptionLabel;
    @Column(name = "action_group_id", nullable = false, updatable = false)
    private String actionGroupId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Trigger trigger;
    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;
    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;
    @Column(nullable = false, updatable = false)
    private Instant deadline;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;
    @Column(name = "azure_request", nullable = false, updatable = false)
    private String azureRequest;
    @Column(name = "azure_answer", nullable = false, updatable = false)
    private String azureAnswer;
    @Column(name = "delivery_id")
    private Long deliveryId;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    private Long millis;
    private String outcome;
    @Column(name = "finished_at")
    private Instant finishedAt;
    private String sha256;
    @Column(name = "size_bytes")
    private Integer sizeBytes;
    @Version
    private long version;

    protected DetectionProof() {
    }

    DetectionProof(String subscriptionId, String subscriptionLabel, String actionGroupId, Trigger trigger,
                   String requestedBy, Instant requestedAt, Duration wait, String azureRequest, String azureAnswer) {
        this.subscriptionId = subscriptionId;
        this.subscriptionLabel = subscriptionLabel;
        this.actionGroupId = actionGroupId;
        this.trigger = trigger;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.deadline = requestedAt.plus(wait);
        this.state = State.WAITING;
        this.azureRequest = azureRequest;
        this.azureAnswer = azureAnswer;
    }

    void verified(long delivery, Instant at, Instant now) {
        requireWaiting();
        state = State.VERIFIED;
        deliveryId = delivery;
        deliveredAt = at;
        millis = Math.max(0, Duration.between(requestedAt, at).toMillis());
        outcome = "Pipeline verified end to end at " + at + ", " + seconds() + " seconds after Azure was asked.";
        finish(now);
    }

    void undelivered(Instant now, String why, State state) {
        requireWaiting();
        this.state = state;
        this.outcome = why;
        finish(now);
    }

    private void finish(Instant now) {
        finishedAt = now;
        String json = evidenceJson();
        sha256 = com.attest.platform.audit.Sha256.hex(json);
        sizeBytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** The evidence as kept and hashed. */
    public String evidenceJson() {
        return com.attest.platform.audit.CanonicalJson.write(evidence());
    }

    private void requireWaiting() {
        if (state != State.WAITING) {
            throw new IllegalStateException("Proof " + id + " is " + state + " already.");
        }
    }

    /** How long the delivery took, in seconds with a tenth. */
    public String seconds() {
        return millis == null ? null : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }

    /** What is kept as evidence: the request (its key left out), Azure's answer and the outcome. */
    private Map<String, Object> evidence() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("subscriptionId", subscriptionId);
        e.put("actionGroupId", actionGroupId);
        e.put("requestedAt", requestedAt.toString());
        e.put("deadline", deadline.toString());
        e.put("request", azureRequest);
        e.put("answer", azureAnswer);
        e.put("state", state.name());
        e.put("deliveryId", deliveryId);
        e.put("deliveredAt", deliveredAt == null ? null : deliveredAt.toString());
        e.put("millis", millis);
        e.put("outcome", outcome);
        return e;
    }

    @Override
    public String auditType() {
        return "DetectionProof";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("subscriptionId", subscriptionId);
        s.put("actionGroupId", actionGroupId);
        s.put("trigger", trigger.name());
        s.put("state", state.name());
        s.put("deliveryId", deliveryId);
        s.put("millis", millis);
        s.put("outcome", outcome);
        s.put("sha256", sha256);
        return s;
    }

    public Long getId() { return id; }
    public String getSubscriptionId() { return subscriptionId; }
    public String getSubscriptionLabel() { return subscriptionLabel; }
    public String getActionGroupId() { return actionGroupId; }
    public Trigger getTrigger() { return trigger; }
    public String getRequestedBy() { return requestedBy; }
    public Instant getRequestedAt() { return requestedAt; }
    public Instant getDeadline() { return deadline; }
    public State getState() { return state; }
    public String getAzureRequest() { return azureRequest; }
    public String getAzureAnswer() { return azureAnswer; }
    public Long getDeliveryId() { return deliveryId; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public Long getMillis() { return millis; }
    public String getOutcome() { return outcome; }
    public Instant getFinishedAt() { return finishedAt; }
    public String getSha256() { return sha256; }
    public Integer getSizeBytes() { return sizeBytes; }
    public long getVersion() { return version; }
}
