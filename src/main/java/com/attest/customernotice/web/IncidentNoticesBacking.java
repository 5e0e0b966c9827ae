package com.attest.customernotice.web;

import com.attest.customernotice.Customer;
import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.CustomerService;
import com.attest.customernotice.NoticeClock;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.customernotice.NoticeTemplateService;
import com.attest.customernotice.NoticeTemplateVersion;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Customer notification on an incident page: the notification clock, the notices, and drafting a new one. */
@Named
@ViewScoped
public class IncidentNoticesBacking implements Serializable {

    /** A template version as the draft form offers it. */
    public record Choice(long id, String label) {
    }

    @Inject
    private IncidentService incidents;

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private NoticeDeliveryService deliveries;

    @Inject
    private CustomerService customers;

    @Inject
    private NoticeTemplateService templates;

    private String ref;
    private Long templateVersion;
    private List<Long> chosenCustomers = new ArrayList<>();

    @PostConstruct
    void load() {
        ref = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("ref");
    }

    public void draft() throws java.io.IOException {
        try {
            CustomerNotice notice = notices.draft(ref, templateVersion, chosenCustomers);
            Forms.info("notice.drafted", notice.getId());
            FacesContext.getCurrentInstance().getExternalContext().redirect(FacesContext.getCurrentInstance()
                    .getExternalContext().getRequestContextPath() + "/notices/notice.xhtml?id=" + notice.getId());
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "noticeForm");
        }
    }

    private Incident incident() {
        return incidents.find(ref).orElse(null);
    }

    public NoticeClock getClock() {
        Incident i = incident();
        return i == null ? null : deliveries.clock(i).orElse(null);
    }

    public List<CustomerNotice> getNotices() {
        Incident i = incident();
        return i == null ? List.of() : notices.of(i);
    }

    public String customerNames(CustomerNotice notice) {
        Map<Long, String> names = customers.customers().stream()
                .collect(Collectors.toMap(Customer::getId, Customer::getName));
        return notice.getCustomerIds().stream().map(names::get).collect(Collectors.joining(", "));
    }

    /** The latest version of each template. */
    public List<Choice> getTemplateChoices() {
        List<Choice> choices = new ArrayList<>();
        templates.templates().forEach(t -> {
            List<NoticeTemplateVersion> versions = templates.versions(t.getId());
            if (!versions.isEmpty()) {
                choices.add(new Choice(versions.get(0).getId(), t.getName() + " v" + versions.get(0).getNumber()));
            }
        });
        return choices;
    }

    public List<jakarta.faces.model.SelectItem> getCustomerChoices() {
        return customers.customers().stream().filter(Customer::isActive)
                .map(c -> new jakarta.faces.model.SelectItem(c.getId(), c.getName())).toList();
    }

    public Long getTemplateVersion() {
        return templateVersion;
    }

    public void setTemplateVersion(Long templateVersion) {
        this.templateVersion = templateVersion;
    }

    public List<Long> getChosenCustomers() {
        return chosenCustomers;
    }

    public void setChosenCustomers(List<Long> chosenCustomers) {
        this.chosenCustomers = chosenCustomers;
    }
}
