package com.attest.exercise;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/** One inject or event of an exercise, at a clock time or an offset. Written once, withdrawn by a draft edit. */
@Entity
@Table(name = "exercise_timeline_entry")
public class ExerciseTimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "exercise_id", nullable = false, updatable = false)
    private Long exerciseId;
    @Column(nullable = false, updatable = false)
    private int position;
    @Column(name = "at_text", nullable = false, updatable = false)
    private String at;
    @Column(nullable = false, updatable = false)
    private String text;
    @Column(nullable = false)
    private boolean withdrawn;

    protected ExerciseTimelineEntry() {
    }

    ExerciseTimelineEntry(long exerciseId, int position, ExerciseForm.TimelineLine line) {
        this.exerciseId = exerciseId;
        this.position = position;
        this.at = line.at();
        this.text = line.text();
    }

    void withdraw() {
        withdrawn = true;
    }

    public ExerciseForm.TimelineLine line() {
        return new ExerciseForm.TimelineLine(at, text);
    }

    Map<String, Object> content() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("at", at);
        s.put("text", text);
        return s;
    }

    public Long getId() { return id; }
    public int getPosition() { return position; }
    public String getAt() { return at; }
    public String getText() { return text; }
    public boolean isWithdrawn() { return withdrawn; }
}
