package com.attest.incident.web;

import com.attest.calendar.CalendarService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentForm;
import com.attest.incident.IncidentService;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Reporting an incident by hand, with the policy's classification table as guidance. */
@Named
@ViewScoped
public class NewIncidentBacking implements Serializable {

    @Inject
    private IncidentService incidents;

    @Inject
    private CalendarService calendars;

    @Inject
    private Clock clock;

    private Integer defenderScore;
    private Severity severity;
    private String severityReason;
    private final IncidentFields fields = new IncidentFields();
    private LocalDateTime detectedAt;
    private ZoneId zone;

    @PostConstruct
    void init() {
        zone = calendars.zone();
        detectedAt = LocalDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.MINUTES);
    }

    public String report() {
        IncidentForm form = fields.toForm(severity, defenderScore, severityReason);
        Incident incident = incidents.report(form, Source.MANUAL,
                detectedAt == null ? null : detectedAt.atZone(zone).toInstant());
        Forms.info("incident.reported", incident.getReference());
        return "/incidents/view?faces-redirect=true&ref=" + incident.getReference();
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public IncidentFields getFields() {
        return fields;
    }

    public String getZone() {
        return zone.getId();
    }

    public Integer getDefenderScore() {
        return defenderScore;
    }

    public void setDefenderScore(Integer defenderScore) {
        this.defenderScore = defenderScore;
    }

    public Severity getSeverity() {
        return severity;
    }

    public void setSeverity(Severity severity) {
        this.severity = severity;
    }

    public String getSeverityReason() {
        return severityReason;
    }

    public void setSeverityReason(String severityReason) {
        this.severityReason = severityReason;
    }

    public LocalDateTime getDetectedAt() {
        return detectedAt;
    }

    public void setDetectedAt(LocalDateTime detectedAt) {
        this.detectedAt = detectedAt;
    }
}
