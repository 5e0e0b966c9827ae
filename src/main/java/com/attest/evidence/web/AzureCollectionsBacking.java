package com.attest.evidence.web;

import com.attest.evidence.AzureCollection;
import com.attest.evidence.AzureCollectionService;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** The register's Azure section (compliance lead): collect a range of days now, and the recent collections. */
@Named
@ViewScoped
public class AzureCollectionsBacking implements Serializable {

    @Inject
    private AzureCollectionService collections;

    private LocalDate collectFrom;
    private LocalDate collectTo;
    private transient List<AzureCollection> recent;

    @PostConstruct
    void load() {
        if (FacesContext.getCurrentInstance().getExternalContext().isUserInRole("COMPLIANCE_LEAD")) {
            recent = collections.recent(30);
        }
    }

    public void collect() {
        List<AzureCollection> made = collections.collect(collectFrom, collectTo);
        Forms.info("evidence.azureRequested", made.size(), collectFrom, collectTo);
        recent = collections.recent(30);
    }

    public void refresh() {
        recent = collections.recent(30);
    }

    public List<AzureCollection> getRecent() {
        return recent == null ? List.of() : recent;
    }

    public LocalDate getCollectFrom() {
        return collectFrom;
    }

    public void setCollectFrom(LocalDate collectFrom) {
        this.collectFrom = collectFrom;
    }

    public LocalDate getCollectTo() {
        return collectTo;
    }

    public void setCollectTo(LocalDate collectTo) {
        this.collectTo = collectTo;
    }
}
