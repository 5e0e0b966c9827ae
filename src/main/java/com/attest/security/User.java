package com.attest.security;

import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person who signs in. Accounts are never deleted, only disabled, because the audit trail and the
 * evidence keep naming them.
 *
 * <p>Sign-in rules live here: {@value #MAX_FAILED_ATTEMPTS} failed attempts in a row lock the account for
 * {@link #LOCK_DURATION}; while locked, even the right password is refused and does not count; the lock
 * lifts by itself when its time is up. An account with an access-until date (every auditor has one) is
 * refused from the day after that date.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.BY_USERNAME, query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = User.BY_ENTRA_ID,
        query = "SELECT u FROM User u WHERE u.entraTenantId = :tenant AND u.entraObjectId = :object")
@NamedQuery(name = User.ALL, query = "SELECT u FROM User u ORDER BY u.username")
@NamedQuery(name = User.COUNT, query = "SELECT COUNT(u) FROM User u")
@NamedQuery(name = User.ACTIVE_WITH_ROLE,
        query = "SELECT COUNT(u) FROM User u JOIN u.roles r WHERE r = :role AND u.enabled = TRUE")
public class User implements Versioned, Audited, Serializable {

    public static final String BY_USERNAME = "User.byUsername";
    public static final String BY_ENTRA_ID = "User.byEntraId";
    public static final String ALL = "User.all";
    public static final String COUNT = "User.count";
    public static final String ACTIVE_WITH_ROLE = "User.activeWithRole";

    public static final int MAX_FAILED_ATTEMPTS = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, updatable = false)
    private String username;
    @Column(name = "display_name", nullable = false)
    private String displayName;
    @Column(nullable = false)
    private String email;
    /** Null for an account that signs in through Entra ID: it has no password here. */
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "entra_tenant_id", updatable = false)
    private String entraTenantId;
    @Column(name = "entra_object_id", updatable = false)
    private String entraObjectId;
    @Column(nullable = false)
    private boolean enabled = true;
    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;
    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;
    @Column(name = "locked_until")
    private Instant lockedUntil;
    @Column(name = "access_until")
    private LocalDate accessUntil;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;
    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;
    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected User() {
    }

    User(String username, String displayName, String email, String passwordHash, Set<Role> roles,
         LocalDate accessUntil, boolean mustChangePassword, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.roles = EnumSet.copyOf(roles);
        this.accessUntil = accessUntil;
        this.mustChangePassword = mustChangePassword;
        this.createdAt = now;
        this.passwordChangedAt = now;
    }

    /** An account made at its first sign-in through Entra ID: no password, its roles those the token gives. */
    static User fromEntra(String tenantId, String objectId, String username, String displayName, String email,
                          Set<Role> roles, LocalDate accessUntil, Instant now) {
        User user = new User(username, displayName, email, null, roles, accessUntil, false, now);
        user.entraTenantId = tenantId;
        user.entraObjectId = objectId;
        return user;
    }

    /** Whether the person signs in through Entra ID (and never with a password here). */
    public boolean isEntra() {
        return entraObjectId != null;
    }

    /** Why this account may not sign in now, or {@code null} when it may try. */
    public SignInStatus refusal(Instant now, LocalDate today) {
        if (!enabled) {
            return SignInStatus.DISABLED;
        }
        if (accessUntil != null && today.isAfter(accessUntil)) {
            return SignInStatus.EXPIRED;
        }
        if (isLocked(now)) {
            return SignInStatus.LOCKED;
        }
        return null;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Counts a wrong password; returns true when this failure locks the account. */
    boolean recordFailedSignIn(Instant now) {
        if (lockedUntil != null && !now.isBefore(lockedUntil)) {
            lockedUntil = null;
            failedAttempts = 0;
        }
        failedAttempts++;
        if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
            lockedUntil = now.plus(LOCK_DURATION);
            failedAttempts = 0;
            return true;
        }
        return false;
    }

    void recordSignIn(Instant now) {
        failedAttempts = 0;
        lockedUntil = null;
        lastSignInAt = now;
    }

    void changePassword(String newHash, boolean mustChangeNext, Instant now) {
        this.passwordHash = newHash;
        this.mustChangePassword = mustChangeNext;
        this.passwordChangedAt = now;
        this.failedAttempts = 0;
        this.lockedUntil = null;
    }

    void assign(Set<Role> newRoles, LocalDate newAccessUntil) {
        this.roles.clear();
        this.roles.addAll(newRoles);
        this.accessUntil = newAccessUntil;
    }

    void describe(String newDisplayName, String newEmail) {
        this.displayName = newDisplayName;
        this.email = newEmail;
    }

    void disable() {
        this.enabled = false;
    }

    void enable() {
        this.enabled = true;
    }

    void unlock() {
        this.lockedUntil = null;
        this.failedAttempts = 0;
    }

    @Override
    public String auditType() {
        return UserService.ENTITY;
    }

    @Override
    public Object auditId() {
        return id;
    }


    /** The account as the audit trail records it: everything but the password hash. */
    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("username", username);
        s.put("displayName", displayName);
        s.put("email", email);
        s.put("roles", new TreeSet<>(roles.stream().map(Enum::name).toList()));
        s.put("enabled", enabled);
        s.put("accessUntil", accessUntil);
        s.put("mustChangePassword", mustChangePassword);
        s.put("lockedUntil", lockedUntil);
        if (entraObjectId != null) {
            s.put("entraTenantId", entraTenantId);
            s.put("entraObjectId", entraObjectId);
        }
        return s;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public LocalDate getAccessUntil() {
        return accessUntil;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt;
    }

    public Instant getLastSignInAt() {
        return lastSignInAt;
    }

    public long getVersion() {
        return version;
    }

    public Set<Role> getRoles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public String getEntraTenantId() {
        return entraTenantId;
    }

    public String getEntraObjectId() {
        return entraObjectId;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
