package com.attest.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of an incident's timeline: a milestone a transition stamped, or an entry a responder added with
 * the time it happened. Append-only (a trigger refuses UPDATE and DELETE): a correction is a new entry that
 * points at the one it corrects.
 */
@Entity
@Table(name = "timeline_entry")
@NamedQuery(name = TimelineEntry.OF_INCIDENT,
        query = "SELECT t FROM TimelineEntry t WHERE t.incidentId = :incident ORDER BY t.occurredAt, t.id")
@NamedQuery(name = TimelineEntry.MILESTONE_OF_INCIDENT,
        query = "SELECT t FROM TimelineEntry t WHERE t.incidentId = :incident AND t.milestone = :milestone")
public class TimelineEntry implements Serializable {

    public static final String OF_INCIDENT = "TimelineEntry.ofIncident";
    public static final String MILESTONE_OF_INCIDENT = "TimelineEntry.milestoneOfIncident";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "incident_id", nullable = false, updatable = false)
    private Long incidentId;
    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;
    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private Milestone milestone;
    @Column(nullable = false, updatable = false)
    private String text;
    @Column(name = "corrects_id", updatable = false)
    private Long correctsId;

    protected TimelineEntry() {
    }

    TimelineEntry(long incidentId, Instant occurredAt, Milestone milestone, String text, Long correctsId,
                  String by, Instant now) {
        this.incidentId = incidentId;
        this.occurredAt = occurredAt;
        this.milestone = milestone;
        this.text = text;
        this.correctsId = correctsId;
        this.recordedBy = by;
        this.recordedAt = now;
    }

    /** The id a set-based writer gave the entry before inserting it (see {@link IncidentBatchWriter}). */
    void identify(long id) {
        this.id = id;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("occurredAt", occurredAt);
        s.put("milestone", milestone);
        s.put("text", text);
        s.put("corrects", correctsId);
        s.put("recordedBy", recordedBy);
        s.put("recordedAt", recordedAt);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Long getIncidentId() {
        return incidentId;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Milestone getMilestone() {
        return milestone;
    }

    public String getText() {
        return text;
    }

    public Long getCorrectsId() {
        return correctsId;
    }
}
