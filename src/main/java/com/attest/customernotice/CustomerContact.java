package com.attest.customernotice;

import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A person at a customer whom a notice may be sent to. Deactivated, never deleted. */
@Entity
@Table(name = "customer_contact")
@NamedQuery(name = CustomerContact.ALL,
        query = "SELECT c FROM CustomerContact c ORDER BY c.customerId, c.active DESC, lower(c.name)")
@NamedQuery(name = CustomerContact.OF_CUSTOMER,
        query = "SELECT c FROM CustomerContact c WHERE c.customerId = :customer ORDER BY c.active DESC, lower(c.name)")
public class CustomerContact implements Versioned, Audited {

    static final String ALL = "CustomerContact.all";
    static final String OF_CUSTOMER = "CustomerContact.ofCustomer";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private Long customerId;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String email;
    private String phone;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ContactRole role;
    @Column(nullable = false)
    private boolean active = true;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Version
    private long version;

    protected CustomerContact() {
    }

    CustomerContact(long customerId, String name, String email, String phone, ContactRole role, String by,
                    Instant now) {
        this.customerId = customerId;
        this.createdAt = now;
        this.createdBy = by;
        change(name, email, phone, role, true, by, now);
    }

    void change(String newName, String newEmail, String newPhone, ContactRole newRole, boolean nowActive, String by,
                Instant now) {
        this.name = newName;
        this.email = newEmail;
        this.phone = newPhone;
        this.role = newRole;
        this.active = nowActive;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    @Override
    public String auditType() {
        return "CustomerContact";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public String lastChangedBy() {
        return updatedBy;
    }

    @Override
    public Instant lastChangedAt() {
        return updatedAt;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("customerId", customerId);
        s.put("name", name);
        s.put("email", email);
        s.put("phone", phone);
        s.put("role", role);
        s.put("active", active);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Long getCustomerId() {
        return customerId;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public ContactRole getRole() {
        return role;
    }

    public boolean isActive() {
        return active;
    }

    public long getVersion() {
        return version;
    }
}
