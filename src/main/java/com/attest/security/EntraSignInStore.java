package com.attest.security;

import com.attest.platform.audit.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sign-ins under way with Entra ID, one row each in {@code entra_sign_in}: in the database so that the node that
 * answers the callback need not be the one that began it. A row is taken (deleted) by the first callback that names
 * its state, so a code and its state are good once; rows older than {@link #LIFETIME} are worth nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class EntraSignInStore {

    /** How long a person has to finish signing in at Microsoft. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    /** What the callback needs to finish one sign-in. */
    record Pending(String nonce, String codeVerifier, String browserHash, String redirectUri, String returnTo,
                   Instant createdAt) {
    }

    @PersistenceContext
    private EntityManager em;

    void begin(String state, Pending pending) {
        em.createNativeQuery("DELETE FROM entra_sign_in WHERE created_at < ?1")
                .setParameter(1, java.sql.Timestamp.from(pending.createdAt().minus(LIFETIME))).executeUpdate();
        em.createNativeQuery("INSERT INTO entra_sign_in (state, nonce, code_verifier, browser_hash, redirect_uri,"
                        + " return_to, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, state).setParameter(2, pending.nonce()).setParameter(3, pending.codeVerifier())
                .setParameter(4, pending.browserHash()).setParameter(5, pending.redirectUri())
                .setParameter(6, pending.returnTo()).setParameter(7, java.sql.Timestamp.from(pending.createdAt()))
                .executeUpdate();
    }

    /** Takes the sign-in {@code state} names, once; empty when there is none (unknown, used, or from elsewhere). */
    Optional<Pending> take(String state) {
        if (state == null || state.isEmpty() || state.length() > 128) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("DELETE FROM entra_sign_in WHERE state = ?1 RETURNING nonce,"
                + " code_verifier, browser_hash, redirect_uri, return_to, created_at").setParameter(1, state)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Pending((String) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], instant(r[5])));
    }

    static String hash(String browserValue) {
        return Sha256.hex(browserValue == null ? "" : browserValue);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp " + value);
    }
}
