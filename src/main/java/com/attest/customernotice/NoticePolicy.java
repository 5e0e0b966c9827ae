package com.attest.customernotice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Whether any one or all of the mapped approvers must approve a notice. One row. */
@Entity
@Table(name = "notice_policy")
public class NoticePolicy {

    @Id
    private short id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApprovalPolicy approval;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected NoticePolicy() {
    }

    void change(ApprovalPolicy newApproval, String by, Instant now) {
        this.approval = newApproval;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public ApprovalPolicy getApproval() {
        return approval;
    }
}
