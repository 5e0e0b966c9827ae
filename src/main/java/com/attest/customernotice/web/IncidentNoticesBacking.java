package com.attest.customernotice.web;

import com.attest.customernotice.Customer;
import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.CustomerService;
import com.attest.customernotice.NoticeClock;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.customernotice.NoticeTemplateService;
import com.attest.customernotice.NoticeTemplateVersion;
import com.attest.incident.IncidentService;
import com.attest.incident.IncidentChanged;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
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
    public record Choice(long id, String label) implements Serializable {
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
    private Long incidentId;
    private Long templateVersion;
    private List<Long> chosenCustomers = new ArrayList<>();
    private transient NoticeClock clock;
    private transient List<CustomerNotice> list = List.of();
    private Map<Long, String> customerNames = Map.of();
    private List<Choice> templateChoices = List.of();
    private List<SelectItem> customerChoices = List.of();

    @PostConstruct
    void load() {
        ref = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("ref");
        List<Customer> all = customers.customers();
        customerNames = all.stream().collect(Collectors.toMap(Customer::getId, Customer::getName));
        customerChoices = all.stream().filter(Customer::isActive).map(c -> new SelectItem(c.getId(), c.getName()))
                .toList();
        templateChoices = latestVersions();
        refresh();
    }

    private void refresh() {
        incidents.find(ref).ifPresent(incident -> {
            incidentId = incident.getId();
            clock = deliveries.clock(incident).orElse(null);
            list = notices.of(incident);
        });
    }

    /** A notice step (or a change of the incident's flags) wrote on the incident's timeline: the clock may move. */
    void changed(@Observes(notifyObserver = Reception.IF_EXISTS, during = TransactionPhase.AFTER_SUCCESS)
                 IncidentChanged event) {
        if (incidentId != null && incidentId == event.incidentId()) {
            refresh();
        }
    }

    public void draft() throws IOException {
        CustomerNotice notice = notices.draft(ref, templateVersion, chosenCustomers);
        Forms.info("notice.drafted", notice.getId());
        FacesContext.getCurrentInstance().getExternalContext().redirect(FacesContext.getCurrentInstance()
                .getExternalContext().getRequestContextPath() + "/notices/notice.xhtml?id=" + notice.getId());
    }

    /** The latest version of each template. */
    private List<Choice> latestVersions() {
        List<Choice> choices = new ArrayList<>();
        templates.templates().forEach(t -> {
            List<NoticeTemplateVersion> versions = templates.versions(t.getId());
            if (!versions.isEmpty()) {
                choices.add(new Choice(versions.get(0).getId(), t.getName() + " v" + versions.get(0).getNumber()));
            }
        });
        return choices;
    }

    public NoticeClock getClock() {
        return clock;
    }

    public List<CustomerNotice> getNotices() {
        return list;
    }

    public String customerNames(CustomerNotice notice) {
        return notice.getCustomerIds().stream().map(customerNames::get).collect(Collectors.joining(", "));
    }

    public List<Choice> getTemplateChoices() {
        return templateChoices;
    }

    public List<SelectItem> getCustomerChoices() {
        return customerChoices;
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
