package com.attest.incident.web;

import com.attest.incident.Category;
import com.attest.incident.Incident;
import com.attest.incident.IncidentForm;
import com.attest.incident.IncidentService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.PrimeFaces;

/** The incident page's details form: what happened, to what and whom, and who owns it. */
@Named
@ViewScoped
public class IncidentDetailsBacking implements Serializable {

    @Inject
    private IncidentBacking page;

    @Inject
    private IncidentService incidents;

    private String title;
    private String description;
    private Category category;
    private boolean personalData;
    private boolean customersAffected;
    private String resources;
    private String users;
    private String owner;

    /** Fills the form from the incident as it now stands. */
    public void edit() {
        Incident i = page.getIncident();
        title = i.getTitle();
        description = i.getDescription();
        category = i.getCategory();
        personalData = i.isPersonalData();
        customersAffected = i.isCustomersAffected();
        resources = String.join("\n", i.getResources());
        users = String.join("\n", i.getUsers());
        owner = i.getOwner();
    }

    public void save() {
        Incident i = page.getIncident();
        boolean saved = page.act(() -> incidents.describe(i.getReference(), i.getVersion(), new IncidentForm(title,
                description, category, null, null, null, personalData, customersAffected,
                IncidentForm.lines(resources), IncidentForm.lines(users)), owner), "detailsFields");
        if (saved) {
            PrimeFaces.current().executeScript("PF('detailsDialog').hide()");
        }
    }

    public Category[] getCategories() {
        return Category.values();
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

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }
}
