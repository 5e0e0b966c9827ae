package com.attest.engagement.web;

import com.attest.engagement.AuditorRequest;
import com.attest.engagement.AuditorRequestMessage;
import com.attest.engagement.AuditorRequestService;
import com.attest.platform.web.Forms;
import com.attest.runbook.FileKind;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One auditor request: its thread with the evidence linked; the lead assigning it, the lead or the responder
 * assigned answering it (evidence item ids, a new file dated within the period, and/or words), the auditor accepting the answer or following up.
 */
@Named
@ViewScoped
public class AuditorRequestBacking implements Serializable {

    @Inject
    private AuditorRequestService requests;

    private Long id;
    private AuditorRequest request;
    private transient List<AuditorRequestMessage> thread = List.of();
    private String answer;
    private String evidence;
    private String assignee;
    private String followUp;
    private transient Part file;
    private LocalDate dated;

    public void load() throws IOException {
        request = id == null ? null : requests.visible(id).orElse(null);
        if (request == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such request");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        thread = requests.thread(request);
    }

    public void answer() throws IOException {
        List<AuditorRequestService.NewFile> files = new ArrayList<>();
        if (file != null && (file.getSize() > 0 || file.getSubmittedFileName() != null
                && !file.getSubmittedFileName().isBlank())) {
            try (InputStream in = file.getInputStream()) {
                files.add(new AuditorRequestService.NewFile(file.getSubmittedFileName(), in.readNBytes(
                        FileKind.MAX_BYTES + 1), dated));
            }
        }
        requests.answer(id, request.getVersion(), answer, ids(), files);
        Forms.info("request.answered");
        answer = null;
        evidence = null;
        dated = null;
        load();
    }

    public void assign() throws IOException {
        requests.assign(id, request.getVersion(), assignee);
        Forms.info("request.assigned", assignee);
        load();
    }

    public void accept() throws IOException {
        requests.accept(id, request.getVersion());
        Forms.info("request.accepted");
        load();
    }

    public void followUp() throws IOException {
        requests.followUp(id, request.getVersion(), followUp);
        Forms.info("request.followedUp");
        followUp = null;
        load();
    }

    /** The evidence item ids typed, separated by commas or spaces; what is not a number is refused by the service. */
    private List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        if (evidence == null) {
            return ids;
        }
        for (String part : Arrays.stream(evidence.split("[,\\s]+")).filter(s -> !s.isBlank()).toList()) {
            try {
                ids.add(Long.parseLong(part.replaceFirst("^#", "")));
            } catch (NumberFormatException e) {
                throw new com.attest.platform.InvalidInput("evidence", "\"" + part + "\" is not an evidence item"
                        + " number.");
            }
        }
        return ids;
    }

    public AuditorRequest getRequest() { return request; }
    public List<AuditorRequestMessage> getThread() { return thread; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getAnswer() { return answer; }
    public void setAnswer(String answer) { this.answer = answer; }
    public String getEvidence() { return evidence; }
    public void setEvidence(String evidence) { this.evidence = evidence; }
    public String getAssignee() { return assignee; }
    public void setAssignee(String assignee) { this.assignee = assignee; }
    public Part getFile() { return file; }
    public void setFile(Part file) { this.file = file; }
    public LocalDate getDated() { return dated; }
    public void setDated(LocalDate dated) { this.dated = dated; }
    public String getFollowUp() { return followUp; }
    public void setFollowUp(String followUp) { this.followUp = followUp; }
}
