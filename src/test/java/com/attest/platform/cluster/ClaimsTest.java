package com.attest.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.dev.EmbeddedDatabase;
import com.attest.testing.Race;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claims that keep portal nodes apart, raced on a real PostgreSQL with the portal's own migration: many
 * "nodes" (threads, each with its own connection) asking at once, and each tick or run taken by exactly one.
 */
class ClaimsTest {

    private static final int NODES = 8;

    private static EmbeddedDatabase postgres;
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedDatabase.temporary();
        url = postgres.ensureDatabase("claims_test");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // the two tables V30 adds a column to, as far as these claims read them
            s.execute("CREATE TABLE action_run (id BIGSERIAL PRIMARY KEY, state VARCHAR(20) NOT NULL)");
            s.execute("CREATE TABLE evidence_pack (id BIGSERIAL PRIMARY KEY, state VARCHAR(20) NOT NULL)");
            s.execute(Files.readString(Path.of("db-migrations/V30__run_the_portal_on_several_nodes.sql")));
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
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

    @Test
    void eachTickOfASweepIsClaimedByOneNodeOnly() throws Exception {
        // every node asks 25 times in a row for the tick of a sweep whose period is long enough to be one tick
        List<Integer> won = Race.race(NODES, n -> () -> {
            int wins = 0;
            try (Connection c = connect()) {
                for (int i = 0; i < 25; i++) {
                    if (Claims.tick(c, "test.contended", Duration.ofDays(1), "node-" + n)) {
                        wins++;
                    }
                }
            }
            return wins;
        });
        assertEquals(1, won.stream().mapToInt(Integer::intValue).sum(), "one claim among " + NODES * 25 + " asks");
        assertEquals(1, number("SELECT count(*) FROM sweep_tick WHERE sweep = 'test.contended'"));
    }

    @Test
    void ticksOfOneSecondFollowEachOtherAndEachIsStillTakenOnce() throws Exception {
        // for 2.5 s every node asks as fast as it can: a new tick comes each second, each taken by one node
        long until = System.nanoTime() + 2_500_000_000L;
        List<Integer> won = Race.race(NODES, n -> () -> {
            int wins = 0;
            try (Connection c = connect()) {
                while (System.nanoTime() < until) {
                    if (Claims.tick(c, "test.seconds", Duration.ofSeconds(1), "node-" + n)) {
                        wins++;
                    }
                }
            }
            return wins;
        });
        long rows = number("SELECT count(*) FROM sweep_tick WHERE sweep = 'test.seconds'");
        assertEquals(rows, won.stream().mapToInt(Integer::intValue).sum(), "each claim is one row");
        assertTrue(rows >= 2 && rows <= 4, "2.5 s hold two to four one-second ticks: " + rows);
        assertEquals(0, number("SELECT count(*) FROM (SELECT tick FROM sweep_tick WHERE sweep = 'test.seconds'"
                + " GROUP BY tick HAVING count(*) > 1) d"));
    }

    @Test
    void sweepsClaimTheirTicksIndependently() throws Exception {
        try (Connection c = connect()) {
            assertTrue(Claims.tick(c, "test.a", Duration.ofDays(1), "node-1"));
            assertTrue(Claims.tick(c, "test.b", Duration.ofDays(1), "node-1"));
            assertFalse(Claims.tick(c, "test.a", Duration.ofDays(1), "node-2"));
        }
    }

    @Test
    void workIsGoneOnceItsNodeStopsBeatingAndOnlyThen() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            Claims.heartbeat(c, "alive-node", "host-a", Instant.now(), "30");
            Claims.heartbeat(c, "silent-node", "host-b", Instant.now(), "30");
            s.execute("UPDATE portal_node SET heartbeat_at = clock_timestamp() - interval '31 seconds'"
                    + " WHERE id = 'silent-node'");
            Claims.heartbeat(c, "left-node", "host-c", Instant.now(), "30");
            Claims.leave(c, "left-node");
            s.execute("INSERT INTO action_run (state) VALUES ('RUNNING')");
            s.execute("UPDATE action_run SET runner_node = 'alive-node' WHERE id = currval('action_run_id_seq')");
            s.execute("INSERT INTO action_run (state) VALUES ('RUNNING')");
            s.execute("UPDATE action_run SET runner_node = 'silent-node' WHERE id = currval('action_run_id_seq')");
            s.execute("INSERT INTO action_run (state) VALUES ('RUNNING')");
            s.execute("UPDATE action_run SET runner_node = 'left-node' WHERE id = currval('action_run_id_seq')");
            s.execute("INSERT INTO action_run (state) VALUES ('RUNNING')"); // from before nodes were recorded
            List<String> gone = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT coalesce(runner_node, '-') FROM action_run WHERE "
                    + Claims.RUNNER_GONE + " ORDER BY id")) {
                while (rs.next()) {
                    gone.add(rs.getString(1));
                }
            }
            assertEquals(List.of("silent-node", "left-node", "-"), gone);
            assertEquals(List.of("host-a (alive-node)"), Claims.others(c, "another"));
        }
    }

    @Test
    void aRunOfAStoppedNodeIsTakenByOneOfTheNodesLookingAtOnce() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO evidence_pack (state, runner_node) SELECT 'RUNNING', 'stopped-node'"
                    + " FROM generate_series(1, 40)");
        }
        // as the portal marks interrupted work: take the rows locked, skipping what another node holds, then finish
        List<Integer> taken = Race.race(NODES, n -> () -> {
            try (Connection c = connect()) {
                c.setAutoCommit(false);
                int count = 0;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT id FROM evidence_pack WHERE state = 'RUNNING' AND "
                             + Claims.RUNNER_GONE + " ORDER BY id FOR UPDATE SKIP LOCKED")) {
                    List<Long> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                    for (long id : ids) {
                        count += s.executeUpdate("UPDATE evidence_pack SET state = 'FAILED' WHERE id = " + id
                                + " AND state = 'RUNNING'");
                    }
                }
                c.commit();
                return count;
            }
        });
        assertEquals(40, taken.stream().mapToInt(Integer::intValue).sum(), "each of the 40 marked once: " + taken);
        assertEquals(0, number("SELECT count(*) FROM evidence_pack WHERE state = 'RUNNING'"));
    }
}
