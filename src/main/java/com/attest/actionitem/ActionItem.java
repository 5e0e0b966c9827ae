package com.attest.actionitem;

import com.attest.actionitem.ActionItem;
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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One action item of a review or an exercise: what, who, by when, and how far it has got. A review's items are
 * edited in place while the review is a draft; an exercise's are written once — an edit withdraws them and adds
 * their replacements — so its record shows what was agreed. Once the review is approved or the exercise signed
 * off, only the status moves (the database refuses anything else).
 */
@Entity
@Table(name = "action_item")
@NamedQuery(name = ActionItem.OF, query = "SELECT a FROM ActionItem a WHERE a.raisedBy = :raisedBy"
        + " AND a.parentId = :parent AND a.withdrawn = FALSE ORDER BY a.position, a.id")
public class ActionItem implements Audited {

    static final String OF = "ActionItem.of";

    /** What raised the item; the audit trail names the item after it. */
    public enum RaisedBy {
        REVIEW("PirActionItem"), EXERCISE("ActionItem");

        private final String auditType;

        RaisedBy(String auditType) {
            this.auditType = auditType;
        }
    }

    public enum Status { OPEN, IN_PROGRESS, DONE }

    /** An action item as a form holds it; {@code id} null for a new one, {@code status} null for open. */
    public record Item(Long id, String description, String owner, LocalDate dueOn, Status status) {
        public Item {
            description = description == null ? "" : description.strip();
            owner = owner == null || owner.isBlank() ? null : owner.strip();
        }

        /** A row of a form left empty. */
        public boolean empty() {
            return description.isEmpty() && owner == null && dueOn == null;
        }

        /** The item as a list of items compares it: without its id, a missing status open. */
        public Item withoutId() {
            return new Item(null, description, owner, dueOn, status == null ? Status.OPEN : status);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(name = "raised_by", nullable = false, updatable = false)
    private RaisedBy raisedBy;
    @Column(name = "pir_id", updatable = false)
    private Long pirId;
    @Column(name = "exercise_id", updatable = false)
    private Long exerciseId;
    /** The review's or the exercise's id (a column the database derives from the two). */
    @Column(name = "parent_id", insertable = false, updatable = false)
    private Long parentId;
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
    @Column(nullable = false)
    private boolean withdrawn;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected ActionItem() {
    }

    public ActionItem(RaisedBy raisedBy, long parentId, int position, Item item, String by, Instant now) {
        this.raisedBy = raisedBy;
        this.parentId = parentId;
        this.pirId = raisedBy == RaisedBy.REVIEW ? parentId : null;
        this.exerciseId = raisedBy == RaisedBy.EXERCISE ? parentId : null;
        update(position, item, by, now);
    }

    /** A review's draft changed the item. */
    public void update(int position, Item item, String by, Instant now) {
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

    /** Replaced by an edit of the exercise it belongs to: kept, no longer shown. */
    public void withdraw() {
        withdrawn = true;
    }

    public Item item() {
        return new Item(id, description, owner, dueOn, status);
    }

    /** What was agreed — not the status, which moves on: what an exercise's sign-off hash covers. */
    public Map<String, Object> content() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", description);
        s.put("owner", owner);
        s.put("dueOn", dueOn == null ? null : dueOn.toString());
        return s;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = content();
        s.put("id", id);
        s.put("position", position);
        s.put("status", status.name());
        return s;
    }

    @Override
    public String auditType() {
        return raisedBy.auditType;
    }

    @Override
    public Object auditId() {
        return id;
    }

    public Long getId() { return id; }
    public RaisedBy getRaisedBy() { return raisedBy; }
    public Long getParentId() { return parentId; }
    public int getPosition() { return position; }
    public String getDescription() { return description; }
    public String getOwner() { return owner; }
    public LocalDate getDueOn() { return dueOn; }
    public Status getStatus() { return status; }
    public boolean isWithdrawn() { return withdrawn; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
}
