package com.attest.bench;

import com.attest.platform.audit.Sha256;
import com.attest.dev.EmbeddedDatabase;
import com.attest.dev.PayaraProcess;
import com.attest.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alert intake under load: a generator posts Azure Monitor alerts to the running portal from {@value #CLIENTS}
 * concurrent clients — distinct alerts, each on its own resource (so each opens an incident: the most work an
 * alert can cause) or spread over 50 resources (so most join an open incident), plus 20 % duplicates
 * re-delivered after their original — and reports sustained alerts/s and
 * p50/p99 latency, beside the floor: the same endpoint, same clients, refusing at the content type (no parsing,
 * no database). Afterwards it checks that exactly the expected rows exist and that the audit trail verifies.
 * Run with {@code mvn -Pbenchmark -Dbench.main=com.attest.bench.IntakeBenchmark}; sizes with
 * {@code -Dbench.alerts=1000,10000}. The portal's JVM runs with production's options ({@code jvm.options}) and a
 * 1 GB heap; {@code -Dbench.jvm} adds to them, and the later option wins ({@code -XX:TieredStopAtLevel=4
 * -XX:-UseSerialGC -XX:+UseG1GC} gives the JVM's own defaults back).
 */
public final class IntakeBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final String DB = "bench_intake";
    private static final String KEY = "atk_benchmark-key-000000000000000000000000000000";
    private static final String TEMPLATE = """
            {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{\
            "alertId":"/subscriptions/00000000-1111-2222-3333-444444444444/providers/Microsoft.AlertsManagement/alerts/%s",\
            "alertRule":"High CPU on %s","severity":"Sev3","signalType":"Metric","monitorCondition":"Fired",\
            "monitoringService":"Platform","alertTargetIDs":["/subscriptions/00000000-1111-2222-3333-444444444444/\
            resourcegroups/rg-bench/providers/microsoft.compute/virtualmachines/%s"],"configurationItems":["%s"],\
            "firedDateTime":"%s","description":"Average CPU above 85%%","essentialsVersion":"1.0",\
            "alertContextVersion":"1.0"},"alertContext":{"conditionType":"SingleResourceMultipleMetricCriteria"},\
            "customProperties":{}}}""";

    private record Result(List<Double> millis, double seconds, int errors) {
    }

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = TestDatabase.create(DB);
        Map<String, String> env = Map.of("ATTEST_DB_URL", url, "ATTEST_DB_USER", EmbeddedDatabase.USER,
                "ATTEST_DB_PASSWORD", EmbeddedDatabase.PASSWORD,
                "ATTEST_DOCUMENTS_REPOSITORY", java.nio.file.Files.createTempDirectory("attest-documents").toString(),
                "ATTEST_ADMIN_PASSWORD", "benchmark-passphrase");
        List<Integer> sizes = new ArrayList<>();
        for (String s : System.getProperty("bench.alerts", "1000,10000").split(",")) {
            sizes.add(Integer.parseInt(s.strip()));
        }
        List<String> jvm = PortalJvm.options();
        try (PayaraProcess payara = PayaraProcess.start(env, jvm)) {
            CpuLedger cpu = new CpuLedger(payara.pid(), TestDatabase.number(DB,
                    "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'"));
            if (Boolean.getBoolean("bench.statements")) {
                TestDatabase.execute(DB, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                    + " VALUES ('AZURE_MONITOR', 'benchmark', 'atk_bench', '" + Sha256.hex(KEY) + "', now(), 'admin')");
            URI intake = URI.create(payara.base() + "api/intake/azure-monitor");
            StringBuilder report = new StringBuilder(String.format("Alert intake, %d concurrent clients, loopback"
                    + " HTTP, audit trail on; latency in ms%n", CLIENTS));
            report.append(setting("fsync")).append(setting("synchronous_commit"));
            if (System.getProperty("bench.sql") != null) {
                // a what-if: a statement run on the benchmark's database before the load (an index dropped, ...)
                TestDatabase.execute(DB, System.getProperty("bench.sql"));
                report.append("before the load: ").append(System.getProperty("bench.sql")).append('\n');
            }
            report.append(String.format("%-60s %9s %9s %8s %8s %8s%n", "run", "requests", "alerts/s", "p50", "p99",
                    "max"));
            // a portal that has run a while: its code compiled (in the first storm after a start the JIT compiler
            // took over a third of the portal's time) and a database with history. Rounds of every measured shape
            // until the portal's JIT compiler takes under 5 % of its time in a round (at most 8, or
            // -Dbench.warmupRounds), then everything processed and the audit trail's words indexed: a storm meets
            // what a running portal between storms is (-Dbench.warmup=0: none, the first storm after a start)
            int warm = Integer.getInteger("bench.warmup", 2000);
            int mostRounds = Integer.getInteger("bench.warmupRounds", 8);
            int rounds = 0;
            double compiling = 0;
            while (warm > 0 && rounds < mostRounds && (rounds == 0 || compiling > 0.05)) {
                CpuLedger.Reading before = cpu.read();
                for (int machines : spreads()) {
                    run(intake, alerts(warm, 0.2, machines, new Random(100L * rounds + machines)),
                            "application/json");
                }
                run(intake, alerts(warm, 0, 0, new Random(3)), "text/plain");
                compiling = cpu.read().minus(before).compiling();
                rounds++;
            }
            processed(0);
            searchable();
            int expectedAlerts = count("alert");
            report.append(warm == 0 ? String.format("warm-up: none (the first storm after the portal started)%n")
                    : String.format("warm-up: %d round(s) of %d alerts + 20 %% duplicates of each shape and %d"
                            + " refused, the last compiling %.0f %% of the portal's time; in the database %d incidents,"
                            + " %d audit rows%n", rounds, warm, warm, 100 * compiling, count("incident"),
                    count("audit_event")));
            for (int size : sizes) {
                List<byte[]> floorLoad = alerts(size, 0.2, 0, new Random(2));
                CpuLedger.Reading floorStart = cpu.read();
                Result floor = run(intake, floorLoad, "text/plain");
                line(report, "floor (" + size + "): same endpoint, refused at content type", floorLoad.size(), floor);
                report.append("  ").append(cpu.read().minus(floorStart).per(floorLoad.size())).append('\n');
                for (int machines : spreads()) {
                    List<byte[]> load = alerts(size, 0.2, machines, new Random(size + machines));
                    int incidentsBefore = count("incident");
                    long deliveriesBefore = TestDatabase.number(DB, "SELECT coalesce(max(id), 0) FROM intake_delivery");
                    CpuLedger.Reading start = cpu.read();
                    Instant began = Instant.now();
                    Result result = run(intake, load, "application/json");
                    line(report, size + " alerts + 20 % duplicates, " + (machines == 0 ? "each on its own machine"
                            : "on " + machines + " machines"), load.size(), result);
                    report.append(processed(deliveriesBefore));
                    // the run's window, to pick its samples out of a profile taken with -Dbench.jvm
                    report.append("  from ").append(began).append(" to ").append(Instant.now()).append('\n');
                    report.append("  accepted and processed, ").append(cpu.read().minus(start).per(load.size()))
                            .append('\n');
                    report.append(searchable());
                    expectedAlerts += size;
                    report.append(String.format("  rows: alert %d (expected %d), alert_payload %d, new incidents %d,"
                                    + " errors %d%n", count("alert"), expectedAlerts, count("alert_payload"),
                            count("incident") - incidentsBefore, result.errors()));
                }
            }
            HttpResponse<String> verify = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(payara.base() + "api/audit/verify")).header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString("admin:benchmark-passphrase"
                    .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            report.append("audit trail: ").append(count("audit_event")).append(" events; verify answered ")
                    .append(verify.statusCode()).append(' ').append(verify.body()).append('\n');
            if (Boolean.getBoolean("bench.statements")) {
                report.append(statements());
            }
            System.out.print(report);
            Path out = Path.of("target", "benchmark-intake.txt");
            Files.writeString(out, report.toString());
            System.out.println("written to " + out);
        } finally {
            TestDatabase.stop();
        }
    }

    private static Result run(URI intake, List<byte[]> load, String contentType) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        int expected = contentType.equals("text/plain") ? 415 : 202;
        List<Future<List<Double>>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(clients.submit(() -> {
                List<Double> times = new ArrayList<>();
                try (KeepAliveClient client = new KeepAliveClient(intake)) {
                    int i;
                    while ((i = next.getAndIncrement()) < load.size()) {
                        long t0 = System.nanoTime();
                        KeepAliveClient.Answer answer = client.post(contentType, "X-Intake-Key", KEY, load.get(i));
                        times.add((System.nanoTime() - t0) / 1e6);
                        if (answer.status() != expected && errors.incrementAndGet() < 5) {
                            System.err.println(answer.status() + " " + answer.body());
                        }
                    }
                }
                return times;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> f : futures) {
            all.addAll(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        Collections.sort(all);
        return new Result(all, seconds, errors.get());
    }

    /**
     * {@code size} distinct alerts and {@code duplicates} of them sent again later; each on its own machine
     * ({@code machines} 0, so each opens an incident) or spread over that many machines (so most join one).
     */
    private static List<byte[]> alerts(int size, double duplicates, int machines, Random random) {
        List<byte[]> distinct = new ArrayList<>();
        Instant fired = Instant.now().minus(Duration.ofHours(1));
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < size; i++) {
            String vm = machines == 0 ? "vm-" + UUID.randomUUID().toString().substring(0, 13)
                    : "vm-" + run + "-" + random.nextInt(machines);
            distinct.add(String.format(TEMPLATE, new UUID(random.nextLong(), random.nextLong()), vm, vm, vm,
                    fired.plusMillis(i)).getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> load = new ArrayList<>(distinct);
        for (int i = 0; i < (int) (size * duplicates); i++) {
            // a duplicate goes after its original, as a retry would
            int original = random.nextInt(size);
            int at = original + 1 + random.nextInt(load.size() - original);
            load.add(Math.min(at, load.size()), distinct.get(original));
        }
        return load;
    }

    private static void line(StringBuilder report, String name, int requests, Result r) {
        report.append(String.format("%-60s %9d %9.0f %8.1f %8.1f %8.1f   load %s%n", name, requests,
                requests / r.seconds(), percentile(r.millis(), 50), percentile(r.millis(), 99),
                r.millis().get(r.millis().size() - 1), loadAverage()));
    }

    /** The machine's 1-minute load average as the run ends: how busy the cores were that the numbers come from. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /**
     * Waits until every delivery after {@code after} is processed (intake answers 202 before it processes), then
     * says how long processing lagged behind acceptance (202 to incident visible) and how fast it went.
     */
    private static String processed(long after) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        // whether any is left, not how many: counting walks every pending entry, and this runs beside the storm
        String pending = "SELECT count(*) FROM (SELECT 1 FROM intake_delivery WHERE state = 'PENDING' LIMIT 1) p";
        while (TestDatabase.number(DB, pending) > 0) {
            if (System.nanoTime() > deadline) {
                return "  NOT PROCESSED within 15 minutes: " + TestDatabase.number(DB,
                        "SELECT count(*) FROM intake_delivery WHERE state = 'PENDING'") + " pending\n";
            }
            Thread.sleep(50);
        }
        String where = " FROM intake_delivery WHERE id > " + after;
        return String.format("  processing: %d deliveries, %d failed, in %d batches; lag 202 -> processed p50 %d ms,"
                        + " p99 %d ms, max %d ms; processed %.0f /s from first accepted to last processed%n",
                TestDatabase.number(DB, "SELECT count(*)" + where),
                TestDatabase.number(DB, "SELECT count(*)" + where + " AND state <> 'PROCESSED'"),
                // a batch marks its deliveries processed in one statement, at one time
                TestDatabase.number(DB, "SELECT count(DISTINCT processed_at)" + where),
                TestDatabase.number(DB, "SELECT round(1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP"
                        + " (ORDER BY processed_at - received_at)))" + where),
                TestDatabase.number(DB, "SELECT round(1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP"
                        + " (ORDER BY processed_at - received_at)))" + where),
                TestDatabase.number(DB, "SELECT round(1000 * extract(epoch FROM max(processed_at - received_at)))"
                        + where),
                TestDatabase.number(DB, "SELECT count(*)" + where) / Math.max(0.001, TestDatabase.number(DB,
                        "SELECT round(1000 * extract(epoch FROM max(processed_at) - min(received_at)))" + where)
                        / 1000.0));
    }

    /**
     * How long after processing the audit trail's free-text index caught up (it waits for the burst to pass; a
     * search would bring it up to date itself).
     */
    private static String searchable() throws InterruptedException {
        String behind = " FROM audit_event WHERE id > (SELECT coalesce(max(event_id), 0) FROM audit_text)";
        long rows = TestDatabase.number(DB, "SELECT count(*)" + behind);
        long t0 = System.nanoTime();
        // whether any is left, not how many (counting them every 100 ms slowed the indexing it waits for)
        String any = "SELECT count(*) FROM (SELECT 1" + behind + " LIMIT 1) b";
        while (TestDatabase.number(DB, any) > 0 && System.nanoTime() - t0 < Duration.ofMinutes(3).toNanos()) {
            Thread.sleep(100);
        }
        return String.format("  audit free-text index: %d rows behind when processing ended, caught up %.1f s"
                + " later%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    /** Over how many machines the alerts of a run are spread (0: each on its own): {@code -Dbench.spread=0,50}. */
    private static int[] spreads() {
        return java.util.Arrays.stream(System.getProperty("bench.spread", "0,50").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    /** The statements PostgreSQL spent most time on ({@code -Dbench.statements=true}). */
    private static String statements() {
        StringBuilder out = new StringBuilder("statements by total time (ms total, calls, ms per call, rows):\n");
        try (java.sql.Connection c = TestDatabase.connect(DB);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT round(total_exec_time), calls,"
                     + " round((total_exec_time / calls)::numeric, 3), rows, left(regexp_replace(query, '\\s+', ' ',"
                     + " 'g'), 150) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25")) {
            while (rs.next()) {
                out.append(String.format("%8d %7d %9s %8d  %s%n", rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5)));
            }
        } catch (java.sql.SQLException e) {
            out.append(e).append('\n');
        }
        return out.toString();
    }

    private static String setting(String name) {
        try (java.sql.Connection c = TestDatabase.connect(DB);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return "embedded PostgreSQL " + name + " = " + rs.getString(1) + "\n";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String table) {
        return (int) TestDatabase.number(DB, "SELECT count(*) FROM " + table);
    }
}
