package com.attest.exercise.web;

import com.attest.actionitem.ActionItem;
import com.attest.actionitem.ActionItemRow;
import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseFinding;
import com.attest.exercise.ExerciseForm;
import com.attest.exercise.ExerciseParticipant;
import com.attest.exercise.ExerciseTimelineEntry;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** An exercise as its pages edit it: its own fields and its lists, each row typed for what it holds. */
public class ExerciseFields implements Serializable {

    /** Someone who took part: a portal user or someone from outside, their part, whether they attended. */
    public static class Attendee implements Serializable {
        private String username;
        private String externalName;
        private String role;
        private boolean attended = true;

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getExternalName() { return externalName; }
        public void setExternalName(String externalName) { this.externalName = externalName; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
        public boolean isAttended() { return attended; }
        public void setAttended(boolean attended) { this.attended = attended; }
    }

    /** A line of the exercise's timeline: the time or offset, and what happened. */
    public static class Line implements Serializable {
        private String at;
        private String text;

        public String getAt() { return at; }
        public void setAt(String at) { this.at = at; }
        public String getText() { return text; }
        public void setText(String text) { this.text = text; }
    }

    /** What the exercise found. */
    public static class Finding implements Serializable {
        private String text;

        public String getText() { return text; }
        public void setText(String text) { this.text = text; }
    }

    private LocalDateTime heldAt;
    private Exercise.Kind kind;
    private String title;
    private String scenario;
    private String facilitator;
    private Long runbookVersion;
    private List<Attendee> attendance = new ArrayList<>();
    private List<Line> timeline = new ArrayList<>();
    private List<Finding> findings = new ArrayList<>();
    private List<ActionItemRow> items = new ArrayList<>();

    static ExerciseFields of(Exercise exercise, List<ExerciseParticipant> people, List<ExerciseTimelineEntry> lines,
                             List<ExerciseFinding> found, List<ActionItem> actionItems, ZoneId zone) {
        ExerciseFields f = new ExerciseFields();
        f.heldAt = LocalDateTime.ofInstant(exercise.getHeldAt(), zone);
        f.kind = exercise.getKind();
        f.title = exercise.getTitle();
        f.scenario = exercise.getScenario();
        f.facilitator = exercise.getFacilitator();
        f.runbookVersion = exercise.getRunbookVersionId();
        for (ExerciseParticipant p : people) {
            Attendee a = new Attendee();
            a.username = p.getUsername();
            a.externalName = p.getExternalName();
            a.role = p.getRole();
            a.attended = p.isAttended();
            f.attendance.add(a);
        }
        for (ExerciseTimelineEntry t : lines) {
            Line l = new Line();
            l.at = t.getAt();
            l.text = t.getText();
            f.timeline.add(l);
        }
        for (ExerciseFinding x : found) {
            Finding finding = new Finding();
            finding.text = x.getText();
            f.findings.add(finding);
        }
        f.items = ActionItemRow.of(actionItems);
        return f;
    }

    /** The form as the service takes it; the held-at time is read in {@code zone}. */
    ExerciseForm form(ZoneId zone) {
        return new ExerciseForm(heldAt == null ? null : heldAt.atZone(zone).toInstant(), kind, title, scenario,
                runbookVersion, facilitator,
                attendance.stream().map(a -> new ExerciseForm.Attendee(a.username, a.externalName, a.role,
                        a.attended)).toList(),
                timeline.stream().map(l -> new ExerciseForm.TimelineLine(l.at, l.text)).toList(),
                findings.stream().map(x -> x.text).toList(),
                items.stream().map(r -> new ActionItem.Item(null, r.getDescription(), r.getOwner(), r.getDueOn(),
                        r.getStatus())).toList());
    }

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
    public List<Attendee> getAttendance() { return attendance; }
    public List<Line> getTimeline() { return timeline; }
    public List<Finding> getFindings() { return findings; }
    public List<ActionItemRow> getItems() { return items; }
}
