package com.attest.incident.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.PrimeFaces;

/** The incident page's details dialog: what happened, to what and whom, and who owns it. */
@Named
@ViewScoped
public class IncidentDetailsBacking implements Serializable {

    @Inject
    private IncidentBacking page;

    @Inject
    private IncidentService incidents;

    private IncidentFields fields = new IncidentFields();
    private String owner;

    /** Fills the dialog from the incident as it now stands. */
    public void edit() {
        fields = IncidentFields.of(page.getIncident());
        owner = page.getIncident().getOwner();
    }

    public void save() {
        Incident i = page.getIncident();
        page.act(() -> incidents.describe(i.getReference(), i.getVersion(), fields.toForm(null, null, null), owner),
                "incident.detailsSaved", () -> new Object[]{i.getReference()});
        PrimeFaces.current().executeScript("PF('detailsDialog').hide()");
    }

    public IncidentFields getFields() {
        return fields;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }
}
