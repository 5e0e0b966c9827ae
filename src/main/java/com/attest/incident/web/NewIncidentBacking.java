package com.attest.incident.web;

import com.attest.calendar.CalendarService;
import com.attest.incident.Category;
import com.attest.incident.Incident;
import com.attest.incident.IncidentForm;
import com.attest.incident.IncidentService;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import com.attest.platform.InvalidInput;
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

/** Reporting an incident by hand, with the seed's classification table as guidance. */
@Named
@ViewScoped
public class NewIncidentBacking implements Serializable {

    @Inject
    private IncidentService incidents;

    @Inject
    private CalendarService calendars;

    @Inject
    private Clock clock;

    private String title;
    private String description;
    private Category category;
    private Integer defenderScore;
    private Severity severity;
    private String severityReason;
    private boolean personalData;
    private boolean customersAffected;
    private String resources;
    private String users;
    private LocalDateTime detectedAt;
    private ZoneId zone;

    @PostConstruct
    void init() {
        zone = calendars.calendar().zone();
        detectedAt = LocalDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.MINUTES);
    }

    public String report() {
        IncidentForm form = new IncidentForm(title, description, category, severity, defenderScore, severityReason,
                personalData, customersAffected, IncidentForm.lines(resources), IncidentForm.lines(users));
        try {
            Incident incident = incidents.report(form, Source.MANUAL,
                    detectedAt == null ? null : detectedAt.atZone(zone).toInstant());
            Forms.info("incident.reported", incident.getReference());
            return "/incidents/view?faces-redirect=true&ref=" + incident.getReference();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "incidentForm");
            return null;
        }
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public Category[] getCategories() {
        return Category.values();
    }

    public String getZone() {
        return zone.getId();
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Category getCategory() {
        return category;
    }

    public void setCategory(Category category) {
        this.category = category;
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

    public boolean isPersonalData() {
        return personalData;
    }

    public void setPersonalData(boolean personalData) {
        this.personalData = personalData;
    }

    public boolean isCustomersAffected() {
        return customersAffected;
    }

    public void setCustomersAffected(boolean customersAffected) {
        this.customersAffected = customersAffected;
    }

    public String getResources() {
        return resources;
    }

    public void setResources(String resources) {
        this.resources = resources;
    }

    public String getUsers() {
        return users;
    }

    public void setUsers(String users) {
        this.users = users;
    }

    public LocalDateTime getDetectedAt() {
        return detectedAt;
    }

    public void setDetectedAt(LocalDateTime detectedAt) {
        this.detectedAt = detectedAt;
    }
}
