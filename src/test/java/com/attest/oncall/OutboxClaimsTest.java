package com.attest.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.dev.EmbeddedDatabase;
import com.attest.testing.Race;
import com.attest.platform.cluster.Claims;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who sends a notification, raced on a real PostgreSQL with the portal's own migrations: many "nodes" (threads, each
 * with its own connection) claiming at once. A claim stands while its node's heartbeat goes on and until its lease
 * ends; once the heartbeat is older than {@link Claims#GONE_AFTER}, exactly one other node takes it over at once, and
 * an attempt the dead node had in flight turns UNKNOWN and is counted on its notification.
 */
class OutboxClaimsTest {

    private static final int NODES = 8;

    private static EmbeddedDatabase postgres;
    private static String url;

    @BeforeAll
    static void database() {
        postgres = EmbeddedDatabase.temporary();
        url = postgres.ensureDatabase("outbox_claims_test");
        Flyway.configure().dataSource(url, EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD)
                .locations("filesystem:db-migrations").load().migrate();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // the outbox's tables refuse deletes (evidence): each test works on notifications it adds, the earlier
            // ones sent
            s.execute("ALTER TABLE notification DISABLE TRIGGER USER");
            s.execute("UPDATE notification SET state = 'SENT', claimed_by = NULL WHERE state = 'PENDING'");
            s.execute("ALTER TABLE notification ENABLE TRIGGER USER");
            s.execute("DELETE FROM portal_node");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
    }

    private static long number(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code count} PagerDuty pages due now; returns the first id. */
    private static long due(int count) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("INSERT INTO notification (channel, action, subject, state, next_attempt_at,"
                     + " created_at, created_by) SELECT 'PAGERDUTY', 'TRIGGER', 'Page ' || g, 'PENDING',"
                     + " clock_timestamp() - interval '1 second', clock_timestamp(), 'test'"
                     + " FROM generate_series(1, " + count + ") g RETURNING id")) {
            long first = Long.MAX_VALUE;
            while (rs.next()) {
                first = Math.min(first, rs.getLong(1));
            }
            return first;
        }
    }

    private static void alive(String node, int heartbeatSecondsAgo) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            Claims.heartbeat(c, node, "host-" + node, Instant.now(), "37");
            s.execute("UPDATE portal_node SET heartbeat_at = clock_timestamp() - interval '" + heartbeatSecondsAgo
                    + " seconds' WHERE id = '" + node + "'");
        }
    }

    private static List<Long> claim(String node, int max) throws SQLException {
        try (Connection c = connect()) {
            return OutboxClaims.claim(c, node, Instant.now(), max);
        }
    }

    /** As the portal writes an attempt before the message goes out. */
    private static void inFlight(List<Long> ids, String node) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (long id : ids) {
                s.execute("INSERT INTO notification_attempt (notification_id, attempted_at, duration_ms, outcome, node)"
                        + " VALUES (" + id + ", clock_timestamp(), 0, 'IN_FLIGHT', '" + node + "')");
            }
        }
    }


    /** Every node claims batches of {@code batch} until it finds nothing; returns what each took. */
    private static List<List<Long>> drain(int batch) throws Exception {
        return Race.race(NODES, n -> () -> {
            List<Long> mine = new ArrayList<>();
            List<Long> got;
            do {
                got = claim("racer-" + n, batch);
                mine.addAll(got);
            } while (!got.isEmpty());
            return mine;
        });
    }

    private static void assertEachOnce(List<List<Long>> taken, long first, int count) {
        List<Long> all = taken.stream().flatMap(List::stream).toList();
        Set<Long> distinct = new HashSet<>(all);
        assertEquals(count, all.size(), "claimed " + all.size() + " times: " + taken);
        assertEquals(count, distinct.size());
        assertTrue(distinct.stream().allMatch(id -> id >= first && id < first + count), "only what was due");
    }

    @Test
    void nodesClaimingAtOnceTakeEachDueNotificationOnce() throws Exception {
        for (int n = 0; n < NODES; n++) {
            alive("racer-" + n, 0);
        }
        long first = due(400);
        assertEachOnce(drain(7), first, 400);
        assertEquals(400, number("SELECT count(*) FROM notification WHERE id >= " + first
                + " AND claimed_by LIKE 'racer-%' AND next_attempt_at > clock_timestamp() + interval '100 seconds'"),
                "each leased to the node that took it, for two minutes");
    }

    @Test
    void aLivingNodesClaimStandsUntilItsLeaseEndsEvenWithAnAttemptInFlight() throws Exception {
        alive("living", 25); // a late heartbeat, still within the 30 s
        long first = due(10);
        List<Long> mine = claim("living", 10);
        assertEquals(10, mine.size());
        inFlight(mine.subList(0, 4), "living");
        for (int n = 0; n < NODES; n++) {
            alive("racer-" + n, 0);
        }
        assertEquals(0, drain(5).stream().mapToInt(List::size).sum(), "none taken from a living node");
        assertEquals(4, number("SELECT count(*) FROM notification_attempt a WHERE outcome = 'IN_FLIGHT'"
                + " AND notification_id >= " + first));

        // its lease ends (a delivery thread lost, say): then it is due like any other, and what it had in flight is
        // unknown
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE notification SET next_attempt_at = clock_timestamp() - interval '1 second'"
                    + " WHERE id >= " + first);
        }
        assertEachOnce(drain(3), first, 10);
        assertEquals(4, number("SELECT count(*) FROM notification_attempt WHERE outcome = 'UNKNOWN'"
                + " AND notification_id >= " + first));
    }

    @Test
    void aDeadNodesClaimsAreTakenOverAtOnceByExactlyOneNodeAndItsAttemptsInFlightBecomeUnknown() throws Exception {
        alive("dying", 0);
        long first = due(60);
        List<Long> held = claim("dying", 60);
        assertEquals(60, held.size());
        inFlight(held.subList(0, 25), "dying"); // 25 on their way when it died, 35 claimed and not yet started
        alive("dying", 31); // its heartbeat stopped more than 30 s ago
        for (int n = 0; n < NODES; n++) {
            alive("racer-" + n, 0);
        }

        List<List<Long>> taken = drain(4);

        assertEachOnce(taken, first, 60);
        assertEquals(0, number("SELECT count(*) FROM notification WHERE id >= " + first
                + " AND (claimed_by = 'dying' OR claimed_by IS NULL)"));
        assertEquals(25, number("SELECT count(*) FROM notification_attempt WHERE outcome = 'UNKNOWN'"
                + " AND node = 'dying' AND detail LIKE '%dying did not finish%' AND notification_id >= " + first));
        assertEquals(0, number("SELECT count(*) FROM notification_attempt WHERE outcome = 'IN_FLIGHT'"
                + " AND notification_id >= " + first));
        assertEquals(25, number("SELECT sum(unknown_attempts) FROM notification WHERE id >= " + first));
        assertEquals(25, number("SELECT count(*) FROM notification WHERE unknown_attempts = 1 AND id >= " + first));
        // taken over once: the new holders live, so nobody takes it a second time
        assertEquals(0, drain(4).stream().mapToInt(List::size).sum());
    }

    @Test
    void aNodeWhoseOwnHeartbeatIsLateNeverTakesBackWhatItHasOnItsWay() throws Exception {
        alive("busy", 0);
        long first = due(6);
        List<Long> held = claim("busy", 6);
        inFlight(held, "busy");
        alive("busy", 45); // its heartbeat timer starved under load, the node itself still sending
        assertEquals(List.of(), claim("busy", 10), "nothing taken back from itself");
        assertEquals(6, number("SELECT count(*) FROM notification_attempt WHERE outcome = 'IN_FLIGHT'"
                + " AND notification_id >= " + first));
        alive("racer-0", 0);
        assertEquals(6, claim("racer-0", 10).size(), "another node takes them over, knowing their outcome unknown");
        assertEquals(6, number("SELECT count(*) FROM notification_attempt WHERE outcome = 'UNKNOWN'"
                + " AND notification_id >= " + first));
    }

    @Test
    void aNodeThatSignedOffLeavesItsClaimsAtOnce() throws Exception {
        alive("leaving", 0);
        long first = due(5);
        assertEquals(5, claim("leaving", 5).size());
        try (Connection c = connect()) {
            Claims.leave(c, "leaving");
        }
        alive("racer-0", 0);
        assertEquals(5, claim("racer-0", 10).size());
        assertEquals(5, number("SELECT count(*) FROM notification WHERE claimed_by = 'racer-0' AND id >= " + first));
    }

    @Test
    void aRetryWaitsForItsTimeEvenWhenTheNodeThatTriedIsGone() throws Exception {
        alive("gone", 40);
        long first = due(1);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // as the portal records a retryable failure: the claim let go, the next try an hour away
            s.execute("UPDATE notification SET claimed_by = NULL, attempts = 1,"
                    + " next_attempt_at = clock_timestamp() + interval '1 hour' WHERE id = " + first);
        }
        alive("racer-0", 0);
        assertEquals(List.of(), claim("racer-0", 10));
    }

    @Test
    void anAttemptIsSettledOnceAndOtherwiseNeverChanges() throws Exception {
        alive("n", 0);
        long id = due(1);
        inFlight(List.of(id), "n");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE notification_attempt SET outcome = 'SENT', http_status = 202,"
                    + " duration_ms = 40 WHERE notification_id = " + id));
            SQLException again = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "UPDATE notification_attempt SET outcome = 'FAILED' WHERE notification_id = " + id));
            assertTrue(again.getMessage().contains("append-only"), again.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate(
                    "DELETE FROM notification_attempt WHERE notification_id = " + id));
            s.execute("INSERT INTO notification_attempt (notification_id, attempted_at, duration_ms, outcome, node)"
                    + " VALUES (" + id + ", clock_timestamp(), 0, 'UNKNOWN', 'n')");
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE notification_attempt SET node = 'other'"
                    + " WHERE outcome = 'UNKNOWN' AND notification_id = " + id), "who made it stays");
            assertEquals(1, s.executeUpdate("UPDATE notification_attempt SET outcome = 'SENT' WHERE outcome ="
                    + " 'UNKNOWN' AND notification_id = " + id), "an unknown outcome learned after all");
        }
    }
}
