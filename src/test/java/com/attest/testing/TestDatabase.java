package com.attest.testing;

import com.attest.dev.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One embedded PostgreSQL for the whole test run; each deployment gets its own database in it. */
public final class TestDatabase {

    private static EmbeddedDatabase server;

    private TestDatabase() {
    }

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            server = EmbeddedDatabase.temporary();
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop, "test-postgres-stop"));
        }
        return server;
    }

    /** Stops the server (also at JVM exit); a later call starts a new one. */
    public static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A fresh, empty database (dropped first if an earlier run left it). */
    public static String create(String name) {
        try (Connection c = connect("postgres")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().jdbcUrl(name);
    }

    /** The single number a query answers, e.g. a count. */
    public static long number(String database, String query) {
        try (Connection c = connect(database); java.sql.ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    /** The first column of every row a query answers, as text. */
    public static java.util.List<String> texts(String database, String query) {
        try (Connection c = connect(database); java.sql.ResultSet rs = c.createStatement().executeQuery(query)) {
            java.util.List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    /** Runs one statement as the superuser, e.g. to arrange data or to change it behind the portal's back. */
    public static void execute(String database, String statement) {
        try (Connection c = connect(database)) {
            c.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    /** Fails unless the database refuses {@code statement}, even from the superuser (evidence stays as it is). */
    public static void assertRefused(String database, String statement) {
        try {
            execute(database, statement);
        } catch (RuntimeException e) {
            return;
        }
        throw new AssertionError("The database allowed: " + statement);
    }

    /** A superuser connection, for arranging data and for reading what the portal wrote. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server().jdbcUrl(database), EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD);
    }
}
