package com.attest.it;

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
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
        }
        return server;
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

    /** A superuser connection, for arranging data and for reading what the portal wrote. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server().jdbcUrl(database), EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD);
    }
}
