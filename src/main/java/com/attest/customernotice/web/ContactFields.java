package com.attest.customernotice.web;

import com.attest.customernotice.ContactRole;
import java.io.Serializable;

/** The contact form's fields ({@code id} null for a new contact). */
public class ContactFields implements Serializable {

    Long id;
    long version;
    Long customerId;
    String name;
    String email;
    String phone;
    ContactRole role;
    boolean active = true;

    void clear() {
        id = null;
        version = 0;
        customerId = null;
        name = null;
        email = null;
        phone = null;
        role = null;
        active = true;
    }

    public Long getId() {
        return id;
    }

    public Long getCustomerId() {
        return customerId;
    }

    public void setCustomerId(Long customerId) {
        this.customerId = customerId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public ContactRole getRole() {
        return role;
    }

    public void setRole(ContactRole role) {
        this.role = role;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
