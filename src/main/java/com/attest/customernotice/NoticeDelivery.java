package com.attest.customernotice;

import com.attest.platform.change.Audited;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an approved notice reached its customers, with the final body and its SHA-256: queued to the outbox
 * (Microsoft Graph sendMail; the notification row keeps Graph's request id and the time it was sent) or recorded
 * by hand with the method, the date and a proof file. Append-only.
 */
@Entity
@Table(name = "notice_delivery")
@NamedQuery(name = NoticeDelivery.OF_NOTICE, query = "SELECT d FROM NoticeDelivery d WHERE d.noticeId = :notice")
public class NoticeDelivery implements Audited {

    static final String OF_NOTICE = "NoticeDelivery.ofNotice";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "notice_id", nullable = false, updatable = false)
    private Long noticeId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private DeliveryMethod method;
    @Column(nullable = false, updatable = false)
    private String recipients;
    @Column(nullable = false, updatable = false)
    private String subject;
    @Column(nullable = false, updatable = false)
    private String body;
    @Column(name = "body_sha256", nullable = false, updatable = false)
    private String bodySha256;
    @Column(name = "notification_id", updatable = false)
    private Long notificationId;
    @Column(name = "delivered_at", updatable = false)
    private Instant deliveredAt;
    @Column(updatable = false)
    private String note;
    @Column(name = "proof_filename", updatable = false)
    private String proofFilename;
    @Column(name = "proof_content_type", updatable = false)
    private String proofContentType;
    @Column(name = "proof_size_bytes", updatable = false)
    private Integer proofSizeBytes;
    @Column(name = "proof_sha256", updatable = false)
    private String proofSha256;
    @Basic(fetch = FetchType.LAZY)
    @Column(updatable = false)
    private byte[] proof;
    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;
    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    protected NoticeDelivery() {
    }

    /** Queued to the outbox as notification {@code notificationId}. */
    NoticeDelivery(CustomerNotice notice, String recipients, long notificationId, String by, Instant now) {
        this(notice, DeliveryMethod.GRAPH_MAIL, recipients, by, now);
        this.notificationId = notificationId;
    }

    /** Delivered by other means, recorded with a proof file. */
    NoticeDelivery(CustomerNotice notice, DeliveryMethod method, String recipients, Instant deliveredAt, String note,
                   String proofFilename, String proofContentType, byte[] proof, String proofSha256, String by,
                   Instant now) {
        this(notice, method, recipients, by, now);
        this.deliveredAt = deliveredAt;
        this.note = note;
        this.proofFilename = proofFilename;
        this.proofContentType = proofContentType;
        this.proofSizeBytes = proof.length;
        this.proof = proof;
        this.proofSha256 = proofSha256;
    }

    private NoticeDelivery(CustomerNotice notice, DeliveryMethod method, String recipients, String by, Instant now) {
        this.noticeId = notice.getId();
        this.method = method;
        this.recipients = recipients;
        this.subject = notice.getSubject();
        this.body = notice.body();
        this.bodySha256 = notice.getBodySha256();
        this.recordedBy = by;
        this.recordedAt = now;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("noticeId", noticeId);
        s.put("method", method);
        s.put("recipients", recipients);
        s.put("subject", subject);
        s.put("bodySha256", bodySha256);
        s.put("notificationId", notificationId);
        s.put("deliveredAt", deliveredAt);
        s.put("note", note);
        s.put("proofFilename", proofFilename);
        s.put("proofSha256", proofSha256);
        s.put("proofSizeBytes", proofSizeBytes);
        s.put("recordedAt", recordedAt);
        s.put("recordedBy", recordedBy);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Long getNoticeId() {
        return noticeId;
    }

    public DeliveryMethod getMethod() {
        return method;
    }

    public String getRecipients() {
        return recipients;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public String getBodySha256() {
        return bodySha256;
    }

    public Long getNotificationId() {
        return notificationId;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public String getNote() {
        return note;
    }

    public String getProofFilename() {
        return proofFilename;
    }

    public String getProofContentType() {
        return proofContentType;
    }

    public Integer getProofSizeBytes() {
        return proofSizeBytes;
    }

    public String getProofSha256() {
        return proofSha256;
    }

    public byte[] getProof() {
        return proof;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    @Override
    public String auditType() {
        return "NoticeDelivery";
    }

    @Override
    public Object auditId() {
        return id;
    }
}
