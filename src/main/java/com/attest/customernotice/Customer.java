package com.attest.customernotice;

import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer who may have to be told of an incident, with its agreement (DPA) reference and the notification
 * periods the agreement sets (null: the policy's default). Deactivated, never deleted.
 */
@Entity
@Table(name = "customer")
@NamedQuery(name = Customer.ALL, query = "SELECT c FROM Customer c ORDER BY c.active DESC, lower(c.name)")
@NamedQuery(name = Customer.BY_NAME, query = "SELECT c FROM Customer c WHERE lower(c.name) = lower(:name)")
public class Customer implements Versioned, Audited {

    static final String ALL = "Customer.all";
    static final String BY_NAME = "Customer.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String name;
    private String agreement;
    @Column(name = "personal_data_hours")
    private Integer personalDataHours;
    @Column(name = "other_days")
    private Integer otherDays;
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

    protected Customer() {
    }

    Customer(String name, String by, Instant now) {
        this.name = name;
        this.createdAt = now;
        this.createdBy = by;
        touch(by, now);
    }

    void change(String newName, String newAgreement, Integer hours, Integer days, boolean nowActive, String by,
                Instant now) {
        this.name = newName;
        this.agreement = newAgreement;
        this.personalDataHours = hours;
        this.otherDays = days;
        this.active = nowActive;
        touch(by, now);
    }

    private void touch(String by, Instant now) {
        this.updatedBy = by;
        this.updatedAt = now;
    }

    NoticeDeadline.Terms terms() {
        return new NoticeDeadline.Terms(name + (agreement == null ? "" : " (" + agreement + ")"), personalDataHours,
                otherDays);
    }

    @Override
    public String auditType() {
        return "Customer";
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
        s.put("name", name);
        s.put("agreement", agreement);
        s.put("personalDataHours", personalDataHours);
        s.put("otherDays", otherDays);
        s.put("active", active);
        return s;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getAgreement() {
        return agreement;
    }

    public Integer getPersonalDataHours() {
        return personalDataHours;
    }

    public Integer getOtherDays() {
        return otherDays;
    }

    public boolean isActive() {
        return active;
    }

    public long getVersion() {
        return version;
    }
}
