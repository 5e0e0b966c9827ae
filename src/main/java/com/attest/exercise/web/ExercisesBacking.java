package com.attest.exercise.web;

import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseSchedule;
import com.attest.exercise.ExerciseService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The exercises list, newest first, with the annual schedule; also the dashboard's exercise card. */
@Named
@RequestScoped
public class ExercisesBacking {

    @Inject
    private ExerciseService exercises;

    private List<Exercise> all;
    private ExerciseSchedule.Due schedule;
    private final Map<Long, String> versionLabels = new HashMap<>();
    private ZoneId zone;

    public List<Exercise> getAll() {
        if (all == null) {
            all = exercises.readable();
        }
        return all;
    }

    public ExerciseSchedule.Due getSchedule() {
        if (schedule == null) {
            schedule = exercises.schedule();
        }
        return schedule;
    }

    /** "v3 · 1a2b3c4" for the runbook version an exercise names, or a dash (each version read once). */
    public String runbookVersion(Exercise exercise) {
        return versionLabels.computeIfAbsent(exercise.getRunbookVersionId() == null ? 0L
                : exercise.getRunbookVersionId(), v -> exercises.runbookVersion(exercise)
                .map(ExerciseBacking::label).orElse("—"));
    }

    /** The day an exercise was held, in the organisation's time zone. */
    public LocalDateTime held(Exercise exercise) {
        if (zone == null) {
            zone = exercises.zone();
        }
        return LocalDateTime.ofInstant(exercise.getHeldAt(), zone);
    }
}
