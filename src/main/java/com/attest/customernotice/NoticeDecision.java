package com.attest.customernotice;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An approver's decision in one approval round, bound to the body it saw. Append-only. */
@Entity
@Table(name = "notice_decision")
@NamedQuery(name = NoticeDecision.OF_NOTICE,
        query = "SELECT d FROM NoticeDecision d WHERE d.noticeId = :notice ORDER BY d.id")
public class NoticeDecision implements Audited {

    static final String OF_NOTICE = "NoticeDecision.ofNotice";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "notice_id", nullable = false, updatable = false)
    private Long noticeId;
    @Column(nullable = false, updatable = false)
    private int round;
    @Enumerated(EnumType.STRING)
    @Column(name = "approver_role", nullable = false, updatable = false)
    private ApproverRole approverRole;
    @Column(name = "decided_by", nullable = false, updatable = false)
    private String decidedBy;
    @Column(nullable = false, updatable = false)
    private boolean approved;
    @Column(updatable = false)
    private String comment;
    @Column(name = "body_sha256", nullable = false, updatable = false)
    private String bodySha256;
    @Column(name = "decided_at", nullable = false, updatable = false)
    private Instant decidedAt;

    protected NoticeDecision() {
    }

    NoticeDecision(CustomerNotice notice, ApproverRole role, String by, boolean approved, String comment,
                   Instant now) {
        this.noticeId = notice.getId();
        this.round = notice.getRound();
        this.approverRole = role;
        this.decidedBy = by;
        this.approved = approved;
        this.comment = comment;
        this.bodySha256 = notice.getBodySha256();
        this.decidedAt = now;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("noticeId", noticeId);
        s.put("round", round);
        s.put("approverRole", approverRole);
        s.put("decidedBy", decidedBy);
        s.put("approved", approved);
        s.put("comment", comment);
        s.put("bodySha256", bodySha256);
        s.put("decidedAt", decidedAt);
        return s;
    }

    public Long getId() {
        return id;
    }

    public int getRound() {
        return round;
    }

    public ApproverRole getApproverRole() {
        return approverRole;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public boolean isApproved() {
        return approved;
    }

    public String getComment() {
        return comment;
    }

    public String getBodySha256() {
        return bodySha256;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    @Override
    public String auditType() {
        return "NoticeDecision";
    }

    @Override
    public Object auditId() {
        return id;
    }
}
