package com.attest.exercise;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An action item an exercise raised: what, who, by when. Written once (a draft edit withdraws it and adds its
 * replacement); its status moves on, also after sign-off.
 */
@Entity
@Table(name = "exercise_action_item")
public class ExerciseActionItem {

    public enum Status { OPEN, IN_PROGRESS, DONE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "exercise_id", nullable = false, updatable = false)
    private Long exerciseId;
    @Column(nullable = false, updatable = false)
    private int position;
    @Column(nullable = false, updatable = false)
    private String description;
    @Column(updatable = false)
    private String owner;
    @Column(name = "due_on", updatable = false)
    private LocalDate dueOn;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Column(nullable = false)
    private boolean withdrawn;

    protected ExerciseActionItem() {
    }

    ExerciseActionItem(long exerciseId, int position, ExerciseForm.Item item, String by, Instant now) {
        this.exerciseId = exerciseId;
        this.position = position;
        this.description = item.description();
        this.owner = item.owner();
        this.dueOn = item.dueOn();
        this.status = item.status() == null ? Status.OPEN : item.status();
        this.updatedAt = now;
        this.updatedBy = by;
    }

    void move(Status to, String by, Instant now) {
        this.status = to;
        this.updatedAt = now;
        this.updatedBy = by;
    }

    void withdraw() {
        withdrawn = true;
    }

    public ExerciseForm.Item item() {
        return new ExerciseForm.Item(description, owner, dueOn, status);
    }

    /** What the sign-off's hash covers: not the status, which moves on. */
    Map<String, Object> content() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", description);
        s.put("owner", owner);
        s.put("dueOn", dueOn == null ? null : dueOn.toString());
        return s;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = content();
        s.put("id", id);
        s.put("status", status.name());
        return s;
    }

    public Long getId() { return id; }
    public Long getExerciseId() { return exerciseId; }
    public int getPosition() { return position; }
    public String getDescription() { return description; }
    public String getOwner() { return owner; }
    public LocalDate getDueOn() { return dueOn; }
    public Status getStatus() { return status; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
    public boolean isWithdrawn() { return withdrawn; }
}
