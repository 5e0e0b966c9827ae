package com.attest.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The audit trail's free-text index, kept behind the trail: appending a row costs no trigrams inside the transaction
 * that holds the trail's lock (in an alert storm that was most of the database's work); the words of the rows
 * appended since are written here in one statement per chunk, by {@link AuditTextSweep} when the trail is quiet (and
 * at least once a minute) and by every free-text search before it runs, so a search finds every row committed
 * before it. The trail's rows commit in the order of their ids (each appender holds the trail's lock from numbering
 * to commit), so everything above the highest indexed id is exactly what is left to index. One writer at a time,
 * across nodes: a database lock; whoever waited for it finds the work done.
 */
@ApplicationScoped
public class AuditTextIndex {

    /** Arbitrary, fixed key of the advisory lock held while the index is brought up to date. */
    private static final long INDEX_LOCK = 0x4174746573745458L;
    private static final int CHUNK = 10_000;

    @PersistenceContext
    private EntityManager em;

    /** This bean through its proxy: each chunk in a transaction of its own. */
    @Inject
    private AuditTextIndex self;

    /** Indexes every row appended since the last time, waiting for whoever is doing so already; how many. */
    public int catchUp() {
        return catchUp(true);
    }

    /**
     * The same, but when another node (or thread) is indexing now, leaves it to them and returns 0 at once: what a
     * background sweep does, so two nodes' sweeps never wait on each other for the same rows.
     */
    public int catchUpUnlessBusy() {
        return catchUp(false);
    }

    private int catchUp(boolean wait) {
        int total = 0;
        int n;
        do {
            n = self.indexNext(CHUNK, wait);
            total += Math.max(n, 0);
        } while (n == CHUNK);
        return total;
    }

    /** The highest id of the trail: unchanged between two looks means nothing was appended meanwhile. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long head() {
        return ((Number) em.createNativeQuery("SELECT coalesce(max(id), 0) FROM audit_event").getSingleResult())
                .longValue();
    }

    /**
     * Indexes up to {@code max} of the oldest rows not yet indexed, in a transaction of its own; how many, or -1 when
     * {@code wait} is false and someone else holds the index's lock.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int indexNext(int max, boolean wait) {
        if (wait) {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, INDEX_LOCK).getSingleResult();
        } else if (!(Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, INDEX_LOCK)
                .getSingleResult()) {
            return -1;
        }
        return em.createNativeQuery("""
                        INSERT INTO audit_text (event_id, words)
                        SELECT e.id, lower(concat_ws(chr(31), e.actor, e.action, e.entity_id, e.before_state,
                                                     e.after_state))
                        FROM audit_event e
                        WHERE e.id > (SELECT coalesce(max(event_id), 0) FROM audit_text)
                        ORDER BY e.id LIMIT ?1""").setParameter(1, max).executeUpdate();
    }
}
