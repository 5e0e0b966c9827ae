package com.attest.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before anything else touches the database. Flyway owns the schema:
 * the SQL lives in {@code db-migrations/} and applied migrations are never edited. A node whose schema is not the
 * one the nodes already running on the database use refuses to start (and says so): it would change the schema
 * under them, or run on one it does not know.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());
    /** A node is running when its heartbeat (every 10 s, platform.cluster) is younger than this. */
    private static final int ALIVE_SECONDS = 30;

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
        // the running nodes first: a node records itself only once it has migrated, so the version read after is theirs
        Map<String, String> running = runningNodes();
        MigrationInfo[] all = flyway.info().all();
        String mine = Arrays.stream(all).filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).map(MigrationVersion::getVersion)
                .orElse("0");
        MigrationInfo current = flyway.info().current();
        String database = current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
        String refusal = refusal(mine, database, running);
        if (refusal != null) {
            LOG.severe(refusal);
            throw new IllegalStateException(refusal);
        }
        MigrateResult result = flyway.migrate();
        // Flyway names no target when there was nothing to apply: the schema is then where it was
        String now = result.targetSchemaVersion == null ? database : result.targetSchemaVersion;
        LOG.info(() -> "Database schema at version " + now + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    /**
     * Why this node may not start beside the running ones (null when it may): it brings schema {@code mine}, the
     * database is at {@code database}, and {@code running} are the nodes on it now with the schema each runs.
     */
    static String refusal(String mine, String database, Map<String, String> running) {
        if (running.isEmpty() || mine.equals(database)) {
            return null;
        }
        return "This node brings database schema version " + mine + " but the database is at version " + database
                + ", used by the running node(s) " + String.join(", ", running.keySet()) + ": it does not join them."
                + " Stop every node before upgrading (or start this one with their version).";
    }

    /** The nodes running on the database now, with their schema version (none before nodes were recorded). */
    private Map<String, String> runningNodes() {
        Map<String, String> running = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // a new database has no table of nodes yet: asked first, so the database logs no error for it
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('portal_node') IS NOT NULL")) {
                if (!exists.next() || !exists.getBoolean(1)) {
                    return running;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, schema_version FROM portal_node WHERE heartbeat_at >"
                    + " clock_timestamp() - interval '" + ALIVE_SECONDS + " seconds'")) {
                while (rs.next()) {
                    running.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "No running nodes recorded yet: {0}", e.toString());
        }
        return running;
    }
}
