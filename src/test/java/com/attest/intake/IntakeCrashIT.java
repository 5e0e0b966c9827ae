package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.dev.PayaraProcess;
import com.attest.platform.audit.Sha256;
import com.attest.testing.Drill;
import com.attest.testing.FakeEntra;
import com.attest.testing.PortalClient;
import com.attest.testing.RawSession;
import com.attest.testing.TestDatabase;
import com.attest.testing.Wait;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The portal as an operator runs it, through a crash in an alert storm. Payara Micro is started the way an operator
 * starts it: the database named only by {@code ATTEST_DB_URL}, {@code ATTEST_DB_USER} and {@code ATTEST_DB_PASSWORD}
 * in the environment (an external database owned by a plain role) and no {@code ATTEST_ADMIN_PASSWORD}: the first
 * start prints a random admin password once, which opens nothing but the page that changes it.
 * <p>
 * Then nothing lost, nothing doubled: {@value #ALERTS} distinct Azure Monitor alerts are posted by 16 clients; a third
 * of the way through, the portal is killed ({@code kill -9}) and started again on the same database — this time with
 * sign-in through Entra ID only, local passwords off, and no password printed. A client that got no answer sends the
 * same bytes again, as Azure does, until it gets one. In the end every delivery answered 202 was processed exactly
 * once, every alert exists once with one payload, each opened one incident, re-sent deliveries that had been kept
 * before the crash are recognised as repeats, and the audit trail verifies. It starts Payara itself and leaves the
 * shared portal alone, so it runs beside the shared portal's classes.
 */
@Drill
class IntakeCrashIT {

    /** The storm the policy plans for; {@code -Dcrash.alerts=N} for another size. */
    private static final int ALERTS = Integer.getInteger("crash.alerts", 10_000);
    private static final int CLIENTS = 16;
    private static final String DB = "intake_crash_it";
    private static final String DB_USER = "attest_app";
    private static final String DB_PASSWORD = "Ext-db-passw0rd";
    private static final String KEY = "atk_crash-key-for-tests-00000000000000000000000";
    private static final String OWN_PASSWORD = "the-admins-own-passphrase";
    private static final Pattern PRINTED = Pattern.compile("password: (\\S{20})");
    private static final String TEMPLATE = """
            {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{\
            "alertId":"/subscriptions/00000000-1111-2222-3333-444444444444/providers/Microsoft.AlertsManagement/alerts/crash-%05d",\
            "alertRule":"High CPU on %s","severity":"Sev3","signalType":"Metric","monitorCondition":"Fired",\
            "monitoringService":"Platform","alertTargetIDs":["/subscriptions/00000000-1111-2222-3333-444444444444/\
            resourcegroups/rg-crash/providers/microsoft.compute/virtualmachines/%s"],"configurationItems":["%s"],\
            "firedDateTime":"%s","description":"Average CPU above 85%%","essentialsVersion":"1.0",\
            "alertContextVersion":"1.0"},"alertContext":{"conditionType":"SingleResourceMultipleMetricCriteria"},\
            "customProperties":{}}}""";

    @Test
    void anOperatorsPortalOnAnExternalDatabaseLosesNoAlertAcrossAKill9() throws Exception {
        try (Connection c = TestDatabase.connect("postgres")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            c.createStatement().execute("DROP ROLE IF EXISTS " + DB_USER);
            c.createStatement().execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "'");
            c.createStatement().execute("CREATE DATABASE " + DB + " OWNER " + DB_USER);
        }
        Map<String, String> env = Map.of(
                "ATTEST_DB_URL", TestDatabase.server().jdbcUrl(DB),
                "ATTEST_DB_USER", DB_USER,
                "ATTEST_DB_PASSWORD", DB_PASSWORD,
                "ATTEST_PASSWORD_ITERATIONS", "10000",
                "ATTEST_DOCUMENTS_REPOSITORY", Files.createTempDirectory("attest-documents").toString());
        List<byte[]> alerts = new ArrayList<>();
        Instant fired = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < ALERTS; i++) {
            String vm = "vm-crash-" + i;
            alerts.add(String.format(TEMPLATE, i, vm, vm, vm, fired.plusMillis(i)).getBytes(StandardCharsets.UTF_8));
        }
        PayaraProcess first = PayaraProcess.start(env, List.of(PayaraProcess.PRODUCTION_OPTIONS, "-Xmx768m"));
        PayaraProcess second = null;
        FakeEntra entra = new FakeEntra().start();
        try {
            firstStart(first);
            TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                    + " VALUES ('AZURE_MONITOR', 'crash', 'atk_crash-', '" + Sha256.hex(KEY) + "', now(), 'admin')");
            AtomicReference<URL> portal = new AtomicReference<>(first.base());
            Map<Long, Integer> answered = new ConcurrentHashMap<>();
            Set<Integer> resent = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                work.add(clients.submit(() -> {
                    // HTTP/1.1, as an action group's webhook speaks it
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(2)).build();
                    int i;
                    while ((i = next.getAndIncrement()) < ALERTS) {
                        for (int attempt = 1; ; attempt++) {
                            HttpResponse<String> r = post(http, portal.get(), alerts.get(i));
                            if (r != null && r.statusCode() == 202) {
                                JsonObject body = Json.createReader(new StringReader(r.body())).readObject();
                                answered.put(body.getJsonNumber("deliveryId").longValue(), i);
                                break;
                            }
                            if (r != null && r.statusCode() != 503) {
                                throw new AssertionError("alert " + i + " answered " + r.statusCode() + ": "
                                        + r.body());
                            }
                            resent.add(i); // no answer (or 503): the sender tries again, as Azure does
                            Thread.sleep(Math.min(1000, 50L * attempt));
                        }
                    }
                    return null;
                }));
            }
            Wait.until("a third of the alerts answered", Duration.ofMinutes(10),
                    () -> answered.size() >= ALERTS / 3);
            first.kill();
            // the operator starts it again, having moved everyone to Entra ID and switched local passwords off
            Map<String, String> entraOnly = new HashMap<>(env);
            for (String line : entra.config()) {
                String key = line.substring(0, line.indexOf('='));
                entraOnly.put(key.toUpperCase().replace('.', '_').replace('-', '_'), line.substring(key.length() + 1));
            }
            entraOnly.put("ATTEST_SIGNIN_LOCAL", "false");
            second = PayaraProcess.start(entraOnly, List.of(PayaraProcess.PRODUCTION_OPTIONS, "-Xmx768m"));
            portal.set(second.base());
            assertFalse(PRINTED.matcher(second.log()).find(), "a later start prints no password");
            for (Future<?> f : work) {
                f.get();
            }
            clients.shutdown();
            assertTrue(!resent.isEmpty(), "the crash left deliveries unanswered");
            Wait.until("every kept delivery processed", Duration.ofMinutes(15),
                    () -> TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery WHERE state = 'PENDING'") == 0);

            assertEquals(ALERTS, answered.size(), "one 202 per alert (the last try of each)");
            assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery WHERE state <> 'PROCESSED'"));
            assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery WHERE attempts <> 1"),
                    "each delivery processed once: a batch cut short by the crash rolled back whole");
            String ids = answered.keySet().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
            assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery WHERE state ="
                    + " 'PROCESSED' AND id IN (" + ids + ")"), "every delivery answered 202 was processed");
            assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(*) FROM alert"), "every alert, once");
            assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(DISTINCT external_id) FROM alert"));
            assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(*) FROM alert_payload"), "one payload each");
            assertEquals(ALERTS, TestDatabase.number(DB, "SELECT count(*) FROM incident"), "one incident each");
            long kept = TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery");
            assertEquals(kept - ALERTS, TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery"
                    + " WHERE duplicate"), "a re-sent delivery kept before the crash is recognised as a repeat");
            assertEquals(401, PortalClient.api(second.base(), "api/audit/verify", "admin", OWN_PASSWORD).statusCode(),
                    "a local password opens nothing, the API included");
            RawSession browser = new RawSession(second.base());
            String login = browser.get("login.xhtml").body();
            assertTrue(login.contains("Sign in with Microsoft") && !login.contains("login:password"), login);
            entra.next("0b1e-ops", "ops.lead@contoso.com", "Ops Lead", List.of(FakeEntra.LEAD));
            String authorize = browser.get("signin/entra").headers().firstValue("Location").orElseThrow();
            String callback = browser.get(authorize).headers().firstValue("Location").orElseThrow();
            assertTrue(browser.get(callback).body().contains("Signed in."));
            HttpResponse<String> verify = browser.get("api/audit/verify");
            assertEquals(200, verify.statusCode(), "a lead signed in through Entra ID verifies the trail");
            assertTrue(verify.body().contains("\"intact\":true"), verify.body());
        } finally {
            entra.stop();
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }

    /**
     * The first start on a new database: the random admin password printed once, the schema migrated before the
     * portal says it is ready, the printed password good for nothing but the page that changes it.
     */
    private static void firstStart(PayaraProcess first) throws Exception {
        Matcher printed = PRINTED.matcher(first.log());
        assertTrue(printed.find(), "the first start prints the admin password");
        String adminPassword = printed.group(1);
        assertFalse(printed.find(), "printed once");
        HttpResponse<String> health = PortalClient.api(first.base(), "health/ready", null, null);
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body()); // UP only once the schema is migrated
        assertEquals(401, PortalClient.api(first.base(), "api/audit/verify", "admin", adminPassword).statusCode());
        try (PortalClient lead = new PortalClient(first.base())) {
            HtmlPage change = lead.signIn("admin", adminPassword);
            assertTrue(change.getUrl().getPath().endsWith("/account/password.xhtml"), change.getUrl().toString());
            ((HtmlInput) change.getElementById("passwordForm:current")).setValue(adminPassword);
            ((HtmlInput) change.getElementById("passwordForm:password")).setValue(OWN_PASSWORD);
            ((HtmlInput) change.getElementById("passwordForm:confirmation")).setValue(OWN_PASSWORD);
            change.getHtmlElementById("passwordForm:change").click();
            lead.web().waitForBackgroundJavaScript(5_000);
        }
        assertEquals(200, PortalClient.api(first.base(), "api/audit/verify", "admin", OWN_PASSWORD).statusCode());
        // the schema and the admin live in the external database, owned by the configured user
        try (Connection c = DriverManager.getConnection(TestDatabase.server().jdbcUrl(DB), DB_USER, DB_PASSWORD);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM app_user WHERE username = 'admin' AND must_change_password")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the admin has chosen their own password");
        }
    }

    /** The answer, or null when the portal gave none (down, crashed, restarting). */
    private static HttpResponse<String> post(HttpClient http, URL portal, byte[] body) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(portal + "api/intake/azure-monitor"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("X-Intake-Key", KEY).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }
}
