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
