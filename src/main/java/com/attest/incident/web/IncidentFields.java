package com.attest.incident.web;

import com.attest.incident.Category;
import com.attest.incident.Incident;
import com.attest.incident.IncidentForm;
import com.attest.incident.Severity;
import java.io.Serializable;

/**
 * What the report form and the details dialog both edit: description, category, flags, affected resources
 * and users (one a line). Severity and score are the report form's and the classify form's own.
 */
public class IncidentFields implements Serializable {

    private String title;
    private String description;
    private Category category;
    private boolean personalData;
    private boolean customersAffected;
    private String resources;
    private String users;

    static IncidentFields of(Incident i) {
        IncidentFields fields = new IncidentFields();
        fields.title = i.getTitle();
        fields.description = i.getDescription();
        fields.category = i.getCategory();
        fields.personalData = i.isPersonalData();
        fields.customersAffected = i.isCustomersAffected();
        fields.resources = String.join("\n", i.getResources());
        fields.users = String.join("\n", i.getUsers());
        return fields;
    }

    IncidentForm toForm(Severity severity, Integer defenderScore, String severityReason) {
        return new IncidentForm(title, description, category, severity, defenderScore, severityReason, personalData,
                customersAffected, IncidentForm.lines(resources), IncidentForm.lines(users));
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
}
