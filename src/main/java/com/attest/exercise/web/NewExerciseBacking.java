package com.attest.exercise.web;

import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseForm;
import com.attest.exercise.ExerciseService;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import com.attest.runbook.DocumentVersion;
import com.attest.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;

/** Recording an exercise that was held: what, when, who facilitated, which runbook version; the rest on its page. */
@Named
@ViewScoped
public class NewExerciseBacking implements Serializable {

    @Inject
    private ExerciseService exercises;

    @Inject
    private Caller caller;

    private LocalDateTime heldAt;
    private Exercise.Kind kind;
    private String title;
    private String scenario;
    private String facilitator;
    private Long runbookVersion;

    @PostConstruct
    void init() {
        facilitator = caller.name();
    }

    public String record() {
        try {
            Exercise exercise = exercises.record(new ExerciseForm(
                    heldAt == null ? null : heldAt.atZone(exercises.zone()).toInstant(), kind, title, scenario,
                    runbookVersion, facilitator, null, null, null, null));
            Forms.info("exercise.recorded");
            return "/exercises/view?faces-redirect=true&id=" + exercise.getId();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "exerciseForm");
            return null;
        }
    }

    public List<DocumentVersion> getRunbookVersions() {
        return exercises.runbookVersions();
    }

    public List<String> getPeople() {
        return exercises.people();
    }

    public Exercise.Kind[] getKinds() {
        return Exercise.Kind.values();
    }

    public String versionLabel(DocumentVersion v) {
        return ExerciseBacking.label(v);
    }

    public String getZone() { return exercises.zone().getId(); }
    public LocalDateTime getHeldAt() { return heldAt; }
    public void setHeldAt(LocalDateTime heldAt) { this.heldAt = heldAt; }
    public Exercise.Kind getKind() { return kind; }
    public void setKind(Exercise.Kind kind) { this.kind = kind; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getScenario() { return scenario; }
    public void setScenario(String scenario) { this.scenario = scenario; }
    public String getFacilitator() { return facilitator; }
    public void setFacilitator(String facilitator) { this.facilitator = facilitator; }
    public Long getRunbookVersion() { return runbookVersion; }
    public void setRunbookVersion(Long runbookVersion) { this.runbookVersion = runbookVersion; }
}
