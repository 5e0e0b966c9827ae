package com.attest.testing;

import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A second portal, for the few tests that cannot share the database with the others: control health judges the
 * whole portal (documents in force, every exercise, the dashboard of the last twelve months), and the outage test
 * cuts the database away. Its database is reached through a {@link TcpProxy} the outage test cuts and restores (the
 * pool validates connections, so the next test finds it whole). The tests on it keep their records apart as on the
 * shared portal. A test class declares {@code @Deployment(name = OwnDatabasePortal.NAME, testable = false)}.
 */
public final class OwnDatabasePortal {

    public static final String NAME = "own-database-portal";
    public static final String DB = "own_database_portal_it";

    private static TcpProxy proxy;

    private OwnDatabasePortal() {
    }

    public static synchronized WebArchive deployment() {
        TestDatabase.create(DB);
        return Deployments.portal(NAME, DB, "attest.db.url=jdbc:postgresql://localhost:" + proxy().port() + "/" + DB);
    }

    /** The way from the portal to its database. */
    public static synchronized TcpProxy proxy() {
        if (proxy == null) {
            try {
                proxy = new TcpProxy(TestDatabase.server().port());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return proxy;
    }

    /** Where it is deployed (for the put-back code of {@code @AfterAll}, which has no {@code @ArquillianResource}). */
    public static java.net.URL url() {
        return Deployments.url(NAME);
    }
}
