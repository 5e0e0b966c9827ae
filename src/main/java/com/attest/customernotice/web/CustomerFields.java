package com.attest.customernotice.web;

import java.io.Serializable;

/** The customer form's fields ({@code id} null for a new customer). */
public class CustomerFields implements Serializable {

    Long id;
    long version;
    String name;
    String agreement;
    Integer personalDataHours;
    Integer otherDays;
    boolean active = true;

    void clear() {
        id = null;
        version = 0;
        name = null;
        agreement = null;
        personalDataHours = null;
        otherDays = null;
        active = true;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAgreement() {
        return agreement;
    }

    public void setAgreement(String agreement) {
        this.agreement = agreement;
    }

    public Integer getPersonalDataHours() {
        return personalDataHours;
    }

    public void setPersonalDataHours(Integer personalDataHours) {
        this.personalDataHours = personalDataHours;
    }

    public Integer getOtherDays() {
        return otherDays;
    }

    public void setOtherDays(Integer otherDays) {
        this.otherDays = otherDays;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
