package com.attest.testing;

import com.attest.dev.EmbeddedDatabase;
import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR from the build, pointed at a fresh test database, its clock started at {@link TestClock#START}. */
public final class Deployments {

    public static final String ADMIN_PASSWORD = "Admin-passphrase-for-tests";
    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";
    /** The database of each named deployment made here, and where it was deployed. */
    private static final Map<String, String> DATABASES = new ConcurrentHashMap<>();
    private static final Map<String, java.net.URL> DEPLOYED = new ConcurrentHashMap<>();

    private Deployments() {
    }

    private static java.nio.file.Path temporaryDirectory(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The portal deployed as {@code @Deployment(name = name)}, on the fresh database {@code database}, with extra
     * configuration lines ({@code key=value}, a later line of a key wins), e.g. channel URLs of a fake server.
     */
    public static WebArchive portal(String name, String database, String... config) {
        String payaraTemp = System.getProperty("payara.tmpdir");
        if (payaraTemp != null) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(payaraTemp));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        String url = TestDatabase.create(database);
        DATABASES.put(name, database);
        TestClock.starting();
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("attest.war", "target/attest.war")));
        war.delete(CONFIG);
        war.add(new StringAsset(String.join("\n", config(url, TestClock.START, config)) + "\n"), CONFIG);
        return war;
    }

    /**
     * What every test portal is configured with ({@code key=value} lines): the database at {@code url}, the admin,
     * the clock started at {@code clock}, then {@code extra} lines (a later line of a key wins).
     */
    static java.util.List<String> config(String url, java.time.Instant clock, String... extra) {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
                "attest.db.url=" + url,
                "attest.db.user=" + EmbeddedDatabase.USER,
                "attest.db.password=" + EmbeddedDatabase.PASSWORD,
                "attest.admin.password=" + ADMIN_PASSWORD,
                "attest.admin.email=lead@example.com",
                // fewer PBKDF2 rounds keep the many sign-ins of the suite quick; the format is the same
                "attest.password.iterations=10000",
                "attest.clock.start=" + clock,
                // the detection pipeline is checked on demand by the tests that need it, never behind another's back
                "attest.detection.daily=false",
                "attest.detection.weekly=false",
                // each deployment its own document repository
                "attest.documents.repository=" + temporaryDirectory("attest-documents")));
        lines.addAll(java.util.List.of(extra));
        return lines;
    }

    /** The database of the deployment named {@code name}, or null when it was not made here. */
    static String database(String name) {
        return DATABASES.get(name);
    }

    /** The deployment named {@code name} is up at {@code base}. */
    static void deployed(String name, java.net.URL base) {
        DEPLOYED.put(name, base);
    }

    /** The base address of the deployment named {@code name}, for code without an {@code @ArquillianResource}. */
    public static java.net.URL url(String name) {
        java.net.URL base = DEPLOYED.get(name);
        if (base == null) {
            throw new IllegalStateException(name + " is not deployed");
        }
        return base;
    }
}
