package com.attest.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts failed sign-ins in the database (so every node of the portal sees them):
 * <ul>
 *   <li>per username that names no account, locking it like an account after {@link User#MAX_FAILED_ATTEMPTS}
 *       failures, so a lock tells nobody whether an account exists;</li>
 *   <li>per client address: after {@code attest.signin.free-failures} failures (10 unless configured) within
 *       {@link #WINDOW}, every further attempt from the address waits, the wait doubling per failure up to
 *       {@link #MAX_WAIT}. Several people behind one address may mistype a few times; guessing at full speed
 *       may not.</li>
 * </ul>
 * A window with no failure for its whole length starts again from nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SignInThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "attest.signin.free-failures", defaultValue = "10")
    private int freeFailures;

    /** Until when the client address must wait before its next attempt is looked at, or null. */
    public Instant addressBlockedUntil(String address) {
        return blockedUntil("addr:" + address);
    }

    /** Until when the unknown username is locked, or null. */
    public Instant usernameBlockedUntil(String username) {
        return blockedUntil("user:" + username);
    }

    /** A failure from this address: counted; past the free ones, the address waits twice as long as the last time. */
    public void addressFailed(String address) {
        int failures = count("addr:" + address);
        if (failures > freeFailures) {
            long seconds = Math.min(MAX_WAIT.toSeconds(), 1L << Math.min(20, failures - freeFailures - 1));
            block("addr:" + address, clock.instant().plusSeconds(seconds));
        }
    }

    /** A failure for a username that names no account: locked as an account would be. */
    public void usernameFailed(String username) {
        if (count("user:" + username) >= User.MAX_FAILED_ATTEMPTS) {
            block("user:" + username, clock.instant().plus(User.LOCK_DURATION));
        }
    }

    private Instant blockedUntil(String key) {
        List<?> rows = em.createNativeQuery("SELECT blocked_until FROM sign_in_throttle WHERE key = ?1"
                + " AND blocked_until > ?2").setParameter(1, key).setParameter(2, Timestamp.from(clock.instant()))
                .getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : toInstant(rows.get(0));
    }

    /** Counts one failure for {@code key}, in its window (a stale window starts again); returns the count. */
    private int count(String key) {
        Instant now = clock.instant();
        Number failures = (Number) em.createNativeQuery("""
                INSERT INTO sign_in_throttle (key, failures, first_failure) VALUES (?1, 1, ?2)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN sign_in_throttle.first_failure < ?3 THEN 1
                                    ELSE sign_in_throttle.failures + 1 END,
                    first_failure = CASE WHEN sign_in_throttle.first_failure < ?3 THEN ?2
                                         ELSE sign_in_throttle.first_failure END,
                    blocked_until = CASE WHEN sign_in_throttle.first_failure < ?3 THEN NULL
                                         ELSE sign_in_throttle.blocked_until END
                RETURNING failures""").setParameter(1, key).setParameter(2, Timestamp.from(now))
                .setParameter(3, Timestamp.from(now.minus(WINDOW))).getSingleResult();
        forgetStale(now);
        return failures.intValue();
    }

    private void block(String key, Instant until) {
        em.createNativeQuery("UPDATE sign_in_throttle SET blocked_until = ?2 WHERE key = ?1")
                .setParameter(1, key).setParameter(2, Timestamp.from(until)).executeUpdate();
    }

    /** Rows whose window and block have both passed say nothing any more. */
    private void forgetStale(Instant now) {
        em.createNativeQuery("DELETE FROM sign_in_throttle WHERE first_failure < ?1"
                        + " AND (blocked_until IS NULL OR blocked_until < ?2)")
                .setParameter(1, Timestamp.from(now.minus(WINDOW).minus(MAX_WAIT)))
                .setParameter(2, Timestamp.from(now)).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        return value instanceof Timestamp t ? t.toInstant()
                : value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
