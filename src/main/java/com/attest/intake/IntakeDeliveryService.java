package com.attest.intake;

import com.attest.platform.Times;
import com.attest.incident.Source;
import com.attest.calendar.CalendarService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.platform.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Deliveries kept before they are processed. {@link #accept} keeps an authenticated, readable delivery in one short
 * transaction (no incident or audit lock), so intake can answer 202 at once; {@link #processBatch} claims the oldest
 * pending deliveries that no other node holds ({@code FOR UPDATE SKIP LOCKED}) and turns them into register entries
 * in ONE transaction, set-based ({@link IntakeBatch}): the incident numbers of the batch come from one update of the
 * held counter row, its rows from one multi-row insert per table, its audit rows are collected and chained at the end
 * under one short hold of the trail's lock (one numbering statement, one multi-row insert), the deliveries are marked
 * processed in one statement, and one commit ends it. Of the deliveries of one alert only the oldest pending one is
 * claimable, so a Resolved never overtakes its Fired, on one node or two. A delivery that cannot be read is kept as
 * undeliverable, with why, and can be replayed.
 */
@ApplicationScoped
public class IntakeDeliveryService {

    /** The most deliveries one transaction processes. */
    public static final int BATCH = 500;

    /** What became of a delivery. */
    public enum State {
        /** Kept, not yet processed. */
        PENDING,
        /** Turned into register entries (or recognised as a repeat). */
        PROCESSED,
        /** Refused as unreadable when it arrived; kept with why. */
        UNDELIVERABLE,
        /** Readable when it arrived, yet processing it failed; kept with why. */
        FAILED
    }

    /** A delivery's state as its sender may read it. */
    public record Status(long id, Source source, State state, Instant receivedAt, Instant processedAt, Long alertId,
                         String incidentReference, Boolean duplicate, String refusal) {
    }

    /** How many deliveries of one source were refused (or failed) on one day of the organisation's calendar. */
    public record RefusedDay(LocalDate day, Source source, State state, long count) implements Serializable {
    }

    /** A delivery kept though it could not be processed: what the intake page lists and can replay. */
    public record Kept(long id, Source source, State state, Instant receivedAt, String sha256, int sizeBytes,
                       String caller, String refusal) implements Serializable {
    }

    /**
     * The oldest pending delivery of its alert, asked of each pending delivery in turn, the pending ones walked in
     * order (the oldest of an alert found in the index of pending deliveries by alert), until the claim has
     * {@code max}: so a later delivery of an alert never goes before an earlier one still pending, whichever node
     * holds what. Written "{@code <=}" rather than "{@code =}" (the same here: the alert's oldest pending delivery is
     * never younger than this one) so that the planner expects a third of the pending deliveries to pass, not one
     * in hundreds, and walks them in order, stopping at {@code max}: with "{@code =}" it read every pending delivery
     * and sorted them in each claim, 42–53 ms with 10,000 waiting against 13–16 ms (in a storm 8.8 ms a claim on
     * average). Written as NOT EXISTS the planner joined all pending deliveries with each other.
     */
    private static final String CLAIMABLE = """
            FROM intake_delivery d
            WHERE d.state = 'PENDING'
              AND d.id <= (SELECT min(e.id) FROM intake_delivery e
                           WHERE e.state = 'PENDING' AND e.alert_key = d.alert_key)
            """;

    @PersistenceContext
    private EntityManager em;

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private Clock clock;

    @Inject
    private IntakeBatch batch;

    @Inject
    private AcceptedAlerts accepted;

    @Inject
    private CalendarService calendars;

    @Inject
    private AuditTrail audit;

    @Inject
    private Caller caller;

    /** Keeps a delivery that was read as {@code alert}, to be processed behind the answer; its id. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long accept(ReceivedAlert alert, Delivery delivery) {
        return insert(alert.source(), alertKey(alert), delivery, State.PENDING, null);
    }

    /** A delivery to keep, read as {@code alert}. */
    public record Accepting(ReceivedAlert alert, Delivery delivery) {
    }

    /**
     * Keeps deliveries that arrived together in one transaction (one numbering statement, one multi-row insert, one
     * commit); their ids, in the order given. See {@link IntakeGroupCommit}. Plain JDBC on a connection of the pool,
     * outside any container transaction: this is the portal's hottest write in an alert storm, it touches one table
     * and no entity, and the persistence context and transaction manager cost more than the insert itself.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<Long> acceptAll(List<Accepting> group) {
        int n = group.size();
        String[][] text = new String[6][n];
        byte[][] body = new byte[n][];
        Integer[] size = new Integer[n];
        for (int i = 0; i < n; i++) {
            Accepting a = group.get(i);
            text[0][i] = a.alert().source().name();
            text[1][i] = alertKey(a.alert());
            text[2][i] = a.delivery().contentType();
            text[3][i] = a.delivery().sha256();
            text[4][i] = a.delivery().caller();
            text[5][i] = a.delivery().remoteAddr();
            body[i] = a.delivery().body();
            size[i] = a.delivery().body().length;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // numbered as they are inserted, in the order given (ordinality): one statement, one round trip
                Long[] ids = new Long[n];
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO intake_delivery (source, alert_key, content_type, sha256, caller, remote_addr,
                            body, size_bytes, received_at, state)
                        SELECT u.source, u.alert_key, u.content_type, u.sha256, u.caller, u.remote_addr, u.body,
                            u.size_bytes, CAST(? AS timestamptz), 'PENDING'
                        FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]),
                            CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS bytea[]),
                            CAST(? AS int[])) WITH ORDINALITY AS u(source, alert_key, content_type, sha256, caller,
                            remote_addr, body, size_bytes, n)
                        ORDER BY u.n
                        RETURNING id""")) {
                    // as text, read by PostgreSQL: the driver's own time binding builds its formatter anew per
                    // statement, which cost more than the rest of the binding
                    insert.setString(1, clock.instant().toString());
                    for (int t = 0; t < 6; t++) {
                        insert.setArray(2 + t, c.createArrayOf("varchar", text[t]));
                    }
                    insert.setArray(8, c.createArrayOf("bytea", body));
                    insert.setArray(9, c.createArrayOf("int4", size));
                    try (ResultSet rs = insert.executeQuery()) {
                        for (int i = 0; rs.next(); i++) {
                            ids[i] = rs.getLong(1);
                        }
                    }
                }
                // the sequence numbered the rows in the order they were inserted, whatever order they are returned in
                Arrays.sort(ids);
                c.commit();
                return List.of(ids);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The deliveries could not be kept: " + e.getMessage(), e);
        }
    }

    /** Keeps a delivery the portal could not read, with the reason it was refused; its id. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long keepUndeliverable(Source source, Delivery delivery, InvalidInput refusal) {
        return insert(source, null, delivery, State.UNDELIVERABLE, reason(refusal));
    }

    private long insert(Source source, String alertKey, Delivery delivery, State state, String refusal) {
        return ((Number) em.createNativeQuery("""
                        INSERT INTO intake_delivery (source, alert_key, received_at, content_type, body, sha256,
                            size_bytes, caller, remote_addr, state, refusal)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id""")
                .setParameter(1, source.name()).setParameter(2, alertKey)
                .setParameter(3, Timestamp.from(clock.instant())).setParameter(4, delivery.contentType())
                .setParameter(5, delivery.body()).setParameter(6, delivery.sha256())
                .setParameter(7, delivery.body().length).setParameter(8, delivery.caller())
                .setParameter(9, delivery.remoteAddr()).setParameter(10, state.name())
                .setParameter(11, refusal).getSingleResult()).longValue();
    }

    /**
     * Claims up to {@code max} pending deliveries and processes them in this one transaction, oldest first.
     * Any failure rolls the whole batch back (nothing half-written); the caller then goes one by one.
     *
     * @return how many were claimed
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int processBatch(int max) {
        oneBatchAtATime();
        audit.deferAppends();
        List<Object[]> claimed = claim("", max);
        process(claimed);
        audit.appendDeferred();
        return claimed.size();
    }

    /** The ids the next batch would claim, without claiming them: to go one by one after a batch failed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> claimable(int max) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT d.id " + CLAIMABLE + " ORDER BY d.id LIMIT ?1")
                .setParameter(1, max)
                .getResultList();
        return ids.stream().map(Number::longValue).collect(Collectors.toList());
    }

    /** Processes one delivery in a transaction of its own, if it is still pending and nobody holds it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean processOne(long id) {
        oneBatchAtATime();
        audit.deferAppends();
        List<Object[]> claimed = claim(" AND d.id = ?2", 1, id);
        process(claimed);
        audit.appendDeferred();
        return !claimed.isEmpty();
    }

    /** Marks a delivery that cannot be processed as failed, with why; it stays kept and can be replayed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(long id, String why) {
        em.createNativeQuery("UPDATE intake_delivery SET state = 'FAILED', refusal = ?2, processed_at = ?3,"
                        + " attempts = attempts + 1 WHERE id = ?1 AND state = 'PENDING'")
                .setParameter(1, id).setParameter(2, abbreviate(why, 2000))
                .setParameter(3, Timestamp.from(clock.instant())).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Status> status(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, source, state, received_at, processed_at, alert_id, incident_reference, duplicate,
                               refusal
                        FROM intake_delivery WHERE id = ?1""").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new Status(((Number) r[0]).longValue(),
                Source.valueOf((String) r[1]), State.valueOf((String) r[2]), Times.instant(r[3]), Times.instant(r[4]),
                r[5] == null ? null : ((Number) r[5]).longValue(), (String) r[6], (Boolean) r[7], (String) r[8]));
    }

    /** How many deliveries wait to be processed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long pending() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM intake_delivery WHERE state = 'PENDING'")
                .getSingleResult()).longValue();
    }

    /** Refused and failed deliveries per day and source, the last {@code days} days, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RefusedDay> refusedByDay(int days) {
        String zone = calendars.zone().getId();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT CAST((received_at AT TIME ZONE ?1) AS date) AS day, source, state, count(*)
                        FROM intake_delivery
                        WHERE state IN ('UNDELIVERABLE', 'FAILED') AND received_at >= ?2
                        GROUP BY 1, 2, 3 ORDER BY 1 DESC, 2, 3""")
                .setParameter(1, zone).setParameter(2, Timestamp.from(clock.instant().minus(Duration.ofDays(days))))
                .getResultList();
        return rows.stream().map(r -> new RefusedDay(localDate(r[0]), Source.valueOf((String) r[1]),
                State.valueOf((String) r[2]), ((Number) r[3]).longValue())).toList();
    }

    /** The most recent refused and failed deliveries, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Kept> refused(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, source, state, received_at, sha256, size_bytes, caller, refusal
                        FROM intake_delivery WHERE state IN ('UNDELIVERABLE', 'FAILED')
                        ORDER BY received_at DESC, id DESC LIMIT ?1""").setParameter(1, max).getResultList();
        return rows.stream().map(r -> new Kept(((Number) r[0]).longValue(), Source.valueOf((String) r[1]),
                State.valueOf((String) r[2]), Times.instant(r[3]), (String) r[4], ((Number) r[5]).intValue(),
                (String) r[6], (String) r[7])).toList();
    }

    /**
     * Replays a refused or failed delivery with the readers and rules in force now: when it reads, it is queued to
     * be processed as if it had just arrived (its bytes and received time unchanged); when it still does not, the
     * refusal names why and nothing changes. The compliance lead's act, audited.
     */
    @Transactional
    public void replay(long id) {
        caller.require("replay intake deliveries", Role.COMPLIANCE_LEAD);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT source, state, body, refusal, sha256 FROM intake_delivery"
                + " WHERE id = ?1 FOR UPDATE").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw new InvalidInput("delivery", "No delivery " + id + ".");
        }
        Object[] row = rows.get(0);
        Source source = Source.valueOf((String) row[0]);
        State state = State.valueOf((String) row[1]);
        if (state != State.UNDELIVERABLE && state != State.FAILED) {
            throw new InvalidInput("delivery", "Delivery " + id + " is " + state.name().toLowerCase(Locale.ROOT)
                    + "; only a refused or failed delivery is replayed.");
        }
        ReceivedAlert alert;
        try {
            alert = AlertPayloads.parse(source, AlertPayloads.read((byte[]) row[2]), clock.instant());
        } catch (InvalidInput still) {
            throw new InvalidInput("delivery", "Delivery " + id + " still cannot be read: " + reason(still));
        }
        em.createNativeQuery("UPDATE intake_delivery SET state = 'PENDING', alert_key = ?2, refusal = NULL,"
                + " processed_at = NULL WHERE id = ?1").setParameter(1, id).setParameter(2, alertKey(alert))
                .executeUpdate();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("source", source.name());
        before.put("state", state.name());
        before.put("sha256", row[4]);
        before.put("refusal", row[3]);
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("state", State.PENDING.name());
        after.put("refusal", null);
        after.put("alert", alertKey(alert));
        audit.record(caller.name(), "intake.delivery.replayed", "IntakeDelivery", id, before, after);
    }

    /**
     * Batches of two nodes take one after the other, each holding its lock to commit: a batch takes the advisory locks
     * of its alerts and subjects one alert at a time and the year's incident counter row at its first new incident,
     * so two batches running side by side could each hold what the other waits for. One node's batches already run
     * one at a time; this makes it so across nodes. Claims stay {@code SKIP LOCKED}: a node that waited claims what is
     * left.
     */
    private void oneBatchAtATime() {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)").setParameter(1, BATCH_LOCK).getSingleResult();
    }

    private static final long BATCH_LOCK = IntakeService.lockKey("intake|batch");

    /** Locks what it returns until the transaction ends; rows another node holds are skipped, not waited for. */
    private List<Object[]> claim(String and, int max, Object... more) {
        // without the bodies: those this node accepted are still in memory ({@link AcceptedAlerts})
        var query = em.createNativeQuery("SELECT d.id, d.source, d.received_at, d.content_type, d.sha256, d.caller,"
                + " d.remote_addr " + CLAIMABLE + and + " ORDER BY d.id LIMIT ?1 FOR UPDATE SKIP LOCKED");
        query.setParameter(1, max);
        for (int i = 0; i < more.length; i++) {
            query.setParameter(i + 2, more[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return new ArrayList<>(rows);
    }

    /** Reads the claimed deliveries and has the batch process them in order; marks each processed (or failed). */
    private void process(List<Object[]> claimed) {
        // what is older than the oldest claimed, or anything when nothing was claimable, another node has (or had)
        accepted.forgetBefore(claimed.isEmpty() ? Long.MAX_VALUE : ((Number) claimed.get(0)[0]).longValue());
        Map<Long, AcceptedAlerts.Accepted> here = new HashMap<>();
        List<Long> elsewhere = new ArrayList<>();
        for (Object[] row : claimed) {
            long id = ((Number) row[0]).longValue();
            AcceptedAlerts.Accepted a = accepted.take(id);
            if (a != null) {
                here.put(id, a);
            } else {
                elsewhere.add(id);
            }
        }
        Map<Long, byte[]> bodies = bodies(elsewhere);
        List<IntakeBatch.Item> items = new ArrayList<>(claimed.size());
        for (Object[] row : claimed) {
            long id = ((Number) row[0]).longValue();
            Instant receivedAt = Times.instant(row[2]);
            AcceptedAlerts.Accepted a = here.get(id);
            if (a != null) {
                items.add(new IntakeBatch.Item(id, receivedAt, a.delivery(), a.alert()));
                continue;
            }
            Source source = Source.valueOf((String) row[1]);
            byte[] body = bodies.get(id);
            Delivery delivery = new Delivery(body, (String) row[3], (String) row[5], (String) row[6], (String) row[4]);
            try {
                items.add(new IntakeBatch.Item(id, receivedAt, delivery,
                        AlertPayloads.parse(source, AlertPayloads.read(body), receivedAt)));
            } catch (InvalidInput unreadable) {
                // read when it arrived: only a changed reader refuses it now; kept, and replayable
                em.createNativeQuery("UPDATE intake_delivery SET state = 'FAILED', refusal = ?2, processed_at = ?3,"
                                + " attempts = attempts + 1 WHERE id = ?1")
                        .setParameter(1, id).setParameter(2, reason(unreadable))
                        .setParameter(3, Timestamp.from(clock.instant())).executeUpdate();
            }
        }
        List<Receipt> receipts = batch.process(items);
        int n = items.size();
        if (n == 0) {
            return;
        }
        Long[] ids = new Long[n];
        Long[] alerts = new Long[n];
        String[] references = new String[n];
        Boolean[] duplicates = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ids[i] = items.get(i).deliveryId();
            alerts[i] = receipts.get(i).alertId();
            references[i] = receipts.get(i).incidentReference();
            duplicates[i] = receipts.get(i).duplicate();
        }
        em.createNativeQuery("""
                        UPDATE intake_delivery d SET state = 'PROCESSED', processed_at = ?1, alert_id = u.alert_id,
                            incident_reference = u.reference, duplicate = u.duplicate, attempts = d.attempts + 1
                        FROM unnest(CAST(?2 AS bigint[]), CAST(?3 AS bigint[]), CAST(?4 AS varchar[]),
                                    CAST(?5 AS boolean[])) AS u(id, alert_id, reference, duplicate)
                        WHERE d.id = u.id""")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, ids).setParameter(3, alerts)
                .setParameter(4, references).setParameter(5, duplicates).executeUpdate();
    }

    /** The stored bytes of these deliveries, by id. */
    private Map<Long, byte[]> bodies(List<Long> ids) {
        Map<Long, byte[]> bodies = new HashMap<>();
        if (ids.isEmpty()) {
            return bodies;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, body FROM intake_delivery WHERE id = ANY(CAST(?1 AS"
                + " bigint[]))").setParameter(1, ids.toArray(Long[]::new)).getResultList();
        rows.forEach(r -> bodies.put(((Number) r[0]).longValue(), (byte[]) r[1]));
        return bodies;
    }

    static String alertKey(ReceivedAlert alert) {
        return alert.source().name() + "|" + alert.externalId();
    }

    static String reason(InvalidInput refusal) {
        return abbreviate(refusal.errors().stream().map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")), 2000);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        throw new IllegalStateException("Not a date: " + value.getClass());
    }

}
