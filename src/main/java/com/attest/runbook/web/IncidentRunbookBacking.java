package com.attest.runbook.web;

import com.attest.incident.IncidentService;
import com.attest.incident.IncidentChanged;
import com.attest.platform.web.Forms;
import com.attest.runbook.IncidentAttachment;
import com.attest.runbook.Phase;
import com.attest.runbook.WalkthroughService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;

/**
 * The runbook checklist on an incident page: tick, mark not applicable, reopen and annotate its items, attach
 * evidence files (each for one item or for the incident as a whole). Read when
 * the page opens and again whenever the incident's timeline moves (declaring it pins the runbook; every tick writes
 * an entry), so the page's expressions only read what is loaded.
 */
@Named
@ViewScoped
public class IncidentRunbookBacking implements Serializable {

    @Inject
    private IncidentService incidents;

    @Inject
    private WalkthroughService walkthroughs;

    private String ref;
    private Long incidentId;
    private transient WalkthroughService.Checklist checklist;
    private transient List<IncidentAttachment> attachments = List.of();
    private String noteKey;
    private String note;
    private String attachKey;
    private transient Part file;

    @PostConstruct
    void load() {
        ref = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("ref");
        refresh();
    }

    private void refresh() {
        incidents.find(ref).ifPresent(incident -> {
            incidentId = incident.getId();
            checklist = walkthroughs.checklist(incident).orElse(null);
            attachments = walkthroughs.attachments(incident);
        });
    }

    void changed(@Observes(notifyObserver = Reception.IF_EXISTS, during = TransactionPhase.AFTER_SUCCESS)
                 IncidentChanged event) {
        if (incidentId != null && incidentId == event.incidentId()) {
            refresh();
        }
    }

    public void tick(String key, boolean done) {
        try {
            walkthroughs.tick(ref, key, done, null);
        } finally {
            refresh();
        }
    }

    public void annotate() {
        try {
            walkthroughs.annotate(ref, noteKey, note);
            note = null;
        } finally {
            refresh();
        }
    }

    /** Marks the chosen item not applicable to this incident, the note field saying why. */
    public void notApplicable() {
        try {
            walkthroughs.notApplicable(ref, noteKey, note);
            note = null;
        } finally {
            refresh();
        }
    }

    /**
     * Attaches the chosen file, tied to the item chosen beside it (or to none), then shows the incident's page again
     * at its own address (a plain form post would leave the address without the incident's reference).
     */
    public String attach() throws IOException {
        try {
            byte[] body;
            try (InputStream in = file == null ? InputStream.nullInputStream() : file.getInputStream()) {
                body = in.readNBytes(WalkthroughService.MAX_ATTACHMENT_BYTES + 1);
            }
            walkthroughs.attach(ref, attachKey == null || attachKey.isBlank() ? null : attachKey,
                    file == null ? null : file.getSubmittedFileName(), body);
            Forms.info("walkthrough.attached", file.getSubmittedFileName());
        } finally {
            refresh();
        }
        return "/incidents/view?faces-redirect=true&ref=" + java.net.URLEncoder.encode(ref,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    public String getAttachKey() {
        return attachKey;
    }

    public void setAttachKey(String attachKey) {
        this.attachKey = attachKey;
    }

    public List<IncidentAttachment> getAttachments() {
        return attachments;
    }

    /** The evidence files tied to one checklist item. */
    public List<IncidentAttachment> attachmentsOf(String itemKey) {
        return attachments.stream().filter(a -> itemKey.equals(a.getItemKey())).toList();
    }

    /** The text of the item an attachment is tied to, or null. */
    public String itemText(String itemKey) {
        return itemKey == null || checklist == null ? null : checklist.items().stream()
                .filter(i -> i.item().key().equals(itemKey)).map(i -> i.item().text()).findFirst().orElse(itemKey);
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public Phase[] getPhases() {
        return Phase.values();
    }

    public WalkthroughService.Checklist getChecklist() {
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
