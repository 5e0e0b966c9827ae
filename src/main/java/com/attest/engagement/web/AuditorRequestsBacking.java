package com.attest.engagement.web;

import com.attest.engagement.AuditorRequest;
import com.attest.engagement.AuditorRequestService;
import com.attest.engagement.Engagement;
import com.attest.platform.web.Forms;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** The engagement page's request list: the requests with their states, exports, and an auditor filing one. */
@Named
@ViewScoped
public class AuditorRequestsBacking implements Serializable {

    @Inject
    private AuditorRequestService requests;

    @Inject
    private EngagementBacking page;

    private transient List<AuditorRequest> list = List.of();
    private String title;
    private String text;
    private String incident;
    private String control;
    private LocalDate due;

    public void load() {
        Engagement e = page.getEngagement();
        list = e == null ? List.of() : requests.of(e);
    }

    public void file() {
        AuditorRequest r = requests.file(page.getEngagement().getId(), title, text, incident, control, due);
        Forms.info("request.filed", r.getId(), r.getTitle());
        title = null;
        text = null;
        incident = null;
        control = null;
        due = null;
        load();
    }

    public String export(String format) {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
                + "/api/requests/engagement/" + page.getEngagement().getId() + "." + format;
    }

    public List<AuditorRequest> getList() { return list; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getIncident() { return incident; }
    public void setIncident(String incident) { this.incident = incident; }
    public String getControl() { return control; }
    public void setControl(String control) { this.control = control; }
    public LocalDate getDue() { return due; }
    public void setDue(LocalDate due) { this.due = due; }
}
