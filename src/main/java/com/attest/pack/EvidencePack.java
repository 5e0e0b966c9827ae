package com.attest.pack;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evidence pack asked for by the compliance lead. Its life: queued when asked for, running in the background,
 * then finished (its signed PDF and ZIP kept with their hashes), cancelled or failed — and fixed from then on. What
 * it covers and the control-health gaps at the time it was asked for never change. The files themselves are read
 * and written by {@link EvidencePackService}, so listing packs never loads them.
 */
@Entity
@Table(name = "evidence_pack")
public class EvidencePack implements Audited, Serializable {

    /** Where a pack is in its life. */
    public enum State {
        QUEUED, RUNNING, FINISHED, CANCELLED, FAILED;

        public boolean open() {
            return this == QUEUED || this == RUNNING;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, updatable = false)
    private String kind;
    @Column(nullable = false, updatable = false)
    private String title;
    @Column(name = "period_from", nullable = false, updatable = false)
    private LocalDate periodFrom;
    @Column(name = "period_to", nullable = false, updatable = false)
    private LocalDate periodTo;
    @Column(name = "incident_reference", updatable = false)
    private String incidentReference;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;
    @Column(nullable = false)
    private int progress;
    private String stage;
    @Column(nullable = false, updatable = false)
    private String gaps;
    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;
    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "cancelled_by")
    private String cancelledBy;
    private String error;
    private Integer incidents;
    private Integer pages;
    private Integer artefacts;
    @Column(name = "evidence_items")
    private Integer evidenceItems;
    @Column(name = "pdf_sha256")
    private String pdfSha256;
    @Column(name = "zip_sha256")
    private String zipSha256;
    @Column(name = "content_sha256")
    private String contentSha256;
    @Column(name = "pdf_size")
    private Long pdfSize;
    @Column(name = "zip_size")
    private Long zipSize;
    private String signer;
    @Version
    private long version;

    protected EvidencePack() {
    }

    EvidencePack(PackDefinition definition, LocalDate from, LocalDate to, String incidentReference, String gaps,
                 String requestedBy, Instant at) {
        this.kind = definition.kind();
        this.title = definition.title();
        this.periodFrom = from;
        this.periodTo = to;
        this.incidentReference = incidentReference;
        this.state = State.QUEUED;
        this.stage = "Queued";
        this.gaps = gaps;
        this.requestedBy = requestedBy;
        this.requestedAt = at;
    }

    void cancel(String by, Instant at) {
        if (!state.open()) {
            throw new IllegalStateException("Pack " + id + " is " + state + ".");
        }
        state = State.CANCELLED;
        stage = "Cancelled";
        cancelledBy = by;
        finishedAt = at;
    }

    @Override
    public String auditType() {
        return EvidencePackService.ENTITY;
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("kind", kind);
        s.put("title", title);
        s.put("from", periodFrom);
        s.put("to", periodTo);
        s.put("incident", incidentReference);
        s.put("state", state);
        s.put("progress", progress);
        s.put("stage", stage);
        s.put("requestedBy", requestedBy);
        s.put("requestedAt", requestedAt);
        s.put("startedAt", startedAt);
        s.put("finishedAt", finishedAt);
        s.put("cancelledBy", cancelledBy);
        s.put("error", error);
        s.put("incidents", incidents);
        s.put("pages", pages);
        s.put("artefacts", artefacts);
        s.put("evidenceItems", evidenceItems);
        s.put("pdfSha256", pdfSha256);
        s.put("zipSha256", zipSha256);
        s.put("contentSha256", contentSha256);
        s.put("pdfSize", pdfSize);
        s.put("zipSize", zipSize);
        s.put("signer", signer);
        return s;
    }

    public Long getId() { return id; }
    public String getKind() { return kind; }
    public String getTitle() { return title; }
    public LocalDate getPeriodFrom() { return periodFrom; }
    public LocalDate getPeriodTo() { return periodTo; }
    public String getIncidentReference() { return incidentReference; }
    public State getState() { return state; }
    public int getProgress() { return progress; }
    public String getStage() { return stage; }
    public String getGaps() { return gaps; }
    public String getRequestedBy() { return requestedBy; }
    public Instant getRequestedAt() { return requestedAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public String getCancelledBy() { return cancelledBy; }
    public String getError() { return error; }
    public Integer getIncidents() { return incidents; }
    public Integer getPages() { return pages; }
    public Integer getArtefacts() { return artefacts; }
    public Integer getEvidenceItems() { return evidenceItems; }
    public String getPdfSha256() { return pdfSha256; }
    public String getZipSha256() { return zipSha256; }
    public String getContentSha256() { return contentSha256; }
    public Long getPdfSize() { return pdfSize; }
    public Long getZipSize() { return zipSize; }
    public String getSigner() { return signer; }
    public long getVersion() { return version; }
}
