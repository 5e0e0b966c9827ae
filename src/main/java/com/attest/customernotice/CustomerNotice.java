package com.attest.customernotice;

import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Approval;
import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A notice to one or more customers about one incident. Drafted from a template version with the placeholders
 * filled, edited as plain text, approved by the configured approvers in rounds, and then sent or recorded as
 * delivered, after which it never changes (the database refuses). The e-mail body is the text rendered as HTML by
 * {@link #body()}: approvals are bound to that body's SHA-256, so what was approved is exactly what is sent. An
 * edit after someone approved starts a new round: the earlier decisions stay as evidence but no longer count.
 */
@Entity
@Table(name = "customer_notice")
@NamedQuery(name = CustomerNotice.OF_INCIDENT,
        query = "SELECT n FROM CustomerNotice n WHERE n.incidentId = :incident ORDER BY n.id")
@NamedQuery(name = CustomerNotice.AWAITING,
        query = "SELECT n FROM CustomerNotice n WHERE n.state = com.attest.customernotice.NoticeState.AWAITING_APPROVAL ORDER BY n.id")
public class CustomerNotice implements Audited, Versioned, Serializable {

    static final String OF_INCIDENT = "CustomerNotice.ofIncident";
    static final String AWAITING = "CustomerNotice.awaiting";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "incident_id", nullable = false, updatable = false)
    private Long incidentId;
    @Column(name = "template_version_id", nullable = false, updatable = false)
    private Long templateVersionId;
    @Column(nullable = false)
    private String subject;
    @Column(nullable = false)
    private String text;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NoticeState state = NoticeState.DRAFT;
    /** Whether any one configured approver suffices or all must approve; set when it is sent for approval. */
    @Enumerated(EnumType.STRING)
    @Column(name = "approval")
    private ApprovalPolicy policy;
    /**
     * Sent for approval and decided, round by round: the approvers' own decisions are {@link NoticeDecision}s of the
     * round; this one is decided when they meet the policy (approved) or one of them rejects it.
     */
    @Embedded
    @AttributeOverride(name = "requestedBy", column = @Column(name = "approval_requested_by"))
    @AttributeOverride(name = "requestedAt", column = @Column(name = "approval_requested_at"))
    @AttributeOverride(name = "decidedBy", column = @Column(name = "approval_decided_by"))
    @AttributeOverride(name = "decidedAt", column = @Column(name = "approval_decided_at"))
    @AttributeOverride(name = "comment", column = @Column(name = "approval_comment"))
    @AttributeOverride(name = "round", column = @Column(name = "round", nullable = false))
    private Approval approval = new Approval();
    @Column(name = "drafted_by", nullable = false, updatable = false)
    private String draftedBy;
    @Column(name = "drafted_at", nullable = false, updatable = false)
    private Instant draftedAt;
    @Column(name = "edited_by", nullable = false)
    private String editedBy;
    @Column(name = "edited_at", nullable = false)
    private Instant editedAt;
    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "customer_notice_customer", joinColumns = @JoinColumn(name = "notice_id"))
    @Column(name = "customer_id", updatable = false)
    private Set<Long> customerIds = new TreeSet<>();

    protected CustomerNotice() {
    }

    CustomerNotice(long incidentId, long templateVersionId, Set<Long> customerIds, String subject, String text,
                   String by, Instant now) {
        this.incidentId = incidentId;
        this.templateVersionId = templateVersionId;
        this.customerIds = new TreeSet<>(customerIds);
        this.subject = subject;
        this.text = text;
        this.draftedBy = by;
        this.draftedAt = now;
        this.editedBy = by;
        this.editedAt = now;
        this.approval.nextRound();
    }

    /** A new text; one that was awaiting or holding approval goes back to draft in a new round. */
    void edit(String newSubject, String newText, String by, Instant now) {
        if (state.finished()) {
            throw new IllegalStateException("A delivered notice never changes.");
        }
        if (state != NoticeState.DRAFT) {
            approval.nextRound();
            state = NoticeState.DRAFT;
            policy = null;
        }
        this.subject = newSubject;
        this.text = newText;
        this.editedBy = by;
        this.editedAt = now;
    }

    void submit(ApprovalPolicy policy, String by, Instant at) {
        this.state = NoticeState.AWAITING_APPROVAL;
        this.policy = policy;
        approval.request(by, at);
    }

    /** The round's approvals met the policy. */
    void approved(String by, Instant at, String comment) {
        this.state = NoticeState.APPROVED;
        approval.decide(true, by, at, comment);
    }

    /** A rejection ends the round: the drafter revises and asks again. */
    void rejected(String by, Instant at, String comment) {
        this.state = NoticeState.DRAFT;
        approval.decide(false, by, at, comment);
        approval.nextRound();
        this.policy = null;
    }

    void delivered(NoticeState how) {
        this.state = how;
    }

    /** The e-mail body: the text, escaped, as HTML with its line breaks kept. What approvals and evidence hash. */
    public String body() {
        StringBuilder html = new StringBuilder(text.length() + 200)
                .append("<html><body style=\"font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px\">");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                case '\r' -> { }
                case '\n' -> html.append("<br>\n");
                default -> html.append(c);
            }
        }
        return html.append("</body></html>").toString();
    }

    public String getBodySha256() {
        return Sha256.hex(body());
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("incidentId", incidentId);
        s.put("templateVersionId", templateVersionId);
        s.put("customerIds", new TreeSet<>(customerIds));
        s.put("subject", subject);
        s.put("textSha256", Sha256.hex(text));
        s.put("bodySha256", getBodySha256());
        s.put("state", state);
        s.put("round", approval.getRound());
        s.put("approval", policy);
        s.put("draftedBy", draftedBy);
        s.put("editedBy", editedBy);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Long getIncidentId() {
        return incidentId;
    }

    public Long getTemplateVersionId() {
        return templateVersionId;
    }

    public String getSubject() {
        return subject;
    }

    public String getText() {
        return text;
    }

    public NoticeState getState() {
        return state;
    }

    public int getRound() {
        return approval.getRound();
    }

    public ApprovalPolicy getPolicy() {
        return policy;
    }

    public Approval getApproval() {
        return approval;
    }

    public String getDraftedBy() {
        return draftedBy;
    }

    public Instant getDraftedAt() {
        return draftedAt;
    }

    public String getEditedBy() {
        return editedBy;
    }

    public Instant getEditedAt() {
        return editedAt;
    }

    public long getVersion() {
        return version;
    }

    public Set<Long> getCustomerIds() {
        return new TreeSet<>(customerIds);
    }

    @Override
    public String auditType() {
        return "CustomerNotice";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public String lastChangedBy() {
        return editedBy;
    }

    @Override
    public Instant lastChangedAt() {
        return editedAt;
    }
}
