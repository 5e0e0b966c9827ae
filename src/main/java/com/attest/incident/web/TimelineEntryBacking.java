package com.attest.incident.web;

import com.attest.incident.IncidentService;
import com.attest.incident.Milestone;
import com.attest.incident.TimelineService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import com.attest.platform.InvalidInput;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;

/** The incident page's timeline form: a responder's own entry, or a correction of an earlier one. */
@Named
@ViewScoped
public class TimelineEntryBacking implements Serializable {

    @Inject
    private IncidentBacking page;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    private LocalDateTime entryAt;
    private String entryText;
    private Milestone entryMilestone;
    private Long corrects;

    @PostConstruct
    void init() {
        entryAt = page.now();
    }

    public void addEntry() {
        Long correctsId = null;
        if (corrects != null) {
            correctsId = page.entryId(corrects);
            if (correctsId == null) {
                InvalidInput.Collector errors = new InvalidInput.Collector();
                errors.add("corrects", "There is no entry " + corrects + " on this incident's timeline.");
                errors.throwIfAny();
            }
        }
        Long target = correctsId;
        java.util.concurrent.atomic.AtomicReference<Long> added = new java.util.concurrent.atomic.AtomicReference<>();
        page.act(() -> added.set(timelines.addEntry(page.getRef(), page.instant(entryAt), entryText, entryMilestone,
                        target).getId()), target == null ? "incident.entryAdded" : "incident.entryCorrected",
                () -> new Object[]{page.numberOf(added.get()), page.getRef(), corrects});
        entryAt = page.now();
        entryText = null;
        entryMilestone = null;
        corrects = null;
    }

    public Milestone[] getMilestones() {
        return Milestone.values();
    }

    public LocalDateTime getEntryAt() {
        return entryAt;
    }

    public void setEntryAt(LocalDateTime entryAt) {
        this.entryAt = entryAt;
    }

    public String getEntryText() {
        return entryText;
    }

    public void setEntryText(String entryText) {
        this.entryText = entryText;
    }

    public Milestone getEntryMilestone() {
        return entryMilestone;
    }

    public void setEntryMilestone(Milestone entryMilestone) {
        this.entryMilestone = entryMilestone;
    }

    public Long getCorrects() {
        return corrects;
    }

    public void setCorrects(Long corrects) {
        this.corrects = corrects;
    }
}
