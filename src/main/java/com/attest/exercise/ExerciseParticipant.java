package com.attest.exercise;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of an exercise's attendance. Written once; a draft edit withdraws it and adds its replacement. */
@Entity
@Table(name = "exercise_participant")
public class ExerciseParticipant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "exercise_id", nullable = false, updatable = false)
    private Long exerciseId;
    @Column(nullable = false, updatable = false)
    private int position;
    @Column(updatable = false)
    private String username;
    @Column(name = "external_name", updatable = false)
    private String externalName;
    @Column(nullable = false, updatable = false)
    private String role;
    @Column(nullable = false, updatable = false)
    private boolean attended;
    @Column(nullable = false)
    private boolean withdrawn;

    protected ExerciseParticipant() {
    }

    ExerciseParticipant(long exerciseId, int position, ExerciseForm.Attendee a) {
        this.exerciseId = exerciseId;
        this.position = position;
        this.username = a.username();
        this.externalName = a.username() == null ? a.externalName() : null;
        this.role = a.role();
        this.attended = a.attended();
    }

    void withdraw() {
        withdrawn = true;
    }

    public ExerciseForm.Attendee attendee() {
        return new ExerciseForm.Attendee(username, externalName, role, attended);
    }

    Map<String, Object> content() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("username", username);
        s.put("externalName", externalName);
        s.put("role", role);
        s.put("attended", attended);
        return s;
    }

    /** Who, as a person reads it: the username or the outside person's name. */
    public String getName() { return username != null ? username : externalName; }
    public Long getId() { return id; }
    public int getPosition() { return position; }
    public String getUsername() { return username; }
    public String getExternalName() { return externalName; }
    public String getRole() { return role; }
    public boolean isAttended() { return attended; }
    public boolean isWithdrawn() { return withdrawn; }
}
