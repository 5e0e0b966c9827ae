package com.attest.incident.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentFilter;
import com.attest.incident.IncidentRegister;
import com.attest.incident.Severity;
import com.attest.incident.SlaClock;
import com.attest.incident.Status;
import com.attest.security.AuditorLimits;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The incident list: paged, sorted and filtered by the database. The filters are view parameters, so the
 * address of a filtered list can be bookmarked and shared.
 */
@Named
@ViewScoped
public class IncidentsBacking implements Serializable {

    @Inject
    private AuditorLimits scope;

    @Inject
    private IncidentRegister register;

    @Inject
    private Clock clock;

    private String state = "open";
    private Severity severity;
    private String owner;
    private LocalDate from;
    private LocalDate to;
    private String sla;
    private String q;
    private int first;

    private final LazyDataModel<Incident> incidents = new LazyDataModel<>() {
        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) register.count(filter());
        }

        @Override
        public List<Incident> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                   Map<String, FilterMeta> filterBy) {
            SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
            return register.page(filter(), sort == null ? "detectedAt" : sort.getField(),
                    sort != null && sort.getOrder() == SortOrder.ASCENDING, first, pageSize);
        }

        @Override
        public String getRowKey(Incident incident) {
            return incident.getReference();
        }
    };

    /** Applies the filters by reloading with them in the address. */
    public String apply() {
        return "/incidents/list?faces-redirect=true&includeViewParams=true";
    }

    public String clear() {
        return "/incidents/list?faces-redirect=true";
    }

    private IncidentFilter filter() {
        return new IncidentFilter(state == null || state.isBlank() || "all".equals(state) ? null : state, severity,
                owner, from, to,
                sla == null || sla.isBlank() ? null : sla).limitedTo(scope.limits()).containing(q);
    }

    public SlaClock clockOf(Incident incident) {
        return incident.clock(clock.instant());
    }

    public LazyDataModel<Incident> getIncidents() {
        return incidents;
    }

    public Status[] getStatuses() {
        return Status.values();
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public SlaClock.State[] getSlaStates() {
        return SlaClock.State.values();
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Severity getSeverity() {
        return severity;
    }

    public void setSeverity(Severity severity) {
        this.severity = severity;
    }

    /** Free text searched in the reference, title, affected resources and users. */
    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q == null || q.length() <= 200 ? q : q.substring(0, 200);
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    /** The first row shown, so that a deep page has an address too. */
    public int getFirst() {
        return first;
    }

    public void setFirst(int first) {
        this.first = Math.max(0, first);
    }

    public String getSla() {
        return sla;
    }

    public void setSla(String sla) {
        this.sla = sla;
    }
}
