package com.attest.intake.web;

import com.attest.incident.IncidentService;
import com.attest.intake.Alert;
import com.attest.intake.AlertService;
import com.attest.oncall.Notification;
import com.attest.oncall.OutboxService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The alerts behind an incident, their verbatim payloads, and the on-call notifications it caused. */
@Named
@ViewScoped
public class IncidentAlertsBacking implements Serializable {

    @Inject
    private IncidentService incidents;

    @Inject
    private AlertService alerts;

    @Inject
    private OutboxService notifications;

    private List<Alert> alertList = List.of();
    private Long incidentId;
    /** AlertService's records are not serializable: read again when a failover brought the view to another node. */
    private transient List<AlertService.PayloadSummary> payloads = List.of();
    private List<Notification> notificationList = List.of();

    @PostConstruct
    void load() {
        String ref = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("ref");
        incidents.find(ref).ifPresent(i -> {
            incidentId = i.getId();
            alertList = alerts.ofIncident(i.getId());
            payloads = alerts.payloadsOfIncident(i.getId());
            notificationList = notifications.ofIncident(i.getId());
        });
    }

    public List<AlertService.PayloadSummary> payloadsOf(Alert alert) {
        if (payloads == null) {
            payloads = incidentId == null ? List.of() : alerts.payloadsOfIncident(incidentId);
        }
        return payloads.stream().filter(p -> p.alertId() == alert.getId()).toList();
    }

    public List<Alert> getAlerts() {
        return alertList;
    }

    public List<Notification> getNotifications() {
        return notificationList;
    }
}
