package com.attest.engagement.web;

import com.attest.engagement.Engagement;
import com.attest.engagement.EngagementForm;
import com.attest.engagement.EngagementService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.User;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** The engagements page: the lead's list and new-engagement form; an auditor's engagements open now. */
@Named
@ViewScoped
public class EngagementsBacking implements Serializable {

    @Inject
    private EngagementService engagements;

    @Inject
    private Caller caller;

    private String name;
    private LocalDate periodFrom;
    private LocalDate periodTo;
    private LocalDateTime accessFrom;
    private LocalDateTime accessTo;
    private List<String> auditors = new ArrayList<>();

    private transient List<Engagement> all = List.of();
    private transient List<User> auditorChoices = List.of();
    private Instant now;
    private String zone;

    @PostConstruct
    void load() {
        all = engagements.list();
        auditorChoices = caller.hasRole(Role.COMPLIANCE_LEAD) ? engagements.auditors() : List.of();
        now = engagements.now();
        zone = engagements.zone().getId();
    }

    public List<Engagement> getAll() {
        return all;
    }

    public List<User> getAuditorChoices() {
        return auditorChoices;
    }

    public boolean open(Engagement e) {
        return e.openAt(now);
    }

    public String create() {
        Engagement e = engagements.create(new EngagementForm(name, periodFrom, periodTo,
                accessFrom == null ? null : accessFrom.atZone(engagements.zone()).toInstant(),
                accessTo == null ? null : accessTo.atZone(engagements.zone()).toInstant(), auditors));
        Forms.info("engagement.created", e.getName());
        return "/engagements/view?faces-redirect=true&id=" + e.getId();
    }

    public String getZone() { return zone; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public LocalDate getPeriodFrom() { return periodFrom; }
    public void setPeriodFrom(LocalDate periodFrom) { this.periodFrom = periodFrom; }
    public LocalDate getPeriodTo() { return periodTo; }
    public void setPeriodTo(LocalDate periodTo) { this.periodTo = periodTo; }
    public LocalDateTime getAccessFrom() { return accessFrom; }
    public void setAccessFrom(LocalDateTime accessFrom) { this.accessFrom = accessFrom; }
    public LocalDateTime getAccessTo() { return accessTo; }
    public void setAccessTo(LocalDateTime accessTo) { this.accessTo = accessTo; }
    public List<String> getAuditors() { return auditors; }
    public void setAuditors(List<String> auditors) { this.auditors = auditors; }
}
