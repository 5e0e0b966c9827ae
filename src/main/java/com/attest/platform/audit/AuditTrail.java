package com.attest.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends to the audit trail and verifies it. Appends are serialised by a transaction-scoped advisory lock,
 * so two concurrent writers never chain onto the same previous row; the row commits or rolls back with the
 * change it describes. A transaction that appends several rows takes the lock and reads the head once.
 */
@ApplicationScoped
@Transactional
public class AuditTrail {

    /** Arbitrary, fixed key of the advisory lock that serialises appends. */
    private static final long APPEND_LOCK = 0x4174746573744155L;
    private static final int VERIFY_BATCH = 1000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditOrigin origin;

    @jakarta.annotation.Resource
    private jakarta.transaction.TransactionSynchronizationRegistry transaction;

    /** How many rows the transaction appended, counted once it commits. */
    private static final Object APPENDED = AuditTrail.class.getName() + ".appended";

    @Inject
    private com.attest.platform.metrics.Metrics metrics;

    @Inject
    private AuditTextIndex textIndex;

    /** Where a transaction keeps the hash of the last row it appended: it holds the lock, so that is the head. */
    private static final Object HEAD = AuditTrail.class.getName() + ".head";

    /** Where a transaction that appends its rows together collects them until it does. */
    private static final Object DEFERRED = AuditTrail.class.getName() + ".deferred";

    /** Where a transaction keeps the client address its rows carry (the same for all of them), once asked. */
    private static final Object CLIENT = AuditTrail.class.getName() + ".client";
    private static final String NO_CLIENT = "";

    /**
     * The client address of this transaction's rows, asked of the request once per transaction: outside a request
     * (a batch of alerts processed in the background) asking costs the container an exception each time.
     */
    private String clientAddress() {
        String known = (String) transaction.getResource(CLIENT);
        if (known == null) {
            String asked = origin.clientAddress();
            known = asked == null ? NO_CLIENT : asked;
            transaction.putResource(CLIENT, known);
        }
        return known.equals(NO_CLIENT) ? null : known;
    }

    /** Records an act of the signed-in caller (or "system" when there is none). */
    public AuditEvent record(String action, String entityType, Object entityId,
                             Map<String, ?> before, Map<String, ?> after) {
        return record(origin.actor(), action, entityType, entityId, before, after);
    }

    /** Records an act on behalf of a named actor, e.g. someone who is still signing in. */
    public AuditEvent record(String actor, String action, String entityType, Object entityId,
                             Map<String, ?> before, Map<String, ?> after) {
        @SuppressWarnings("unchecked")
        List<Pending> deferred = (List<Pending>) transaction.getResource(DEFERRED);
        if (deferred != null) {
            deferred.add(new Pending(clock.instant(), truncate(actor, 64), action, entityType,
                    entityId == null ? null : String.valueOf(entityId),
                    before == null ? null : CanonicalJson.write(before),
                    after == null ? null : CanonicalJson.write(after), clientAddress()));
            return null;
        }
        String prevHash = (String) transaction.getResource(HEAD);
        if (prevHash == null) {
            // row changes (and their row locks) first, the trail's lock last: one order for every writer
            em.flush();
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, APPEND_LOCK).getSingleResult();
            List<AuditEvent> last = em.createNamedQuery(AuditEvent.LAST, AuditEvent.class).setMaxResults(1)
                    .getResultList();
            prevHash = last.isEmpty() ? AuditEvent.GENESIS : last.get(0).getHash();
        }
        long id = ((Number) em.createNativeQuery("SELECT nextval('audit_event_seq')").getSingleResult()).longValue();
        AuditEvent event = new AuditEvent(id, clock.instant(), truncate(actor, 64), action, entityType,
                entityId == null ? null : String.valueOf(entityId),
                before == null ? null : CanonicalJson.write(before),
                after == null ? null : CanonicalJson.write(after),
                clientAddress(), prevHash);
        em.persist(event);
        transaction.putResource(HEAD, event.getHash());
        appended(1);
        return event;
    }

    /**
     * Group commit for a transaction that records many rows (a batch of alerts): from now on its rows are collected,
     * not appended, until {@link #appendDeferred} chains them all under one short hold of the lock, numbered in one
     * statement and written in one multi-row insert. {@link #record} returns null meanwhile. The caller must call
     * {@link #appendDeferred} before the transaction ends; rows recorded and not appended are lost with it.
     */
    public void deferAppends() {
        if (transaction.getResource(DEFERRED) == null) {
            transaction.putResource(DEFERRED, new ArrayList<Pending>());
        }
    }

    /** Appends the rows collected since {@link #deferAppends}, in the order they were recorded; how many. */
    public int appendDeferred() {
        @SuppressWarnings("unchecked")
        List<Pending> deferred = (List<Pending>) transaction.getResource(DEFERRED);
        transaction.putResource(DEFERRED, null);
        if (deferred == null || deferred.isEmpty()) {
            return 0;
        }
        String prevHash = (String) transaction.getResource(HEAD);
        if (prevHash == null) {
            em.flush();
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, APPEND_LOCK).getSingleResult();
            List<AuditEvent> last = em.createNamedQuery(AuditEvent.LAST, AuditEvent.class).setMaxResults(1)
                    .getResultList();
            prevHash = last.isEmpty() ? AuditEvent.GENESIS : last.get(0).getHash();
        }
        @SuppressWarnings("unchecked")
        List<Number> numbers = em.createNativeQuery("SELECT nextval('audit_event_seq') FROM generate_series(1, ?1)")
                .setParameter(1, deferred.size()).getResultList();
        List<Long> ids = numbers.stream().map(Number::longValue).sorted().toList();
        int n = deferred.size();
        Long[] id = new Long[n];
        String[] at = new String[n];
        String[][] text = new String[9][n];
        for (int i = 0; i < n; i++) {
            Pending p = deferred.get(i);
            AuditEvent event = new AuditEvent(ids.get(i), p.at(), p.actor(), p.action(), p.entityType(),
                    p.entityId(), p.before(), p.after(), p.clientAddress(), prevHash);
            id[i] = event.getId();
            at[i] = event.getOccurredAt().toString();
            text[0][i] = event.getActor();
            text[1][i] = event.getAction();
            text[2][i] = event.getEntityType();
            text[3][i] = event.getEntityId();
            text[4][i] = event.getBeforeState();
            text[5][i] = event.getAfterState();
            text[6][i] = event.getClientAddress();
            text[7][i] = event.getPrevHash();
            text[8][i] = event.getHash();
            prevHash = event.getHash();
        }
        var insert = em.createNativeQuery("""
                INSERT INTO audit_event (id, occurred_at, actor, action, entity_type, entity_id, before_state,
                                         after_state, client_address, prev_hash, hash)
                SELECT * FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS timestamptz[]), CAST(?3 AS varchar[]),
                                     CAST(?4 AS varchar[]), CAST(?5 AS varchar[]), CAST(?6 AS varchar[]),
                                     CAST(?7 AS text[]), CAST(?8 AS text[]), CAST(?9 AS varchar[]),
                                     CAST(?10 AS varchar[]), CAST(?11 AS varchar[]))""")
                .setParameter(1, id).setParameter(2, at);
        for (int c = 0; c < 9; c++) {
            insert.setParameter(c + 3, text[c]);
        }
        insert.executeUpdate();
        transaction.putResource(HEAD, prevHash);
        appended(n);
        return n;
    }

    /** Counts appended rows for the metrics once the transaction has committed them (none when it rolls back). */
    private void appended(int rows) {
        int[] count = (int[]) transaction.getResource(APPENDED);
        if (count == null) {
            int[] counted = {0};
            transaction.putResource(APPENDED, counted);
            transaction.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                        metrics.add(AuditMetrics.APPENDS, counted[0]);
                    }
                }
            });
            count = counted;
        }
        count[0] += rows;
    }

    /** A row recorded in a transaction that appends its rows together at its end. */
    private record Pending(java.time.Instant at, String actor, String action, String entityType, String entityId,
                           String before, String after, String clientAddress) {
    }

    /**
     * What the trail is narrowed to, every part optional: who acted, the action (its start: "incident." gives every
     * incident action), the record's type and id, from and to (an instant range, the end excluded), and free text
     * found in the actor, action, record id or the before and after states.
     */
    public record Filter(String actor, String action, String entityType, String entityId, java.time.Instant from,
                         java.time.Instant to, String text) implements java.io.Serializable {

        public static final Filter NONE = new Filter(null, null, null, null, null, null, null);

        String where() {
            List<String> parts = new java.util.ArrayList<>();
            if (given(actor)) {
                parts.add("LOWER(e.actor) = :actor");
            }
            if (given(action)) {
                parts.add("e.action LIKE :action ESCAPE '!'");
            }
            if (given(entityType)) {
                parts.add("LOWER(e.entityType) = :entityType");
            }
            if (given(entityId)) {
                parts.add("e.entityId = :entityId");
            }
            if (from != null) {
                parts.add("e.occurredAt >= :from");
            }
            if (to != null) {
                parts.add("e.occurredAt < :to");
            }
            if (given(text)) {
                // the row's words (actor, action, record id, states), indexed behind the trail: see AuditTextIndex
                parts.add("e.id IN (SELECT t.eventId FROM AuditText t WHERE t.words LIKE :text ESCAPE '!')");
            }
            return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }

        void bind(jakarta.persistence.Query query) {
            if (given(actor)) {
                query.setParameter("actor", actor.strip().toLowerCase(java.util.Locale.ROOT));
            }
            if (given(action)) {
                query.setParameter("action", literal(action.strip()) + "%");
            }
            if (given(entityType)) {
                query.setParameter("entityType", entityType.strip().toLowerCase(java.util.Locale.ROOT));
            }
            if (given(entityId)) {
                query.setParameter("entityId", entityId.strip());
            }
            if (from != null) {
                query.setParameter("from", from);
            }
            if (to != null) {
                query.setParameter("to", to);
            }
            if (given(text)) {
                // the words are joined by a control character: no search may reach across two of them
                query.setParameter("text", "%" + literal(text.replaceAll("\\p{Cntrl}", "").strip()
                        .toLowerCase(java.util.Locale.ROOT)) + "%");
            }
        }

        private static boolean given(String value) {
            return value != null && !value.isBlank();
        }

        private static String literal(String value) {
            return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        }
    }

    /** A page of the trail narrowed by {@code filter}, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEvent> page(Filter filter, int first, int size) {
        searchable(filter);
        jakarta.persistence.TypedQuery<AuditEvent> query = em.createQuery("SELECT e FROM AuditEvent e"
                + filter.where() + " ORDER BY e.id DESC", AuditEvent.class);
        filter.bind(query);
        return query.setFirstResult(first).setMaxResults(size).getResultList();
    }

    /** How many rows {@code filter} leaves. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(Filter filter) {
        searchable(filter);
        jakarta.persistence.TypedQuery<Long> query = em.createQuery("SELECT COUNT(e) FROM AuditEvent e"
                + filter.where(), Long.class);
        filter.bind(query);
        return query.getSingleResult();
    }

    /** A free-text search finds every row committed before it: the index is brought up to date first. */
    private void searchable(Filter filter) {
        if (filter.text() != null && !filter.text().isBlank()) {
            textIndex.catchUp();
        }
    }

    /** A page of the trail, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEvent> page(int first, int size) {
        return em.createNamedQuery(AuditEvent.LAST, AuditEvent.class)
                .setFirstResult(first).setMaxResults(size).getResultList();
    }

    /**
     * When {@code actor} last did {@code action} before their latest time (e.g. the sign-in before this one: when
     * they were last here), or empty when they did it once or never.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<java.time.Instant> previous(String actor, String action) {
        List<?> rows = em.createNativeQuery("SELECT occurred_at FROM audit_event WHERE actor = ?1 AND action = ?2"
                        + " ORDER BY id DESC OFFSET 1 LIMIT 1")
                .setParameter(1, actor).setParameter(2, action).getResultList();
        return rows.stream().findFirst().map(AuditTrail::instant);
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return (java.time.Instant) value;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM audit_event").getSingleResult()).longValue();
    }

    /**
     * Recomputes the whole chain from the first row and names the first row that does not hold: its stored
     * previous hash is not the hash of the row before it (a row was removed or reordered), or its stored hash
     * is not the hash of its own content (the row was altered).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChainVerification verify() {
        String expectedPrev = AuditEvent.GENESIS;
        long checked = 0;
        long after = 0;
        while (true) {
            List<AuditEvent> batch = em.createNamedQuery(AuditEvent.FROM_ID, AuditEvent.class)
                    .setParameter("after", after).setMaxResults(VERIFY_BATCH).getResultList();
            if (batch.isEmpty()) {
                return ChainVerification.intact(checked, clock.instant());
            }
            for (AuditEvent event : batch) {
                if (!event.getPrevHash().equals(expectedPrev)) {
                    return ChainVerification.broken(checked, event.getId(),
                            "previous-hash link does not match the row before it (a row was removed or altered)",
                            clock.instant());
                }
                if (!event.getHash().equals(event.computeHash(expectedPrev))) {
                    return ChainVerification.broken(checked, event.getId(),
                            "content does not match its stored hash (the row was altered)", clock.instant());
                }
                expectedPrev = event.getHash();
                checked++;
                after = event.getId();
            }
            em.clear();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
