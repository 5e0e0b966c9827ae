package com.attest.pir;

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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** One action item of a review: what, who, by when, and how far it has got. */
@Entity
@Table(name = "pir_action_item")
@NamedQuery(name = PirActionItem.OF_PIR, query = "SELECT a FROM PirActionItem a WHERE a.pirId = :pir ORDER BY a.position, a.id")
public class PirActionItem {

    static final String OF_PIR = "PirActionItem.ofPir";

    public enum Status { OPEN, IN_PROGRESS, DONE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "pir_id", nullable = false, updatable = false)
    private Long pirId;
    @Column(nullable = false)
    private int position;
    @Column(nullable = false)
    private String description;
    private String owner;
    @Column(name = "due_on")
    private LocalDate dueOn;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.OPEN;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected PirActionItem() {
    }

    PirActionItem(long pirId, int position, Item item, String by, Instant now) {
        this.pirId = pirId;
        update(position, item, by, now);
    }

    void update(int position, Item item, String by, Instant now) {
        this.position = position;
        this.description = item.description();
        this.owner = item.owner();
        this.dueOn = item.dueOn();
        this.status = item.status() == null ? Status.OPEN : item.status();
        this.updatedAt = now;
        this.updatedBy = by;
    }

    void move(Status to, String by, Instant now) {
        this.status = to;
        this.updatedAt = now;
        this.updatedBy = by;
    }

    /** An action item as a form holds it; {@code id} null for a new one. */
    public record Item(Long id, String description, String owner, LocalDate dueOn, Status status) {
        public Item {
            description = description == null ? "" : description.strip();
            owner = owner == null || owner.isBlank() ? null : owner.strip();
        }
    }

    public Item item() {
        return new Item(id, description, owner, dueOn, status);
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("position", position);
        s.put("description", description);
        s.put("owner", owner);
        s.put("dueOn", dueOn == null ? null : dueOn.toString());
        s.put("status", status.name());
        return s;
    }

    public Long getId() { return id; }
    public Long getPirId() { return pirId; }
    public int getPosition() { return position; }
    public String getDescription() { return description; }
    public String getOwner() { return owner; }
    public LocalDate getDueOn() { return dueOn; }
    public Status getStatus() { return status; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
}
