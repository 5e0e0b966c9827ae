package com.attest.testing;

import com.attest.dev.PayaraProcess;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A second portal, for the few tests that cannot share the database with the others: control health judges the
 * whole portal (documents in force, every exercise, the dashboard of the last twelve months), and the outage test
 * cuts the database away. Its database is reached through a {@link TcpProxy} the outage test cuts and restores (the
 * pool validates connections, so the next test finds it whole). The tests on it keep their records apart as on the
 * shared portal.
 *
 * <p>It is Payara Micro in a process of its own, configured through the environment as an operator configures it,
 * started by the first test that asks for it and stopped when the test JVM ends. Its tests are drills
 * ({@link Drills}): they run beside the shared portal's classes. Beside them, this portal's clock starts a minute and
 * a half ahead of the shared portal's (where {@link TestClock} stays), so that it is ahead of it by less than that once
 * it runs, and an instant taken from {@link TestClock} is never in its future; alone, it starts at
 * {@link TestClock#START} and {@link TestClock} follows it.
 */
public final class OwnDatabasePortal {

    public static final String DB = "own_database_portal_it";

    private static TcpProxy proxy;
    private static PayaraProcess portal;

    private OwnDatabasePortal() {
    }

    /** Where it is (started on the first call: by a {@link Drill}, once the shared portal is up). */
    public static synchronized URL url() {
        if (portal == null) {
            portal = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    portal.close();
                } catch (Exception e) {
                    // the JVM is ending: the process goes with it
                }
            }, "own-database-portal-stop"));
        }
        return portal.base();
    }

    private static PayaraProcess start() {
        try {
            TestDatabase.create(DB);
            boolean beside = Drills.sharedPortalInRun();
            Instant clock = beside ? TestClock.now().plus(Duration.ofSeconds(90)) : TestClock.START;
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : Deployments.config("jdbc:postgresql://localhost:" + proxy().port() + "/" + DB, clock)) {
                int equals = line.indexOf('=');
                // MicroProfile Config's name for a property in the environment: attest.db.url is ATTEST_DB_URL
                env.put(line.substring(0, equals).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT),
                        line.substring(equals + 1));
            }
            if (!beside) {
                TestClock.starting();
            }
            PayaraProcess started = PayaraProcess.start(env, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + Files.createTempDirectory("attest-own-portal")));
            if (!beside) {
                TestClock.calibrate(started.base(), DB);
            }
            return started;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
}
