package com.attest.bench;

import com.attest.dev.EmbeddedDatabase;
import com.attest.dev.PayaraProcess;
import com.attest.testing.Accounts;
import com.attest.testing.TestDatabase;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incident register at scale: 100,000 incidents (generated in the database), the list page's first page,
 * a deep page and a filtered query, and an incident with 500 timeline entries, each requested
 * {@value #SAMPLES} times after {@value #WARM_UP} warm-up requests over loopback HTTP; prints p50/p95/max.
 * Run with {@code mvn -Pbenchmark} (not part of {@code mvn verify}); {@code -Dbench.only=timeline} measures only the
 * pages whose name contains it, {@code -Dbench.jvm="-XX:StartFlightRecording=…"} adds options to the portal's JVM,
 * {@code -Dbench.replicated=true} starts the portal as a member of a cluster (of one), so every request writes the
 * session into the data grid as it does on two nodes.
 */
public final class IncidentListBenchmark {

    private static final int INCIDENTS = Integer.getInteger("bench.incidents", 100_000);
    private static final int WARM_UP = 30;
    private static final int SAMPLES = 200;
    private static final String DB = "bench";
    private static final String PASSWORD = "benchmark-passphrase";
    /** Only the pages whose name contains this ({@code -Dbench.only=timeline}); all of them by default. */
    private static final String ONLY = System.getProperty("bench.only", "");
    private static final int AUDIT_ROWS = Integer.getInteger("bench.auditRows", 1_000_000);

    private IncidentListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = TestDatabase.create(DB);
        Map<String, String> env = Map.of("ATTEST_DB_URL", url, "ATTEST_DB_USER", EmbeddedDatabase.USER,
                "ATTEST_DB_PASSWORD", EmbeddedDatabase.PASSWORD,
                "ATTEST_DOCUMENTS_REPOSITORY", java.nio.file.Files.createTempDirectory("attest-documents").toString(),
                "ATTEST_ADMIN_PASSWORD", PASSWORD);
        List<String> jvm = PortalJvm.options();
        List<String> cluster = List.of();
        if (Boolean.getBoolean("bench.replicated")) {
            int grid = PayaraProcess.gridPort();
            cluster = PayaraProcess.loopbackMember("attest-bench", List.of(grid), grid);
        }
        try (PayaraProcess payara = PayaraProcess.start(PayaraProcess.freePort(), env, jvm, cluster)) {
            Accounts.create(DB, "bench", PASSWORD, null, "RESPONDER");
            Accounts.create(DB, "benchlead", PASSWORD, null, "COMPLIANCE_LEAD");
            long started = System.nanoTime();
            generate();
            System.out.printf("generated %,d incidents in %.1f s%n", INCIDENTS, (System.nanoTime() - started) / 1e9);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager()).build();
            String base = payara.base().toString();
            signIn(http, base);
            String busy = reference("SELECT reference FROM incident WHERE title = 'Busy incident'");
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("list, first page", "incidents/list.xhtml?state=all");
            pages.put("list, deep page (row 50,000)", "incidents/list.xhtml?state=all&first=50000");
            pages.put("list, filtered (open P1, breached, 2026)",
                    "incidents/list.xhtml?state=open&severity=P1&sla=BREACHED_ANY&from=2026-01-01&to=2026-12-31");
            pages.put("list, one owner's closed incidents", "incidents/list.xhtml?state=closed&owner=responder7");
            pages.put("incident with 500 timeline entries", "incidents/view.xhtml?ref=" + busy);
            pages.put("list, free-text search (title)", "incidents/list.xhtml?state=all&q=incident+4242");
            pages.put("list, free-text search (resource)", "incidents/list.xhtml?state=all&q=vm-bench-77");

            StringBuilder report = new StringBuilder(String.format("%,d incidents; %d samples after %d warm-up;"
                    + " milliseconds per request over loopback HTTP%n", INCIDENTS, SAMPLES, WARM_UP));
            report.append(String.format("%-45s %8s %8s %8s%n", "page", "p50", "p95", "max"));
            pages.keySet().removeIf(name -> !name.contains(ONLY));
            for (Map.Entry<String, String> page : pages.entrySet()) {
                List<Double> times = measure(http, base + page.getValue());
                report.append(String.format("%-45s %8.1f %8.1f %8.1f%n", page.getKey(), percentile(times, 50),
                        percentile(times, 95), times.get(times.size() - 1)));
            }
            System.out.print(report);
            try {
                HttpClient lead = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .cookieHandler(new CookieManager()).build();
                signIn(lead, base, "benchlead");
                Map<String, String> trail = new LinkedHashMap<>();
                trail.put("audit trail, first page (" + AUDIT_ROWS / 1000 + "k rows)", "audit/trail.xhtml");
                trail.put("audit trail, one actor", "audit/trail.xhtml?actor=responder7");
                trail.put("audit trail, action prefix", "audit/trail.xhtml?action=pir.");
                trail.put("audit trail, one record", "audit/trail.xhtml?type=Incident&record=INC-2025-004242");
                trail.put("audit trail, a day", "audit/trail.xhtml?from=2025-03-01&to=2025-03-01");
                trail.put("audit trail, free text", "audit/trail.xhtml?q=owner-4242");
                trail.keySet().removeIf(name -> !name.contains(ONLY));
                for (Map.Entry<String, String> page : trail.entrySet()) {
                    List<Double> times = measure(lead, base + page.getValue());
                    report.append(String.format("%-45s %8.1f %8.1f %8.1f%n", page.getKey(), percentile(times, 50),
                            percentile(times, 95), times.get(times.size() - 1)));
                }
            } catch (IOException | RuntimeException failed) {
                String log = payara.log();
                report.append("audit trail not measured: ").append(failed).append('\n')
                        .append(log.substring(Math.max(0, log.length() - 3000))).append('\n');
            }
            System.out.print(report);
            Path out = Path.of("target", "benchmark-incidents-" + INCIDENTS + ".txt");
            Files.writeString(out, report.toString());
            System.out.println("written to " + out);
        } finally {
            TestDatabase.stop();
        }
    }

    private static void generate() {
        TestDatabase.execute(DB, """
                INSERT INTO incident (reference, title, description, source, severity, defender_score, category,
                    owner, status, detected_at, declared_at, contained_at, response_due_at, created_at, created_by,
                    updated_at, updated_by)
                SELECT 'INC-' || (2025 + (g % 2)) || '-' || lpad(g::text, 6, '0'),
                       'Generated incident ' || g, 'Generated for the benchmark',
                       (ARRAY['MANUAL','DEFENDER','SENTINEL','AZURE_MONITOR'])[1 + g % 4],
                       'P' || (1 + g % 4), 10 - (g % 10), 'OTHER',
                       CASE WHEN g % 5 = 0 THEN NULL ELSE 'responder' || (g % 20) END,
                       (ARRAY['DETECTED','DECLARED','CONTAINED','RESOLVED','CLOSED','FALSE_POSITIVE'])[1 + g % 6],
                       d, CASE WHEN g % 6 = 0 THEN NULL ELSE d + (g % 180) * interval '1 minute' END,
                       CASE WHEN g % 6 < 2 THEN NULL ELSE d + (g % 600) * interval '1 minute' END,
                       d + interval '2 hours', d, 'bench', d, 'bench'
                FROM (SELECT g, timestamptz '2025-01-01' + (g * interval '9 minutes') AS d
                      FROM generate_series(1, $count) g) s""".replace("$count", String.valueOf(INCIDENTS)));
        TestDatabase.execute(DB, """
                INSERT INTO incident (reference, title, description, source, severity, category, status,
                    detected_at, response_due_at, created_at, created_by, updated_at, updated_by)
                VALUES ('INC-2026-999999', 'Busy incident', '', 'MANUAL', 'P1', 'OTHER', 'DETECTED',
                    now() - interval '1 day', now(), now(), 'bench', now(), 'bench')""");
        TestDatabase.execute(DB, """
                INSERT INTO timeline_entry (incident_id, occurred_at, recorded_at, recorded_by, text)
                SELECT i.id, now() - interval '1 day' + g * interval '1 minute', now(), 'bench',
                       'Timeline entry ' || g || ': what the responder saw and did'
                FROM incident i, generate_series(1, 500) g WHERE i.title = 'Busy incident'""");
        // an affected resource on every tenth incident, for the search
        TestDatabase.execute(DB, "INSERT INTO incident_resource (incident_id, resource_id) SELECT id,"
                + " '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-bench/providers/"
                + "Microsoft.Compute/virtualMachines/vm-bench-' || id FROM incident WHERE id % 10 = 0");
        // the audit trail at its size: rows as the portal writes them (the hash chain is not the point here)
        TestDatabase.execute(DB, """
                INSERT INTO audit_event (id, occurred_at, actor, action, entity_type, entity_id, before_state,
                    after_state, client_address, prev_hash, hash)
                SELECT nextval('audit_event_seq'), timestamptz '2025-01-01' + g * interval '30 seconds',
                       'responder' || (g % 20),
                       (ARRAY['incident.declared','incident.contained','pir.submitted','user.updated'])[1 + g % 4],
                       'Incident', 'INC-2025-' || lpad((g % 100000)::text, 6, '0'),
                       '{"owner":null,"status":"DETECTED"}',
                       '{"owner":"owner-' || (g % 100000) || '","status":"DECLARED"}',
                       '10.0.0.' || (g % 250), repeat('0', 64), encode(sha256(g::text::bytea), 'hex')
                FROM generate_series(1, $rows) g""".replace("$rows", String.valueOf(AUDIT_ROWS)));
        // its free-text index, as the portal keeps it behind the trail (which may have indexed the first rows already)
        TestDatabase.execute(DB, "INSERT INTO audit_text (event_id, words) SELECT id, lower(concat_ws(chr(31), actor,"
                + " action, entity_id, before_state, after_state)) FROM audit_event ON CONFLICT (event_id) DO NOTHING");
        // what autovacuum does for a trail that grew over months: statistics, and the visibility map index-only
        // scans read (a million rows inserted a moment ago have none yet)
        TestDatabase.execute(DB, "VACUUM ANALYZE");
    }

    private static List<Double> measure(HttpClient http, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARM_UP + SAMPLES; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            if (i >= WARM_UP) {
                times.add(ms);
            }
        }
        Collections.sort(times);
        return times;
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void signIn(HttpClient http, String base) throws IOException, InterruptedException {
        signIn(http, base, "bench");
    }

    private static void signIn(HttpClient http, String base, String user) throws IOException, InterruptedException {
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page);
        if (!state.find()) {
            throw new IllegalStateException("no view state on the sign-in page");
        }
        String form = "login=login&login%3Ausername=" + user + "&login%3Apassword=" + PASSWORD
                + "&login%3AsignIn=&jakarta.faces.ViewState=" + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode());
        }
    }

    private static String reference(String query) throws Exception {
        try (var c = TestDatabase.connect(DB); var rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
