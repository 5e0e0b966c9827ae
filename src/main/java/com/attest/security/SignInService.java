package com.attest.security;

import com.attest.platform.audit.AuditOrigin;
import com.attest.platform.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one sign-in attempt and records it: success, each failure with its reason, and the lockout a
 * failure causes. Runs in its own transaction so a failed attempt is counted and audited even though the
 * request that carried it goes no further.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class SignInService {

    static final String ANONYMOUS = "anonymous";
    private static final int MAX_INPUT = 256;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private AuditTrail audit;

    @Inject
    private AuditOrigin origin;

    @Inject
    private SignInThrottle throttle;

    @Inject
    private EntraSettings settings;

    @Inject
    private com.attest.platform.change.Changes changes;

    /**
     * One attempt. What it tells the person depends on the password: with a wrong one, only that the username or
     * password is wrong — never whether the account exists, is locked or disabled. Only the right password learns
     * that the account is locked, disabled or past its access date. A client address that failed too often waits
     * first, whatever it sends.
     */
    public SignInResult attempt(String rawUsername, String password) {
        Instant now = clock.instant();
        String username = AccountForm.normalizeUsername(rawUsername);
        String address = origin.clientAddress();
        Instant wait = address == null ? null : throttle.addressBlockedUntil(address);
        if (wait != null) {
            record(null, username, "client address throttled");
            return SignInResult.refused(SignInStatus.THROTTLED, wait);
        }
        if (!settings.localSignIn()) {
            record(null, username, "local sign-in is switched off");
            return SignInResult.refused(SignInStatus.LOCAL_OFF, null);
        }
        if (username.isEmpty() || username.length() > MAX_INPUT || password == null || password.isEmpty()
                || password.length() > MAX_INPUT) {
            return failed(null, username, address, "malformed credentials");
        }
        Optional<User> found = em.createNamedQuery(User.BY_USERNAME, User.class)
                .setParameter("username", username)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            hasher.verifyDecoy(password);
            boolean locked = throttle.usernameBlockedUntil(username) != null;
            throttle.usernameFailed(username);
            return failed(null, username, address, locked ? "unknown username, locked" : "unknown username");
        }
        User user = found.get();
        if (user.isEntra()) {
            hasher.verifyDecoy(password); // no password here: answered like an unknown username, never locked
            throttle.usernameFailed(username);
            return failed(user, username, address, "password for an account that signs in with Entra ID");
        }
        if (!hasher.matches(password, user.getPasswordHash())) {
            if (user.isLocked(now)) {
                return failed(user, username, address, "wrong password while locked");
            }
            Map<String, Object> before = user.snapshot();
            boolean lockedNow = user.recordFailedSignIn(now);
            failed(user, username, address, "wrong password");
            if (lockedNow) {
                audit.record(username, "auth.account-locked", UserService.ENTITY, user.getId(), before,
                        user.snapshot());
            }
            return SignInResult.refused(SignInStatus.BAD_CREDENTIALS, null);
        }
        SignInStatus refusal = user.refusal(now, LocalDate.now(clock));
        if (refusal != null) {
            record(user, username, refusal.name().toLowerCase());
            return SignInResult.refused(refusal, user.getLockedUntil());
        }
        user.recordSignIn(now);
        audit.record(username, "auth.signed-in", UserService.ENTITY, user.getId(), null, null);
        return new SignInResult(SignInStatus.SIGNED_IN, username, user.getRoles(), user.isMustChangePassword(), null);
    }

    /**
     * A person Entra ID signed in (their ID token checked in full): the account is made at their first sign-in and
     * follows the token at each one after — name, e-mail and roles — each change in the audit trail. An auditor's new
     * account has access until today, like every auditor's, until the compliance lead names them in an engagement
     * and extends it. A disabled account or one past its access date stays out, whatever Entra ID says.
     */
    public SignInResult entra(EntraIdentity identity) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        User user = em.createNamedQuery(User.BY_ENTRA_ID, User.class)
                .setParameter("tenant", identity.tenantId()).setParameter("object", identity.objectId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst().orElse(null);
        if (user == null) {
            Optional<User> sameName = find(identity.username());
            if (sameName.isPresent()) {
                record(sameName.get(), identity.username(), "Entra ID sign-in for a username a local account has");
                return SignInResult.refused(SignInStatus.USERNAME_TAKEN, null);
            }
            user = changes.create(identity.username(), "user.created-from-entra", User.fromEntra(identity.tenantId(),
                    identity.objectId(), identity.username(), identity.displayName(), identity.email(),
                    identity.roles(), identity.roles().contains(Role.AUDITOR) ? today : null, now));
        } else if (!user.getRoles().equals(identity.roles()) || !user.getDisplayName().equals(identity.displayName())
                || !user.getEmail().equals(identity.email())) {
            User account = user;
            LocalDate accessUntil = identity.roles().contains(Role.AUDITOR) && account.getAccessUntil() == null
                    ? today : account.getAccessUntil();
            changes.apply(account.getUsername(), "user.updated-from-entra", account, () -> {
                account.describe(identity.displayName(), identity.email());
                account.assign(identity.roles(), accessUntil);
            });
        }
        SignInStatus refusal = user.refusal(now, today);
        if (refusal != null) {
            record(user, user.getUsername(), "Entra ID: " + refusal.name().toLowerCase());
            return SignInResult.refused(refusal, null);
        }
        user.recordSignIn(now);
        Map<String, Object> how = new LinkedHashMap<>();
        how.put("with", "Entra ID");
        audit.record(user.getUsername(), "auth.signed-in", UserService.ENTITY, user.getId(), null, how);
        return new SignInResult(SignInStatus.SIGNED_IN, user.getUsername(), user.getRoles(), false, null);
    }

    /** A sign-in with Entra ID that ended before anyone was known: recorded with its reason. */
    public void entraRefused(String reason) {
        record(null, "", "Entra ID: " + reason);
    }

    /**
     * Whether a session that signed in at {@code signedInAt} with {@code sessionRoles} may go on: the account
     * still exists, is enabled, within its access period, still has exactly those roles, and its password has
     * not been reset or changed since.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean stillValid(String username, Instant signedInAt, Set<Role> sessionRoles) {
        return find(username)
                .map(u -> u.isEnabled()
                        && (u.getAccessUntil() == null || !LocalDate.now(clock).isAfter(u.getAccessUntil()))
                        && !u.getPasswordChangedAt().isAfter(signedInAt)
                        && u.getRoles().equals(sessionRoles))
                .orElse(false);
    }

    /** Records a sign-out, from the sign-out action while the session still knows who it was. */
    public void signedOut(String username) {
        find(username).ifPresent(u -> audit.record(username, "auth.signed-out", UserService.ENTITY, u.getId(),
                null, null));
    }

    private Optional<User> find(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** A failed attempt: recorded, counted against the client address, answered as a wrong username or password. */
    private SignInResult failed(User user, String username, String address, String reason) {
        record(user, username, reason);
        if (address != null) {
            throttle.addressFailed(address);
        }
        return SignInResult.refused(SignInStatus.BAD_CREDENTIALS, null);
    }

    private void record(User user, String username, String reason) {
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("username", username.length() > 64 ? username.substring(0, 64) + "…" : username);
        attempt.put("reason", reason);
        audit.record(ANONYMOUS, "auth.sign-in-failed", UserService.ENTITY, user == null ? null : user.getId(),
                null, attempt);
    }
}
