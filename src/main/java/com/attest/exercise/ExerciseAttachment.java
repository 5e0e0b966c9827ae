package com.attest.exercise;

import com.attest.runbook.FileKind;
import com.attest.runbook.StoredFile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** A report file of an exercise (the write-up, slides, sign-in sheet), with its SHA-256. Append-only. */
@Entity
@Table(name = "exercise_attachment")
public class ExerciseAttachment extends StoredFile {

    @Column(name = "exercise_id", nullable = false, updatable = false)
    private Long exerciseId;

    protected ExerciseAttachment() {
    }

    ExerciseAttachment(long exerciseId, String filename, FileKind kind, byte[] body, String sha256, String by,
                       Instant now) {
        super(filename, kind, body, sha256, by, now);
        this.exerciseId = exerciseId;
    }

    public Map<String, Object> snapshot() {
        return snapshot("exerciseId", exerciseId);
    }

    public Long getExerciseId() { return exerciseId; }
}
