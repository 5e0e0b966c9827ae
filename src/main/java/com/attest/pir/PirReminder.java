package com.attest.pir;

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
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A reminder sent about a review: in the portal always, by e-mail when the person has an address. Append-only. */
@Entity
@Table(name = "pir_reminder")
@NamedQuery(name = PirReminder.OF_RECIPIENT, query = "SELECT r FROM PirReminder r WHERE r.recipient = :recipient"
        + " ORDER BY r.createdAt DESC, r.id DESC")
@NamedQuery(name = PirReminder.OF_PIR, query = "SELECT r FROM PirReminder r WHERE r.pirId = :pir ORDER BY r.id")
public class PirReminder implements Audited, Serializable {

    static final String OF_RECIPIENT = "PirReminder.ofRecipient";
    static final String OF_PIR = "PirReminder.ofPir";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "pir_id", nullable = false, updatable = false)
    private Long pirId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private PirSchedule.Kind kind;
    @Column(name = "for_day", nullable = false, updatable = false)
    private LocalDate forDay;
    @Column(nullable = false, updatable = false)
    private String recipient;
    @Column(nullable = false, updatable = false)
    private String text;
    @Column(name = "notification_id", updatable = false)
    private Long notificationId;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected PirReminder() {
    }

    PirReminder(long pirId, PirSchedule.Kind kind, LocalDate forDay, String recipient, String text,
                Long notificationId, Instant now) {
        this.pirId = pirId;
        this.kind = kind;
        this.forDay = forDay;
        this.recipient = recipient;
        this.text = text;
        this.notificationId = notificationId;
        this.createdAt = now;
    }

    /** The trail records a reminder under the review it is about. */
    @Override
    public String auditType() { return PirService.ENTITY; }

    @Override
    public Object auditId() { return pirId; }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("pirId", pirId);
        s.put("kind", kind.name());
        s.put("forDay", forDay.toString());
        s.put("recipient", recipient);
        s.put("notificationId", notificationId);
        return s;
    }

    public Long getId() { return id; }
    public Long getPirId() { return pirId; }
    public PirSchedule.Kind getKind() { return kind; }
    public LocalDate getForDay() { return forDay; }
    public String getRecipient() { return recipient; }
    public String getText() { return text; }
    public Long getNotificationId() { return notificationId; }
    public Instant getCreatedAt() { return createdAt; }
}
