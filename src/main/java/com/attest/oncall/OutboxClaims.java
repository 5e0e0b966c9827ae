package com.attest.oncall;

import com.attest.platform.cluster.Claims;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who sends a notification, decided in the database in one statement (so it is the same in the portal and in the
 * tests that race it). A node claims what is due and holds it under a lease ({@link #LEASE}, counted again from the
 * moment the attempt starts) while its heartbeat goes on. A notification claimed by a node whose heartbeat stopped
 * ({@link Claims#GONE_AFTER}) is taken over at once, whatever its lease says (never by the node itself: a node whose
 * heartbeat is late knows it is alive, and taking back what it has on its way would send it again): with a heartbeat
 * every ten seconds and the sweep every five, a dead node's messages go out again at most {@link #TAKEOVER_BOUND}
 * after it died, not when the lease ends. An attempt the dead node had written in flight turns {@code UNKNOWN} in the
 * same statement and is counted on the notification: the channel may have it.
 */
public final class OutboxClaims {

    /** How long a living node holds what it claimed, should it never record an outcome (a delivery thread lost). */
    public static final Duration LEASE = Duration.ofMinutes(2);

    /**
     * The longest a dead node's claim waits to be taken over: its last heartbeat at most ten seconds before it died,
     * gone {@link Claims#GONE_AFTER} after that heartbeat, and the next outbox sweep at most five seconds later.
     */
    public static final Duration TAKEOVER_BOUND = Claims.GONE_AFTER.plusSeconds(5);

    private static final String CLAIM = """
            WITH due AS (
                SELECT n.id FROM notification n
                 WHERE n.state = 'PENDING'
                   AND (n.next_attempt_at <= ? OR (n.claimed_by <> ? AND %s))
                   AND (n.target IS NULL OR NOT EXISTS (SELECT 1 FROM notification e WHERE e.target = n.target
                        AND e.state = 'PENDING' AND e.id < n.id))
                 ORDER BY n.next_attempt_at, n.id LIMIT ? FOR UPDATE OF n SKIP LOCKED),
            lost AS (
                UPDATE notification_attempt a SET outcome = 'UNKNOWN', detail = 'The attempt by node '
                       || coalesce(a.node, '(unknown)') || ' did not finish (the node stopped, or held it past its'
                       || ' lease): whether the channel received it is unknown. It is sent again.'
                 WHERE a.outcome = 'IN_FLIGHT' AND a.notification_id IN (SELECT id FROM due)
                RETURNING a.notification_id)
            UPDATE notification n SET claimed_by = ?, next_attempt_at = ?, version = n.version + 1,
                   unknown_attempts = n.unknown_attempts
                       + (SELECT count(*) FROM lost l WHERE l.notification_id = n.id)
              FROM due WHERE n.id = due.id
            RETURNING n.id""".formatted(Claims.nodeGone("n.claimed_by"));

    private OutboxClaims() {
    }

    /**
     * Claims up to {@code max} notifications for {@code node}: those due at {@code now}, and those a node that is gone
     * had claimed. Each is leased to {@code node} until {@code now} + {@link #LEASE}. Run it in its own transaction
     * (auto-commit): the claim must be seen by the other nodes before the messages go out.
     *
     * @return the claimed ids, in the order of their ids
     */
    public static List<Long> claim(Connection c, String node, Instant now, int max) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, node);
            s.setInt(3, max);
            s.setString(4, node);
            s.setTimestamp(5, Timestamp.from(now.plus(LEASE)));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            ids.sort(null);
            return ids;
        }
    }
}
