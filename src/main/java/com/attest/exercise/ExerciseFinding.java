package com.attest.exercise;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One finding of an exercise. Written once, withdrawn by a draft edit. */
@Entity
@Table(name = "exercise_finding")
public class ExerciseFinding {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "exercise_id", nullable = false, updatable = false)
    private Long exerciseId;
    @Column(nullable = false, updatable = false)
    private int position;
    @Column(nullable = false, updatable = false)
    private String text;
    @Column(nullable = false)
    private boolean withdrawn;

    protected ExerciseFinding() {
    }

    ExerciseFinding(long exerciseId, int position, String text) {
        this.exerciseId = exerciseId;
        this.position = position;
        this.text = text;
    }

    void withdraw() {
        withdrawn = true;
    }

    public Long getId() { return id; }
    public int getPosition() { return position; }
    public String getText() { return text; }
    public boolean isWithdrawn() { return withdrawn; }
}
