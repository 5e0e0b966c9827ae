package com.attest.exercise.web;

import com.attest.actionitem.ActionItem;
import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseAttachment;
import com.attest.exercise.ExerciseForm;
import com.attest.exercise.ExerciseService;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import com.attest.runbook.DocumentVersion;
import com.attest.runbook.FileKind;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One exercise: responders and the compliance lead edit the draft (attendance, timeline, findings, action items,
 * report files); a compliance lead who did not facilitate it signs it off; afterwards only action items move on.
 */
@Named
@ViewScoped
public class ExerciseBacking implements Serializable {

    /** A row of any of the page's lists, as the form edits it. */
    public static final class Row implements Serializable {
        private Long id;
        private String name;
        private String externalName;
        private String text;
        private LocalDate dueOn;
        private boolean attended = true;
        private ActionItem.Status status = ActionItem.Status.OPEN;

        public Long getId() { return id; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getExternalName() { return externalName; }
        public void setExternalName(String externalName) { this.externalName = externalName; }
        public String getText() { return text; }
        public void setText(String text) { this.text = text; }
        public LocalDate getDueOn() { return dueOn; }
        public void setDueOn(LocalDate dueOn) { this.dueOn = dueOn; }
        public boolean isAttended() { return attended; }
        public void setAttended(boolean attended) { this.attended = attended; }
        public ActionItem.Status getStatus() { return status; }
        public void setStatus(ActionItem.Status status) { this.status = status; }
    }

    @Inject
    private ExerciseService exercises;

    @Inject
    private Caller caller;

    private Long id;
    private Exercise exercise;
    private LocalDateTime heldAt;
    private Exercise.Kind kind;
    private String title;
    private String scenario;
    private String facilitator;
    private Long runbookVersion;
    /** Attendance: name = portal user, externalName = someone from outside, text = their part. */
    private List<Row> attendance;
    /** Timeline: name = the time or offset, text = what happened. */
    private List<Row> timeline;
    private List<Row> findings;
    /** Action items: text = what, name = owner. */
    private List<Row> items;
    private transient Part file;

    public void load() throws IOException {
        exercise = id == null ? null : exercises.find(id).orElse(null);
        if (exercise == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such exercise");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        read();
    }

    private void read() {
        exercise = exercises.find(id).orElseThrow();
        heldAt = LocalDateTime.ofInstant(exercise.getHeldAt(), exercises.zone());
        kind = exercise.getKind();
        title = exercise.getTitle();
        scenario = exercise.getScenario();
        facilitator = exercise.getFacilitator();
        runbookVersion = exercise.getRunbookVersionId();
        attendance = new ArrayList<>(exercises.participants(exercise).stream().map(p -> row(null, p.getUsername(),
                p.getExternalName(), p.getRole(), p.isAttended())).toList());
        timeline = new ArrayList<>(exercises.timeline(exercise).stream().map(t -> row(null, t.getAt(), null,
                t.getText(), false)).toList());
        findings = new ArrayList<>(exercises.findings(exercise).stream().map(f -> row(null, null, null, f.getText(),
                false)).toList());
        items = new ArrayList<>();
        for (ActionItem i : exercises.items(exercise)) {
            Row r = row(i.getId(), i.getOwner(), null, i.getDescription(), false);
            r.dueOn = i.getDueOn();
            r.status = i.getStatus();
            items.add(r);
        }
    }

    private static Row row(Long id, String name, String externalName, String text, boolean attended) {
        Row r = new Row();
        r.id = id;
        r.name = name;
        r.externalName = externalName;
        r.text = text;
        r.attended = attended;
        return r;
    }

    private ExerciseForm form() {
        return new ExerciseForm(heldAt == null ? null : heldAt.atZone(exercises.zone()).toInstant(), kind, title,
                scenario, runbookVersion, facilitator,
                attendance.stream().map(r -> new ExerciseForm.Attendee(r.name, r.externalName, r.text, r.attended))
                        .toList(),
                timeline.stream().map(r -> new ExerciseForm.TimelineLine(r.name, r.text)).toList(),
                findings.stream().map(r -> r.text).toList(),
                items.stream().map(r -> new ActionItem.Item(null, r.text, r.name, r.dueOn, r.status)).toList());
    }

    public void save() {
        try {
            exercises.save(id, exercise.getVersion(), form());
            Forms.info("exercise.saved");
            read();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "exerciseForm");
        }
    }

    public void signOff() {
        try {
            exercises.signOff(id, exercise.getVersion());
            Forms.info("exercise.signedOffInfo");
            read();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "exerciseForm");
        }
    }

    public void attach() throws IOException {
        try {
            byte[] body;
            try (InputStream in = file == null ? InputStream.nullInputStream() : file.getInputStream()) {
                body = in.readNBytes(FileKind.MAX_BYTES + 1);
            }
            ExerciseAttachment a = exercises.attach(id, file == null ? null : file.getSubmittedFileName(), body);
            Forms.info("exercise.attached", a.getFilename());
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "attachForm");
        }
        read();
    }

    public void move(Row row) {
        try {
            exercises.move(row.id, row.status);
            Forms.info("exercise.itemMoved");
            read();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "itemsForm");
        }
    }

    public void add(List<Row> rows) {
        rows.add(new Row());
    }

    public void remove(List<Row> rows, Row row) {
        rows.remove(row);
    }

    public boolean isEditable() {
        return exercise.isDraft() && (caller.hasRole(Role.RESPONDER) || caller.hasRole(Role.COMPLIANCE_LEAD));
    }

    public boolean isMaySignOff() {
        return exercise.isDraft() && caller.hasRole(Role.COMPLIANCE_LEAD);
    }

    public boolean isMayMoveItems() {
        return !exercise.isDraft() && (caller.hasRole(Role.RESPONDER) || caller.hasRole(Role.COMPLIANCE_LEAD));
    }

    /** "v3 · 1a2b3c4 (approved)": a runbook version as the page names it. */
    static String label(DocumentVersion v) {
        return "v" + v.getNumber() + " · " + v.getCommitId().substring(0, Math.min(7, v.getCommitId().length()))
                + " (" + v.getState().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }

    public String versionLabel(DocumentVersion v) {
        return label(v);
    }

    public List<DocumentVersion> getRunbookVersions() {
        return exercises.runbookVersions();
    }

    public String getRunbookLabel() {
        return exercises.runbookVersion(exercise).map(ExerciseBacking::label).orElse("—");
    }

    public String getRunbookCommit() {
        return exercises.runbookVersion(exercise).map(DocumentVersion::getCommitId).orElse(null);
    }

    public List<String> getPeople() {
        return exercises.people();
    }

    public List<ExerciseAttachment> getAttachments() {
        return exercises.attachments(exercise);
    }

    public Exercise.Kind[] getKinds() {
        return Exercise.Kind.values();
    }

    public ActionItem.Status[] getStatuses() {
        return ActionItem.Status.values();
    }

    public String getZone() { return exercises.zone().getId(); }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Exercise getExercise() { return exercise; }
    public List<Row> getAttendance() { return attendance; }
    public List<Row> getTimeline() { return timeline; }
    public List<Row> getFindings() { return findings; }
    public List<Row> getItems() { return items; }
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
    public Part getFile() { return file; }
    public void setFile(Part file) { this.file = file; }
}
