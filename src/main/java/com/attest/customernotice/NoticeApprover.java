package com.attest.customernotice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The portal user who approves customer notices as Legal, CISO or CEO (none: that role does not approve). */
@Entity
@Table(name = "notice_approver")
public class NoticeApprover {

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "approver_role")
    private ApproverRole role;
    private String username;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected NoticeApprover() {
    }

    void assign(String newUsername, String by, Instant now) {
        this.username = newUsername;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public ApproverRole getRole() {
        return role;
    }

    public String getUsername() {
        return username;
    }
}
