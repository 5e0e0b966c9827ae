package com.attest.intake.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.intake.Alert;
import com.attest.intake.AlertPayload;
import com.attest.intake.AlertService;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;

/** One alert payload, shown exactly as delivered. */
@Named
@ViewScoped
public class PayloadBacking implements Serializable {

    @Inject
    private AlertService alerts;

    @Inject
    private IncidentService incidents;

    private Long id;
    private AlertPayload payload;
    private Alert alert;
    private String reference;

    public void load() throws IOException {
        payload = id == null ? null : alerts.payload(id).orElse(null);
        if (payload == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such payload");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        alert = alerts.alert(payload.getAlertId()).orElseThrow();
        reference = alert.getIncidentId() == null ? null : incidentReference(alert.getIncidentId());
    }

    private String incidentReference(long incidentId) {
        return incidents.byId(incidentId).map(Incident::getReference).orElse(null);
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public AlertPayload getPayload() {
        return payload;
    }

    public Alert getAlert() {
        return alert;
    }

    public String getReference() {
        return reference;
    }
}
