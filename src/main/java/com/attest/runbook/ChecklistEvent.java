package com.attest.runbook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A responder ticked, unticked or annotated one checklist item of an incident's runbook, or said it does not apply
 * to the incident (an untick carrying the reason as its note). Append-only.
 */
@Entity
@Table(name = "checklist_event")
@NamedQuery(name = ChecklistEvent.OF_INCIDENT,
        query = "SELECT e FROM ChecklistEvent e WHERE e.incidentId = :incident ORDER BY e.id")
public class ChecklistEvent {

    static final String OF_INCIDENT = "ChecklistEvent.ofIncident";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "incident_id", nullable = false, updatable = false)
    private Long incidentId;
    @Column(name = "item_key", nullable = false, updatable = false)
    private String itemKey;
    @Column(updatable = false)
    private Boolean done;
    @Column(updatable = false)
    private String note;
    @Column(name = "not_applicable", nullable = false, updatable = false)
    private boolean notApplicable;
    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    protected ChecklistEvent() {
    }

    ChecklistEvent(long incidentId, String itemKey, Boolean done, String note, String by, Instant now) {
        this(incidentId, itemKey, done, false, note, by, now);
    }

    ChecklistEvent(long incidentId, String itemKey, Boolean done, boolean notApplicable, String note, String by,
                   Instant now) {
        this.incidentId = incidentId;
        this.notApplicable = notApplicable;
        this.itemKey = itemKey;
        this.done = done;
        this.note = note;
        this.recordedBy = by;
        this.recordedAt = now;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("incidentId", incidentId);
        s.put("itemKey", itemKey);
        s.put("done", done);
        s.put("note", note);
        if (notApplicable) {
            s.put("notApplicable", true);
        }
        s.put("recordedAt", recordedAt);
        s.put("recordedBy", recordedBy);
        return s;
    }

    public String getItemKey() {
        return itemKey;
    }

    public Boolean getDone() {
        return done;
    }

    /** The item does not apply to the incident; the note says why. */
    public boolean isNotApplicable() {
        return notApplicable;
    }

    public String getNote() {
        return note;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getRecordedBy() {
        return recordedBy;
    }
}
