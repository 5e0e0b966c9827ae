package com.attest.platform.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that keep nodes apart, on a plain connection in auto-commit, so they are the same in the portal
 * and in the tests that race them. Every time here is the database's ({@code clock_timestamp()}): the nodes' own
 * clocks may drift apart, the database's is one.
 */
public final class Claims {

    /** A node whose heartbeat is older than this is taken as gone. */
    public static final Duration GONE_AFTER = Duration.ofSeconds(30);

    /**
     * True where a row's {@code runner_node} names no node alive now (or none at all: work started before nodes
     * were recorded). For a {@code WHERE} clause of a table with a {@code runner_node} column.
     */
    public static final String RUNNER_GONE = "(runner_node IS NULL OR " + nodeGone("runner_node") + ")";

    /**
     * True where {@code column} (not null) names no node alive now: its heartbeat stopped more than
     * {@link #GONE_AFTER} ago, or it signed off. For a {@code WHERE} clause.
     */
    public static String nodeGone(String column) {
        return column + " NOT IN (SELECT id FROM portal_node WHERE heartbeat_at > clock_timestamp() - interval '"
                + GONE_AFTER.toSeconds() + " seconds')";
    }

    private Claims() {
    }

    /**
     * Claims this tick of a sweep for {@code node}: true for the first node to ask, false for any other (and for a
     * second ask). The tick is the database's time rounded to the nearest multiple of {@code period}, so nodes
     * whose timers fire a little apart, either side of the boundary, still name the same tick.
     */
    public static boolean tick(Connection c, String sweep, Duration period, String node) throws SQLException {
        long seconds = Math.max(1, period.toSeconds());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sweep_tick (sweep, tick, node, claimed_at)"
                + " VALUES (?, to_timestamp(round(extract(epoch FROM clock_timestamp()) / ?) * ?), ?,"
                + " clock_timestamp()) ON CONFLICT (sweep, tick) DO NOTHING")) {
            s.setString(1, sweep);
            s.setLong(2, seconds);
            s.setLong(3, seconds);
            s.setString(4, node);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Holds, until the caller's transaction ends, the lock of one piece of first-start work ({@code what}), so nodes
     * starting at once on an empty database do it one after the other: the second then finds it done.
     */
    public static void firstStart(jakarta.persistence.EntityManager em, String what) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "first-start:" + what)
                .getSingleResult();
    }

    /** Records that {@code node} is alive now (registering it the first time). */
    public static void heartbeat(Connection c, String node, String host, Instant startedAt, String schemaVersion)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO portal_node (id, host, started_at, heartbeat_at,"
                + " schema_version) VALUES (?, ?, ?, clock_timestamp(), ?) ON CONFLICT (id) DO UPDATE"
                + " SET heartbeat_at = clock_timestamp()")) {
            s.setString(1, node);
            s.setString(2, host);
            s.setTimestamp(3, java.sql.Timestamp.from(startedAt));
            s.setString(4, schemaVersion);
            s.executeUpdate();
        }
    }

    /** A node stopping cleanly says so: its work is taken as interrupted at once rather than after a while. */
    public static void leave(Connection c, String node) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM portal_node WHERE id = ?")) {
            s.setString(1, node);
            s.executeUpdate();
        }
    }

    /** The other nodes alive now, as "host (id)". */
    public static List<String> others(Connection c, String node) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT host, id FROM portal_node WHERE id <> ? AND"
                + " heartbeat_at > clock_timestamp() - interval '" + GONE_AFTER.toSeconds() + " seconds' ORDER BY id")) {
            s.setString(1, node);
            List<String> alive = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    alive.add(rs.getString(1) + " (" + rs.getString(2) + ")");
                }
            }
            return alive;
        }
    }

    /** Forgets nodes gone for a day and tick claims older than a week; returns how many rows went. */
    public static int prune(Connection c) throws SQLException {
        try (PreparedStatement nodes = c.prepareStatement("DELETE FROM portal_node"
                + " WHERE heartbeat_at < clock_timestamp() - interval '1 day'");
             PreparedStatement ticks = c.prepareStatement("DELETE FROM sweep_tick"
                     + " WHERE tick < clock_timestamp() - interval '7 days'")) {
            return nodes.executeUpdate() + ticks.executeUpdate();
        }
    }
}
