package com.attest.intake;

import com.attest.incident.Source;
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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A key one source presents to the intake endpoint. Only its SHA-256 is stored; the key itself is shown once,
 * when created. Rotation issues a successor and lets this one live on until {@code expiresAt}, so the source
 * can be switched over without losing an alert. Revoked keys stay, as the record of who could send what.
 */
@Entity
@Table(name = "intake_key")
@NamedQuery(name = IntakeKey.ALL, query = "SELECT k FROM IntakeKey k ORDER BY k.source, k.createdAt DESC")
@NamedQuery(name = IntakeKey.BY_HASH, query = "SELECT k FROM IntakeKey k WHERE k.keyHash = :hash")
public class IntakeKey implements Audited {

    static final String ALL = "IntakeKey.all";
    static final String BY_HASH = "IntakeKey.byHash";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Source source;
    @Column(nullable = false, updatable = false)
    private String name;
    @Column(nullable = false, updatable = false)
    private String prefix;
    @Column(name = "key_hash", nullable = false, updatable = false)
    private String keyHash;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revoked_by")
    private String revokedBy;
    @Column(name = "replaced_by")
    private Long replacedBy;
    @Version
    private long version;

    protected IntakeKey() {
    }

    IntakeKey(Source source, String name, String prefix, String keyHash, String by, Instant now) {
        this.source = source;
        this.name = name;
        this.prefix = prefix;
        this.keyHash = keyHash;
        this.createdBy = by;
        this.createdAt = now;
    }

    /** Accepted now: not revoked and not past the end of its rotation overlap. */
    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    void retire(Long successor, Instant until) {
        this.replacedBy = successor;
        this.expiresAt = until;
    }

    void revoke(String by, Instant now) {
        this.revokedAt = now;
        this.revokedBy = by;
    }

    @Override
    public String auditType() {
        return IntakeKeyService.ENTITY;
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", source);
        s.put("name", name);
        s.put("prefix", prefix);
        s.put("keyHash", keyHash);
        s.put("createdAt", createdAt);
        s.put("createdBy", createdBy);
        s.put("expiresAt", expiresAt);
        s.put("revokedAt", revokedAt);
        s.put("revokedBy", revokedBy);
        s.put("replacedBy", replacedBy);
        return s;
    }

    public Long getId() {
        return id;
    }

    public Source getSource() {
        return source;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    String getKeyHash() {
        return keyHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public Long getReplacedBy() {
        return replacedBy;
    }

    public long getVersion() {
        return version;
    }
}
