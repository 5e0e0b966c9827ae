package com.attest.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row of the audit trail. Immutable once written (a database trigger refuses UPDATE and DELETE).
 * Its {@link #hash} is SHA-256 over the previous row's hash followed by {@link #canonicalContent()}:
 * change any field, or remove a row, and the chain breaks at that point.
 */
@Entity
@Table(name = "audit_event")
@NamedQuery(name = AuditEvent.LAST, query = "SELECT e FROM AuditEvent e ORDER BY e.id DESC")
@NamedQuery(name = AuditEvent.FROM_ID, query = "SELECT e FROM AuditEvent e WHERE e.id > :after ORDER BY e.id")
public class AuditEvent {

    public static final String LAST = "AuditEvent.last";
    public static final String FROM_ID = "AuditEvent.fromId";
    /** The previous hash of the very first row. */
    public static final String GENESIS = "0".repeat(64);

    @Id
    private Long id;
    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;
    @Column(nullable = false, updatable = false)
    private String actor;
    @Column(nullable = false, updatable = false)
    private String action;
    @Column(name = "entity_type", nullable = false, updatable = false)
    private String entityType;
    @Column(name = "entity_id", updatable = false)
    private String entityId;
    @Column(name = "before_state", updatable = false)
    private String beforeState;
    @Column(name = "after_state", updatable = false)
    private String afterState;
    @Column(name = "client_address", updatable = false)
    private String clientAddress;
    @Column(name = "prev_hash", nullable = false, updatable = false)
    private String prevHash;
    @Column(nullable = false, updatable = false)
    private String hash;

    protected AuditEvent() {
    }

    AuditEvent(long id, Instant occurredAt, String actor, String action, String entityType, String entityId,
               String beforeState, String afterState, String clientAddress, String prevHash) {
        this.id = id;
        this.occurredAt = CanonicalJson.storable(occurredAt);
        this.actor = actor;
        this.action = action;
        this.entityType = entityType;
        this.entityId = entityId;
        this.beforeState = beforeState;
        this.afterState = afterState;
        this.clientAddress = clientAddress;
        this.prevHash = prevHash;
        this.hash = computeHash(prevHash);
    }

    /**
     * What the hash covers, besides the previous hash: every field of the row, as {@link CanonicalJson} writes the
     * map of them (keys in order) — written here directly, as every appended row and every verified row is hashed.
     */
    public String canonicalContent() {
        StringBuilder out = new StringBuilder(160 + length(actor) + length(action) + length(entityType)
                + length(entityId) + length(beforeState) + length(afterState) + length(clientAddress));
        member(out, '{', "action", action);
        member(out, ',', "actor", actor);
        member(out, ',', "after", afterState);
        member(out, ',', "before", beforeState);
        member(out, ',', "clientAddress", clientAddress);
        member(out, ',', "entityId", entityId);
        member(out, ',', "entityType", entityType);
        out.append(",\"id\":").append(id);
        member(out, ',', "occurredAt", CanonicalJson.storable(occurredAt).toString());
        return out.append('}').toString();
    }

    private static void member(StringBuilder out, char before, String key, String value) {
        out.append(before).append('"').append(key).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            CanonicalJson.appendString(out, value);
        }
    }

    private static int length(String s) {
        return s == null ? 4 : s.length() + 8;
    }

    public String computeHash(String previousHash) {
        return Sha256.hex(previousHash + canonicalContent());
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getEntityType() {
        return entityType;
    }

    public String getEntityId() {
        return entityId;
    }

    public String getBeforeState() {
        return beforeState;
    }

    public String getAfterState() {
        return afterState;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getHash() {
        return hash;
    }
}
