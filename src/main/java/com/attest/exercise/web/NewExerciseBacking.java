package com.attest.exercise.web;

import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseService;
import com.attest.platform.web.Forms;
import com.attest.runbook.DocumentVersion;
import com.attest.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/** Recording an exercise that was held: what, when, who facilitated, which runbook version; the rest on its page. */
@Named
@ViewScoped
public class NewExerciseBacking implements Serializable {

    @Inject
    private ExerciseService exercises;

    @Inject
    private Caller caller;

    private final ExerciseFields fields = new ExerciseFields();
    private ZoneId zone;
    private transient List<DocumentVersion> runbookVersions;
    private List<String> people;

    @PostConstruct
    void init() {
        fields.setFacilitator(caller.name());
        zone = exercises.zone();
        runbookVersions = exercises.runbookVersions();
        people = exercises.people();
    }

    public String record() {
        Exercise exercise = exercises.record(fields.form(zone));
        Forms.info("exercise.recorded");
        return "/exercises/view?faces-redirect=true&id=" + exercise.getId();
    }

    public List<DocumentVersion> getRunbookVersions() {
        return runbookVersions;
    }

    public List<String> getPeople() {
        return people;
    }

    public Exercise.Kind[] getKinds() {
        return Exercise.Kind.values();
    }

    public String versionLabel(DocumentVersion v) {
        return ExerciseBacking.label(v);
    }

    public String getZone() { return zone.getId(); }
    public ExerciseFields getFields() { return fields; }
}
