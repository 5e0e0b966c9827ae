package com.attest.platform;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The one PostgreSQL database. Its address comes from MicroProfile Config, so {@code ATTEST_DB_URL},
 * {@code ATTEST_DB_USER} and {@code ATTEST_DB_PASSWORD} in the environment (or {@code -Dattest.db.url=…})
 * name an external server in production; the zero-setup launcher sets them to its embedded server.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=attest.db.url}",
        user = "${MPCONFIG=attest.db.user}",
        password = "${MPCONFIG=attest.db.password}",
        minPoolSize = 2,
        maxPoolSize = 20,
        properties = {"fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit"})
public final class Database {

    public static final String JNDI_NAME = "java:app/jdbc/attest";

    private Database() {
    }
}
