package com.attest.exercise.web;

import com.attest.actionitem.ActionItem;
import com.attest.actionitem.ActionItemRow;
import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseAttachment;
import com.attest.exercise.ExerciseService;
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
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * One exercise: responders and the compliance lead edit the draft (attendance, timeline, findings, action items,
 * report files); a compliance lead who did not facilitate it signs it off; afterwards only action items move on.
 */
@Named
@ViewScoped
public class ExerciseBacking implements Serializable {

    @Inject
    private ExerciseService exercises;

    @Inject
    private Caller caller;

    private Long id;
    private Exercise exercise;
    private ExerciseFields fields;
    private ZoneId zone;
    private transient List<DocumentVersion> runbookVersions;
    private transient DocumentVersion runbookVersion;
    private List<String> people;
    private transient List<ExerciseAttachment> attachments;
    private transient Part file;

    public void load() throws IOException {
        exercise = id == null ? null : exercises.find(id).orElse(null);
        if (exercise == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such exercise");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        zone = exercises.zone();
        runbookVersions = exercises.runbookVersions();
        people = exercises.people();
        read();
    }

    private void read() {
        exercise = exercises.find(id).orElseThrow();
        fields = ExerciseFields.of(exercise, exercises.participants(exercise), exercises.timeline(exercise),
                exercises.findings(exercise), exercises.items(exercise), zone);
        runbookVersion = exercises.runbookVersion(exercise).orElse(null);
        attachments = exercises.attachments(exercise);
    }

    public void save() {
        exercises.save(id, exercise.getVersion(), fields.form(zone));
        Forms.info("exercise.saved");
        read();
    }

    public void signOff() {
        exercises.signOff(id, exercise.getVersion());
        Forms.info("exercise.signedOffInfo");
        read();
    }

    public void attach() throws IOException {
        try {
            byte[] body;
            try (InputStream in = file == null ? InputStream.nullInputStream() : file.getInputStream()) {
                body = in.readNBytes(FileKind.MAX_BYTES + 1);
            }
            ExerciseAttachment a = exercises.attach(id, file == null ? null : file.getSubmittedFileName(), body);
            Forms.info("exercise.attached", a.getFilename());
        } finally {
            read();
        }
    }

    public void move(ActionItemRow row) {
        exercises.move(row.getId(), row.getStatus());
        Forms.info("exercise.itemMoved");
        read();
    }

    public void addAttendee() {
        fields.getAttendance().add(new ExerciseFields.Attendee());
    }

    public void addLine() {
        fields.getTimeline().add(new ExerciseFields.Line());
    }

    public void addFinding() {
        fields.getFindings().add(new ExerciseFields.Finding());
    }

    public void addItem() {
        fields.getItems().add(new ActionItemRow());
    }

    public void remove(List<?> rows, Object row) {
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
                + " (" + v.getState().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    }

    public String versionLabel(DocumentVersion v) {
        return label(v);
    }

    public List<DocumentVersion> getRunbookVersions() {
        return runbookVersions;
    }

    public String getRunbookLabel() {
        return runbookVersion == null ? "—" : label(runbookVersion);
    }

    public String getRunbookCommit() {
        return runbookVersion == null ? null : runbookVersion.getCommitId();
    }

    public List<String> getPeople() {
        return people;
    }

    public List<ExerciseAttachment> getAttachments() {
        return attachments;
    }

    public Exercise.Kind[] getKinds() {
        return Exercise.Kind.values();
    }

    public ActionItem.Status[] getStatuses() {
        return ActionItem.Status.values();
    }

    public String getZone() { return zone.getId(); }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Exercise getExercise() { return exercise; }
    public ExerciseFields getFields() { return fields; }
    public Part getFile() { return file; }
    public void setFile(Part file) { this.file = file; }
}
