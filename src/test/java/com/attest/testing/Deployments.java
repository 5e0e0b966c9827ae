package com.attest.testing;

import com.attest.dev.EmbeddedDatabase;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR from the build, pointed at a fresh test database. */
public final class Deployments {

    public static final String ADMIN_PASSWORD = "Admin-passphrase-for-tests";
    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private Deployments() {
    }

    private static java.nio.file.Path temporaryDirectory(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The portal with extra configuration lines ({@code key=value}), e.g. channel URLs of a fake server. */
    public static WebArchive portal(String database, String... config) {
        String url = TestDatabase.create(database);
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("attest.war", "target/attest.war")));
        war.delete(CONFIG);
        war.add(new StringAsset(String.join("\n",
                "attest.db.url=" + url,
                "attest.db.user=" + EmbeddedDatabase.USER,
                "attest.db.password=" + EmbeddedDatabase.PASSWORD,
                "attest.admin.password=" + ADMIN_PASSWORD,
                "attest.admin.email=lead@example.com",
                // fewer PBKDF2 rounds keep the many sign-ins of the suite quick; the format is the same
                "attest.password.iterations=10000",
                // each deployment its own document repository (a later line of the same key wins)
                "attest.documents.repository=" + temporaryDirectory("attest-documents"),
                String.join("\n", config),
                "")), CONFIG);
        return war;
    }
}
