package com.attest.customernotice;

import com.attest.platform.InvalidInput;
import com.attest.platform.change.Changes;
import com.attest.security.AccountForm;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The customer contact list: customers with their agreements' notification periods, and their contacts. Everyone
 * signed in reads it (it must be at hand during an incident); only the compliance lead changes it. Nothing is
 * deleted: a customer or contact is deactivated. Every change is in the audit trail.
 */
@ApplicationScoped
@Transactional
public class CustomerService {

    /** Largest CSV file an import takes. */
    public static final int MAX_IMPORT_BYTES = 1024 * 1024;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    /** What an import did: how many customers and contacts it added. */
    public record Imported(int customers, int contacts) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Customer> customers() {
        return em.createNamedQuery(Customer.ALL, Customer.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CustomerContact> contacts() {
        return em.createNamedQuery(CustomerContact.ALL, CustomerContact.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CustomerContact> contacts(long customerId) {
        return em.createNamedQuery(CustomerContact.OF_CUSTOMER, CustomerContact.class)
                .setParameter("customer", customerId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Customer> customer(long id) {
        return Optional.ofNullable(em.find(Customer.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CustomerContact> contact(long id) {
        return Optional.ofNullable(em.find(CustomerContact.class, id));
    }

    /** A new customer, or a change to one ({@code id} null for new); periods null for the policy's default. */
    public Customer save(Long id, long seenVersion, String rawName, String rawAgreement, Integer hours, Integer days,
                         boolean active) {
        require();
        String name = strip(rawName);
        String agreement = strip(rawAgreement);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Customer customer = id == null ? null : em.find(Customer.class, id);
        if (id != null && customer == null) {
            throw new InvalidInput("customer", "No customer " + id + ".");
        }
        if (customer != null) {
            Changes.seen(customer, seenVersion);
        }
        if (name == null) {
            errors.add("name", "The customer's name is required.");
        } else if (name.length() > 200) {
            errors.add("name", "A customer's name is at most 200 characters.");
        } else if (byName(name).filter(c -> !c.getId().equals(id)).isPresent()) {
            errors.add("name", "There is already a customer called " + name + ".");
        }
        if (agreement != null && agreement.length() > 200) {
            errors.add("agreement", "The agreement reference is at most 200 characters.");
        }
        if (hours != null && (hours < 1 || hours > 8760)) {
            errors.add("personalDataHours", "Hours are 1 to 8,760, or empty for the policy's default.");
        }
        if (days != null && (days < 1 || days > 365)) {
            errors.add("otherDays", "Days are 1 to 365, or empty for the policy's default.");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        if (customer == null) {
            Customer added = new Customer(name, caller.name(), now);
            added.change(name, agreement, hours, days, true, caller.name(), now);
            return changes.create("customer.added", added);
        }
        return changes.apply("customer.changed", customer,
                () -> customer.change(name, agreement, hours, days, active, caller.name(), now));
    }

    /** A new contact of a customer, or a change to one ({@code id} null for new). */
    public CustomerContact saveContact(Long id, long seenVersion, long customerId, String rawName, String rawEmail,
                                       String rawPhone, ContactRole role, boolean active) {
        require();
        String name = strip(rawName);
        String email = strip(rawEmail) == null ? null : strip(rawEmail).toLowerCase(Locale.ROOT);
        String phone = strip(rawPhone);
        CustomerContact contact = id == null ? null : em.find(CustomerContact.class, id);
        if (id != null && contact == null) {
            throw new InvalidInput("contact", "No contact " + id + ".");
        }
        if (contact != null) {
            Changes.seen(contact, seenVersion);
        }
        long owner = contact == null ? customerId : contact.getCustomerId();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (em.find(Customer.class, owner) == null) {
            errors.add("customer", "No customer " + owner + ".");
        }
        if (name == null || name.length() > 200) {
            errors.add("contactName", "The contact's name is required (at most 200 characters).");
        }
        if (email == null || !AccountForm.isEmail(email)) {
            errors.add("email", email == null ? "The e-mail address is required." : "'" + email
                    + "' is not an e-mail address.");
        } else if (active && contacts(owner).stream().anyMatch(c -> c.isActive() && c.getEmail().equals(email)
                && !c.getId().equals(id))) {
            errors.add("email", email + " is already a contact of this customer.");
        }
        if (phone != null && !phone.matches("\\+?[0-9 ()./-]{6,40}")) {
            errors.add("phone", "'" + phone + "' is not a phone number (digits, spaces, + ( ) - . /).");
        }
        if (role == null) {
            errors.add("role", "Choose the contact's role: " + ContactRole.labels() + ".");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        if (contact == null) {
            return changes.create("customer.contact-added",
                    new CustomerContact(owner, name, email, phone, role, caller.name(), now));
        }
        return changes.apply("customer.contact-changed", contact,
                () -> contact.change(name, email, phone, role, active, caller.name(), now));
    }

    /**
     * Imports a CSV contact list (see {@link ContactCsv}): unknown customers are added with the default periods.
     * All or nothing: if any row is bad — also a contact already on the list — nothing is imported and every bad
     * row is named, with its column and the problem, as a field error {@code row N}.
     */
    public Imported importCsv(byte[] file) {
        require();
        if (file == null || file.length == 0) {
            throw new InvalidInput("file", "Choose a CSV file.");
        }
        if (file.length > MAX_IMPORT_BYTES) {
            throw new InvalidInput("file", "The file is larger than 1 MB.");
        }
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(file))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInput("file", "The file is not UTF-8 text: save it as CSV UTF-8.");
        }
        ContactCsv.Result result = ContactCsv.parse(text);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        result.problems().forEach(p -> errors.add("row " + p.row(), p.field() + ": " + p.message()));
        Map<String, Customer> known = new HashMap<>();
        for (Customer c : customers()) {
            known.put(c.getName().toLowerCase(Locale.ROOT), c);
        }
        for (ContactCsv.Row row : result.rows()) {
            Customer c = known.get(row.customer().toLowerCase(Locale.ROOT));
            if (c != null && !c.isActive()) {
                errors.add("row " + row.row(), ContactCsv.CUSTOMER + ": " + c.getName()
                        + " is deactivated: activate it first.");
            } else if (c != null && contacts(c.getId()).stream().anyMatch(k -> k.isActive()
                    && k.getEmail().equals(row.email()))) {
                errors.add("row " + row.row(), ContactCsv.EMAIL + ": " + row.email() + " is already a contact of "
                        + c.getName() + ".");
            }
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        int newCustomers = 0;
        for (ContactCsv.Row row : result.rows()) {
            String key = row.customer().toLowerCase(Locale.ROOT);
            Customer c = known.get(key);
            if (c == null) {
                c = changes.create("customer.added", new Customer(row.customer(), caller.name(), now));
                known.put(key, c);
                newCustomers++;
            }
            changes.create("customer.contact-imported", new CustomerContact(c.getId(), row.name(), row.email(),
                    row.phone(), row.role(), caller.name(), now));
        }
        return new Imported(newCustomers, result.rows().size());
    }

    /** The notification periods of every active customer's agreement. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NoticeDeadline.Terms> activeTerms() {
        return customers().stream().filter(Customer::isActive).map(Customer::terms).toList();
    }

    private Optional<Customer> byName(String name) {
        return em.createNamedQuery(Customer.BY_NAME, Customer.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    private void require() {
        caller.require("change the customer contact list", Role.COMPLIANCE_LEAD);
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
