package com.attest.runbook.web;

import com.attest.incident.IncidentService;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import com.attest.runbook.Phase;
import com.attest.runbook.WalkthroughService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The runbook checklist on an incident page: tick, reopen and annotate its items. */
@Named
@ViewScoped
public class IncidentRunbookBacking implements Serializable {

    @Inject
    private IncidentService incidents;

    @Inject
    private WalkthroughService walkthroughs;

    private String ref;
    private transient WalkthroughService.Checklist checklist;
    private transient Object readIn;
    private String noteKey;
    private String note;
    private transient jakarta.servlet.http.Part file;

    @PostConstruct
    void load() {
        ref = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("ref");
    }

    /** Read again on every request: a declaration made on this page pins the runbook. */
    private void refresh() {
        checklist = incidents.find(ref).flatMap(walkthroughs::checklist).orElse(null);
        readIn = FacesContext.getCurrentInstance();
    }

    public void tick(String key, boolean done) throws java.io.IOException {
        try {
            walkthroughs.tick(ref, key, done, null);
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "runbookForm");
        }
        refresh();
    }

    public void annotate() throws java.io.IOException {
        try {
            walkthroughs.annotate(ref, noteKey, note);
            note = null;
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "runbookForm");
        }
        refresh();
    }

    public void attach() throws java.io.IOException {
        try {
            byte[] body;
            try (java.io.InputStream in = file == null ? java.io.InputStream.nullInputStream() : file.getInputStream()) {
                body = in.readNBytes(WalkthroughService.MAX_ATTACHMENT_BYTES + 1);
            }
            walkthroughs.attach(ref, noteKey, file == null ? null : file.getSubmittedFileName(), body);
            Forms.info("walkthrough.attached", file.getSubmittedFileName());
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "attachForm");
        }
        refresh();
    }

    public java.util.List<com.attest.runbook.IncidentAttachment> getAttachments() {
        return incidents.find(ref).map(walkthroughs::attachments).orElse(java.util.List.of());
    }

    public jakarta.servlet.http.Part getFile() {
        return file;
    }

    public void setFile(jakarta.servlet.http.Part file) {
        this.file = file;
    }

    public Phase[] getPhases() {
        return Phase.values();
    }

    public WalkthroughService.Checklist getChecklist() {
        if (readIn != FacesContext.getCurrentInstance()) {
            refresh();
        }
        return checklist;
    }

    public String getNoteKey() {
        return noteKey;
    }

    public void setNoteKey(String noteKey) {
        this.noteKey = noteKey;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
