package com.attest.evidence;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One collection of Azure evidence: one kind (Defender for Cloud alerts, Sentinel incidents with their timelines,
 * Logic App runs), one scope (a subscription, a Sentinel workspace, a workflow) and one period of days. Its pages are
 * kept verbatim beside it ({@code azure_collection_page}), written with its success in one transaction.
 */
@Entity
@Table(name = "azure_collection")
public class AzureCollection implements Audited {

    /** What is collected, and under which row of the evidence table it is registered. */
    public enum Kind {
        DEFENDER_ALERTS("ALERT", "Defender for Cloud alert history"),
        SENTINEL_INCIDENTS("INCIDENT", "Sentinel incident list and timelines"),
        PLAYBOOK_RUNS("ACTION_RUN", "Logic App playbook run history");

        private final String evidenceType;
        private final String label;

        Kind(String evidenceType, String label) {
            this.evidenceType = evidenceType;
            this.label = label;
        }

        public String evidenceType() {
            return evidenceType;
        }

        public String getLabel() {
            return label;
        }
    }

    public enum State { PENDING, RUNNING, SUCCEEDED, FAILED }

    public enum Trigger { NIGHTLY, ON_DEMAND }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Kind kind;
    @Column(nullable = false, updatable = false)
    private String scope;
    @Column(name = "scope_label", nullable = false, updatable = false)
    private String scopeLabel;
    @Column(name = "period_from", nullable = false, updatable = false)
    private LocalDate periodFrom;
    @Column(name = "period_to", nullable = false, updatable = false)
    private LocalDate periodTo;
    @Column(name = "time_from", nullable = false, updatable = false)
    private Instant timeFrom;
    @Column(name = "time_to", nullable = false, updatable = false)
    private Instant timeTo;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Trigger trigger;
    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;
    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state = State.PENDING;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "api_version", nullable = false, updatable = false)
    private String apiVersion;
    @Column(nullable = false)
    private int pages;
    @Column(nullable = false)
    private int records;
    private String error;
    @Version
    private long version;

    protected AzureCollection() {
    }

    AzureCollection(Kind kind, String scope, String scopeLabel, LocalDate from, LocalDate to, Instant timeFrom,
                    Instant timeTo, Trigger trigger, String by, Instant now, String apiVersion) {
        this.kind = kind;
        this.scope = scope;
        this.scopeLabel = scopeLabel.length() > 200 ? scopeLabel.substring(0, 200) : scopeLabel;
        this.periodFrom = from;
        this.periodTo = to;
        this.timeFrom = timeFrom;
        this.timeTo = timeTo;
        this.trigger = trigger;
        this.requestedBy = by;
        this.requestedAt = now;
        this.apiVersion = apiVersion;
    }

    void succeeded(int pages, int records, Instant at) {
        this.state = State.SUCCEEDED;
        this.pages = pages;
        this.records = records;
        this.finishedAt = at;
        this.leaseUntil = null;
        this.error = null;
    }

    void failed(String error, Instant at) {
        this.state = State.FAILED;
        this.error = error.length() > 2000 ? error.substring(0, 1999) + "…" : error;
        this.finishedAt = at;
        this.leaseUntil = null;
    }

    @Override
    public String auditType() {
        return "AzureCollection";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", kind);
        s.put("scope", scope);
        s.put("periodFrom", periodFrom == null ? null : periodFrom.toString());
        s.put("periodTo", periodTo == null ? null : periodTo.toString());
        s.put("trigger", trigger);
        s.put("requestedBy", requestedBy);
        s.put("state", state);
        s.put("attempts", attempts);
        s.put("apiVersion", apiVersion);
        s.put("pages", pages);
        s.put("records", records);
        s.put("error", error);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Kind getKind() {
        return kind;
    }

    public String getScope() {
        return scope;
    }

    public String getScopeLabel() {
        return scopeLabel;
    }

    public LocalDate getPeriodFrom() {
        return periodFrom;
    }

    public LocalDate getPeriodTo() {
        return periodTo;
    }

    public Instant getTimeFrom() {
        return timeFrom;
    }

    public Instant getTimeTo() {
        return timeTo;
    }

    public Trigger getTrigger() {
        return trigger;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public State getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public int getPages() {
        return pages;
    }

    public int getRecords() {
        return records;
    }

    public String getError() {
        return error;
    }
}
