package com.attest.customernotice.web;

import com.attest.customernotice.ContactRole;
import com.attest.customernotice.Customer;
import com.attest.customernotice.CustomerContact;
import com.attest.customernotice.CustomerService;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The customer contact list: everyone reads it; the compliance lead adds and changes customers and contacts
 * (deactivating, never deleting) and imports a CSV file, whose bad rows are listed when nothing was imported.
 */
@Named
@ViewScoped
public class CustomersBacking implements Serializable {

    @Inject
    private CustomerService customers;

    private transient List<Customer> list;
    private transient List<CustomerContact> contacts;
    private final CustomerFields customer = new CustomerFields();
    private final ContactFields contact = new ContactFields();
    private transient jakarta.servlet.http.Part file;
    private List<InvalidInput.FieldError> importProblems = List.of();

    @PostConstruct
    void load() {
        list = customers.customers();
        contacts = customers.contacts();
    }

    public void editCustomer(Customer c) {
        customer.id = c.getId();
        customer.version = c.getVersion();
        customer.name = c.getName();
        customer.agreement = c.getAgreement();
        customer.personalDataHours = c.getPersonalDataHours();
        customer.otherDays = c.getOtherDays();
        customer.active = c.isActive();
    }

    public void newCustomer() {
        customer.clear();
    }

    public void saveCustomer() {
        Customer saved = customers.save(customer.id, customer.version, customer.name, customer.agreement,
                customer.personalDataHours, customer.otherDays, customer.active);
        Forms.info("customers.saved", saved.getName());
        customer.clear();
        load();
    }

    public void editContact(CustomerContact c) {
        contact.id = c.getId();
        contact.version = c.getVersion();
        contact.customerId = c.getCustomerId();
        contact.name = c.getName();
        contact.email = c.getEmail();
        contact.phone = c.getPhone();
        contact.role = c.getRole();
        contact.active = c.isActive();
    }

    public void newContact() {
        contact.clear();
    }

    public void saveContact() {
        CustomerContact saved = customers.saveContact(contact.id, contact.version,
                contact.customerId == null ? 0 : contact.customerId, contact.name, contact.email, contact.phone,
                contact.role, contact.active);
        Forms.info("customers.contactSaved", saved.getName());
        contact.clear();
        load();
    }

    public void importFile() throws IOException {
        byte[] body;
        try (InputStream in = file == null ? InputStream.nullInputStream() : file.getInputStream()) {
            body = in.readNBytes(CustomerService.MAX_IMPORT_BYTES + 1);
        }
        try {
            CustomerService.Imported imported = customers.importCsv(body);
            importProblems = List.of();
            Forms.info("customers.imported", imported.contacts(), imported.customers());
            load();
        } catch (InvalidInput invalid) {
            importProblems = invalid.errors();
            Forms.error("customers.importRefused", invalid.errors().size());
        }
    }

    public String customerName(CustomerContact c) {
        Map<Long, String> names = list.stream().collect(Collectors.toMap(Customer::getId, Customer::getName));
        return names.get(c.getCustomerId());
    }

    public List<Customer> getCustomers() {
        return list;
    }

    public List<CustomerContact> getContacts() {
        return contacts;
    }

    public ContactRole[] getRoles() {
        return ContactRole.values();
    }

    public CustomerFields getCustomer() {
        return customer;
    }

    public ContactFields getContact() {
        return contact;
    }

    public List<InvalidInput.FieldError> getImportProblems() {
        return importProblems;
    }

    public jakarta.servlet.http.Part getFile() {
        return file;
    }

    public void setFile(jakarta.servlet.http.Part file) {
        this.file = file;
    }
}
