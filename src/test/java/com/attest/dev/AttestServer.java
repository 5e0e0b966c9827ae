package com.attest.dev;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The zero-setup run ({@code mvn -Prun}): starts PostgreSQL embedded, its data kept in
 * {@code ATTEST_DATA_DIR} (default {@code ~/.attest/data}) between runs, then Payara Micro serving the
 * portal at http://localhost:8080/ (port from {@code ATTEST_PORT}). Ctrl-C stops both. When
 * {@code ATTEST_DB_URL} is set, no embedded server starts and the portal uses that database.
 *
 * <p>A start for trying the portal out, so it starts fast: one node ({@code --nocluster}) and the JIT's quick tier
 * only ({@code -XX:TieredStopAtLevel=1}), which halves the processor time Payara Micro needs to deploy the WAR on a
 * small machine; and Payara Micro's runtime unpacked once and its classes shared from one start to the next
 * ({@link PayaraRuntime}). The console shows the portal's own lines; Payara's full log is kept in
 * {@code target/payara.log}.
 */
public final class AttestServer {

    private AttestServer() {
    }

    public static void main(String[] args) throws Exception {
        long started = ManagementFactory.getRuntimeMXBean().getStartTime(); // when mvn started
        Map<String, String> env = System.getenv();
        String port = env.getOrDefault("ATTEST_PORT", "8080");

        EmbeddedDatabase database = null;
        List<String> dbOptions = new ArrayList<>();
        if (env.get("ATTEST_DB_URL") == null) {
            Path dataDir = Path.of(env.getOrDefault("ATTEST_DATA_DIR",
                    System.getProperty("attest.data.dir.default",
                            System.getProperty("user.home") + "/.attest/data")));
            int dbPort = Integer.parseInt(env.getOrDefault("ATTEST_EMBEDDED_DB_PORT", "54329"));
            System.out.println("Attest: data in " + dataDir.toAbsolutePath() + " (embedded PostgreSQL on port " + dbPort
                    + ")");
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

        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1"));
        jvmOptions.addAll(dbOptions);
        // -Dattest.classSharing=false starts Payara Micro's jar as it comes (for comparison)
        PayaraRuntime runtime = Boolean.parseBoolean(System.getProperty("attest.classSharing", "true"))
                ? PayaraRuntime.prepare(Path.of(System.getProperty("attest.runtime.dir", "target/payara-runtime")),
                        PayaraProcess.microJar()) : null;
        if (runtime != null) {
            jvmOptions.addAll(runtime.jvmOptions());
        }
        Path log = Path.of(System.getProperty("attest.run.log", "target/payara.log")).toAbsolutePath();
        System.out.println("Attest: starting on http://localhost:" + port + "/ (the server's full log: " + log + ")");
        if (runtime != null && runtime.recording()) {
            System.out.println("Attest: this start records the classes it loads (written when it stops, it takes"
                    + " longer once), so the starts after it are faster");
        }
        Process payara = new ProcessBuilder(PayaraProcess.command(Integer.parseInt(port), jvmOptions, List.of(),
                runtime != null ? runtime.jar() : PayaraProcess.microJar()))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        ServerConsole.follow(payara.getInputStream(), log, System.out, "http://localhost:" + port + "/", started);
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
