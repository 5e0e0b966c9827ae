package com.attest.dev;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The zero-setup run ({@code mvn -Prun}): starts PostgreSQL embedded, its data kept in
 * {@code ATTEST_DATA_DIR} (default {@code ~/.attest/data}) between runs, then Payara Micro serving the
 * portal at http://localhost:8080/ (port from {@code ATTEST_PORT}). Ctrl-C stops both. When
 * {@code ATTEST_DB_URL} is set, no embedded server starts and the portal uses that database.
 */
public final class AttestServer {

    private AttestServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String port = env.getOrDefault("ATTEST_PORT", "8080");

        EmbeddedDatabase database = null;
        List<String> dbOptions = new ArrayList<>();
        if (env.get("ATTEST_DB_URL") == null) {
            Path dataDir = Path.of(env.getOrDefault("ATTEST_DATA_DIR",
                    System.getProperty("attest.data.dir.default",
                            System.getProperty("user.home") + "/.attest/data")));
            int dbPort = Integer.parseInt(env.getOrDefault("ATTEST_EMBEDDED_DB_PORT", "54329"));
            System.out.println("Attest: embedded PostgreSQL, data in " + dataDir.toAbsolutePath());
            database = EmbeddedDatabase.persistent(dataDir.resolve("postgres"), dbPort);
            String url = database.ensureDatabase("attest");
            dbOptions.add("-Dattest.db.url=" + url);
            dbOptions.add("-Dattest.db.user=" + EmbeddedDatabase.USER);
            dbOptions.add("-Dattest.db.password=" + EmbeddedDatabase.PASSWORD);
            if (env.get("ATTEST_DOCUMENTS_REPOSITORY") == null) {
                // the runbook's Git repository lives beside the database it indexes
                dbOptions.add("-Dattest.documents.repository=" + dataDir.resolve("documents").toAbsolutePath());
            }
        } else {
            System.out.println("Attest: using the database at " + env.get("ATTEST_DB_URL"));
        }

        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g"));
        jvmOptions.addAll(dbOptions);
        Process payara = new ProcessBuilder(PayaraProcess.command(Integer.parseInt(port), jvmOptions))
                .inheritIO().start();
        EmbeddedDatabase db = database;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            payara.destroy();
            try {
                payara.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (db != null) {
                db.close();
            }
        }, "attest-shutdown"));
        System.exit(payara.waitFor());
    }
}
