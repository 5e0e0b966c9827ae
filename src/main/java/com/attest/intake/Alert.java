package com.attest.intake;

import com.attest.incident.Severity;
import com.attest.incident.Source;
import jakarta.persistence.Column;
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
 * An alert a source delivered, linked to the incident it opened or joined — or to none, when a keep rule recorded it
 * as an alert only (cost, service-health, resource-health notifications). Its state follows the source (a Resolved
 * notification resolves the alert, never the incident); every delivery is kept as a payload.
 */
@Entity
@Table(name = "alert")
@NamedQuery(name = Alert.BY_EXTERNAL_ID,
        query = "SELECT a FROM Alert a WHERE a.source = :source AND a.externalId = :externalId")
@NamedQuery(name = Alert.OF_INCIDENT,
        query = "SELECT a FROM Alert a WHERE a.incidentId = :incident ORDER BY a.firedAt, a.id")
public class Alert implements Serializable {

    static final String BY_EXTERNAL_ID = "Alert.byExternalId";
    static final String OF_INCIDENT = "Alert.ofIncident";

    public enum State { OPEN, RESOLVED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Source source;
    @Column(name = "external_id", nullable = false, updatable = false)
    private String externalId;
    @Column(name = "incident_id", updatable = false)
    private Long incidentId;
    @Column(nullable = false)
    private String title;
    @Column(name = "severity_label", nullable = false)
    private String severityLabel;
    private Integer score;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Severity severity;
    @Column(name = "classification_reason", nullable = false)
    private String classificationReason;
    @Column(nullable = false, updatable = false)
    private String correlation;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;
    @Column(name = "source_status", nullable = false)
    private String sourceStatus;
    @Column(name = "fired_at", nullable = false, updatable = false)
    private Instant firedAt;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;
    private String link;
    @Version
    private long version;

    protected Alert() {
    }

    Alert(ReceivedAlert a, Long incidentId, Classification c, String correlation, Instant now) {
        this.source = a.source();
        this.externalId = a.externalId();
        this.incidentId = incidentId;
        this.correlation = correlation;
        this.firedAt = a.firedAt();
        this.receivedAt = now;
        this.link = a.link() == null || a.link().length() > 2000 ? null : a.link();
        follow(a, c);
        if (a.event() == ReceivedAlert.Event.RESOLVED) {
            resolve(a, now);
        }
    }

    /** Takes the source's latest title, severity and status. */
    void follow(ReceivedAlert a, Classification c) {
        this.title = a.title();
        this.severityLabel = a.severityLabel();
        this.score = a.score();
        this.severity = c.severity();
        this.classificationReason = abbreviate(c.reason(), 1000);
        this.sourceStatus = abbreviate(a.status() == null ? a.event().name() : a.status(), 40);
        this.state = State.OPEN;
        this.resolvedAt = null;
    }

    /** Resolved when the source says, or (Defender says nothing) when the notification arrived. */
    void resolve(ReceivedAlert a, Instant received) {
        this.state = State.RESOLVED;
        this.sourceStatus = abbreviate(a.status() == null ? "Resolved" : a.status(), 40);
        this.resolvedAt = a.resolvedAt() != null && a.resolvedAt().isBefore(received) ? a.resolvedAt() : received;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", source);
        s.put("externalId", externalId);
        s.put("incidentId", incidentId);
        s.put("title", title);
        s.put("severityLabel", severityLabel);
        s.put("score", score);
        s.put("severity", severity);
        s.put("classificationReason", classificationReason);
        s.put("correlation", correlation);
        s.put("state", state);
        s.put("sourceStatus", sourceStatus);
        s.put("firedAt", firedAt);
        s.put("resolvedAt", resolvedAt);
        s.put("receivedAt", receivedAt);
        s.put("link", link);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Source getSource() {
        return source;
    }

    public String getExternalId() {
        return externalId;
    }

    public Long getIncidentId() {
        return incidentId;
    }

    public String getTitle() {
        return title;
    }

    public String getSeverityLabel() {
        return severityLabel;
    }

    public Integer getScore() {
        return score;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getClassificationReason() {
        return classificationReason;
    }

    public String getCorrelation() {
        return correlation;
    }

    public State getState() {
        return state;
    }

    public String getSourceStatus() {
        return sourceStatus;
    }

    public Instant getFiredAt() {
        return firedAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getLink() {
        return link;
    }
}
