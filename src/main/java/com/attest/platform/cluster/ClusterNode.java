package com.attest.platform.cluster;

import com.attest.platform.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * This portal node among the others on the same database: registered at start (saying which other nodes it found),
 * alive while its heartbeat goes on every ten seconds, gone when it stops or stops beating. Sweeps ask it to claim
 * their tick ({@link #claimTick}); work it starts names it ({@link #id}).
 *
 * <p>The heartbeat has a thread of its own, not a timer: the container's timers share a few threads with every
 * sweep, and in an alert storm a heartbeat queued behind them came minutes late — long enough for the other nodes
 * to take this living node for dead and send again what it had on its way.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    /** How often this node says it is alive. */
    private static final Duration BEAT = Duration.ofSeconds(10);

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    private final String host = host();
    private final String id = host.substring(0, Math.min(host.length(), 50)) + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final Instant startedAt = Instant.now();
    private String schemaVersion = "?";
    private ScheduledExecutorService heart;

    @Resource
    private ManagedThreadFactory threads;

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
        heart = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = threads.newThread(task);
            thread.setName("portal-node-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heart.scheduleWithFixedDelay(this::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void leave() {
        if (heart != null) {
            heart.shutdownNow();
        }
        try (Connection c = dataSource.getConnection()) {
            Claims.leave(c, id);
        } catch (SQLException e) {
            LOG.log(Level.INFO, "Portal node {0} could not sign off: {1}", new Object[]{id, e.toString()});
        }
    }

    private void beat() {
        Instant due = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Claims.heartbeat(c, id, host, startedAt, schemaVersion);
            if (ThreadLocalRandom.current().nextInt(360) == 0) { // about once an hour
                Claims.prune(c);
            }
        } catch (SQLException | RuntimeException e) { // the thread beats on whatever one beat met
            LOG.log(Level.INFO, "Portal node heartbeat missed: {0}", e.toString());
        }
        Duration took = Duration.between(due, Instant.now());
        if (took.compareTo(Claims.GONE_AFTER.dividedBy(3)) > 0) {
            LOG.log(Level.WARNING, "Portal node {0}''s heartbeat took {1} s (the database''s connections all busy?);"
                    + " after {2} s without one the other nodes take this node for gone",
                    new Object[]{id, took.toSeconds(), Claims.GONE_AFTER.toSeconds()});
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
