package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.dev.EmbeddedDatabase;
import com.attest.dev.PayaraProcess;
import com.attest.platform.audit.Sha256;
import com.attest.testing.PortalClient;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing doubled when the portal crashes: {@value #ALERTS} distinct Azure Monitor alerts are posted
 * by 16 clients; a third of the way through, the portal is killed ({@code kill -9}) and started again on the same
 * database. A client that got no answer sends the same bytes again, as Azure does, until it gets one. In the end every
 * delivery answered 202 was processed exactly once, every alert exists once with one payload, each opened one
 * incident, re-sent deliveries that had been kept before the crash are recognised as repeats, and the audit trail
 * verifies. It starts Payara itself, so it runs among the tests with servers of their own.
 */
@Tag("own-servers")
class IntakeCrashIT {

    /** 3,000 in the suite, to keep it short; the storm the policy plans for is {@code -Dcrash.alerts=10000}. */
    private static final int ALERTS = Integer.getInteger("crash.alerts", 3_000);
    private static final int CLIENTS = 16;
    private static final String DB = "intake_crash_it";
    private static final String KEY = "atk_crash-key-for-tests-00000000000000000000000";
    private static final String ADMIN_PASSWORD = "crash-test-passphrase";
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
    void everyDeliveryAnswered202IsProcessedExactlyOnceAcrossAKill9() throws Exception {
        String url = TestDatabase.create(DB);
        Map<String, String> env = Map.of("ATTEST_DB_URL", url, "ATTEST_DB_USER", EmbeddedDatabase.USER,
                "ATTEST_DB_PASSWORD", EmbeddedDatabase.PASSWORD, "ATTEST_PASSWORD_ITERATIONS", "10000",
                "ATTEST_DOCUMENTS_REPOSITORY", Files.createTempDirectory("attest-documents").toString(),
                "ATTEST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        List<byte[]> alerts = new ArrayList<>();
        Instant fired = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < ALERTS; i++) {
            String vm = "vm-crash-" + i;
            alerts.add(String.format(TEMPLATE, i, vm, vm, vm, fired.plusMillis(i)).getBytes(StandardCharsets.UTF_8));
        }
        PayaraProcess first = PayaraProcess.start(env, List.of("-Xmx768m"));
        PayaraProcess second = null;
        try {
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
                    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
            second = PayaraProcess.start(env, List.of("-Xmx768m"));
            portal.set(second.base());
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
            HttpResponse<String> verify = PortalClient.api(second.base(), "api/audit/verify", "admin", ADMIN_PASSWORD);
            assertEquals(200, verify.statusCode(), verify.body());
            assertTrue(verify.body().contains("\"intact\":true"), verify.body());
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
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
