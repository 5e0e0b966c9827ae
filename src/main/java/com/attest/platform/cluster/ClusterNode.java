package com.attest.platform.cluster;

import com.attest.platform.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * This portal node among the others on the same database: registered at start (saying which other nodes it found),
 * alive while its heartbeat goes on every ten seconds, gone when it stops or stops beating. Sweeps ask it to claim
 * their tick ({@link #claimTick}); work it starts names it ({@link #id}).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    private final String host = host();
    private final String id = host.substring(0, Math.min(host.length(), 50)) + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final Instant startedAt = Instant.now();
    private String schemaVersion = "?";

    @PostConstruct
    void join() {
        try (Connection c = dataSource.getConnection()) {
            schemaVersion = schemaVersion(c);
            Claims.heartbeat(c, id, host, startedAt, schemaVersion);
            List<String> others = Claims.others(c, id);
            LOG.log(Level.INFO, others.isEmpty()
                    ? "Portal node {0} started; no other node is working on this database"
                    : "Portal node {0} started beside {1}", new Object[]{id, String.join(", ", others)});
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Portal node {0} could not register itself: {1}", new Object[]{id, e.toString()});
        }
    }

    @PreDestroy
    void leave() {
        try (Connection c = dataSource.getConnection()) {
            Claims.leave(c, id);
        } catch (SQLException e) {
            LOG.log(Level.INFO, "Portal node {0} could not sign off: {1}", new Object[]{id, e.toString()});
        }
    }

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    void beat() {
        try (Connection c = dataSource.getConnection()) {
            Claims.heartbeat(c, id, host, startedAt, schemaVersion);
            if (ThreadLocalRandom.current().nextInt(360) == 0) { // about once an hour
                Claims.prune(c);
            }
        } catch (SQLException e) {
            LOG.log(Level.INFO, "Portal node heartbeat missed: {0}", e.toString());
        }
    }

    /** This node's name in the database: its host and a random part new at every start. */
    public String id() {
        return id;
    }

    /**
     * Claims a sweep's tick for this node: true when this node is to do the tick's work, false when another node
     * has it (or the database cannot be reached: nothing is done twice for want of an answer).
     */
    public boolean claimTick(String sweep, Duration period) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return Claims.tick(c, sweep, period, id);
        } catch (SQLException e) {
            LOG.log(Level.INFO, "Sweep {0} skipped this tick: {1}", new Object[]{sweep, e.toString()});
            return false;
        }
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(version::int) FROM flyway_schema_history WHERE success"
                     + " AND version ~ '^[0-9]+$'")) {
            return rs.next() ? String.valueOf(rs.getInt(1)) : "?";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }
}
