package com.attest.platform.metrics;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.testing.Accounts;
import com.attest.testing.AlertSamples;
import com.attest.testing.IntakeDeliveries;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/metrics}: refused to anyone but the compliance lead and the scrape token, and after one alert
 * every named metric is there in the Prometheus format, the alert counted once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    private static final String DB = SharedPortal.DB;
    private static final String KEY = "atk_metrics-key-for-tests-000000000000000000000";
    private static final String LEAD = "lena.metrics";
    private static final String RESPONDER = "rita.metrics";
    private static final String AUDITOR = "ann.metrics";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void keyAndPeople() {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('AZURE_MONITOR', 'metrics test', '" + KEY.substring(0, 10) + "', '" + Sha256.hex(KEY)
                + "', " + TestClock.sql() + ", 'admin')");
        Accounts.create(DB, LEAD, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, RESPONDER, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, AUDITOR, PASSWORD, TestClock.today().plusDays(30));
    }

    private HttpResponse<String> scrape(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/metrics"))
                .timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scraped() throws Exception {
        HttpResponse<String> r = scrape("Bearer " + SharedPortal.METRICS_TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        String type = r.headers().firstValue("Content-Type").orElse("").replace(" ", "");
        assertTrue(type.startsWith("text/plain;") && type.contains("version=0.0.4"), type);
        return r.body();
    }

    /** The value of one sample line (name with its labels exactly as written), 0 when there is none. */
    private static double value(String text, String sample) {
        return text.lines().filter(l -> l.startsWith(sample + " ")).map(l -> Double.parseDouble(l.substring(
                sample.length() + 1))).findFirst().orElse(0.0);
    }

    @Test
    void anonymousAndWrongTokenScrapesAreRefused() throws Exception {
        HttpResponse<String> anonymous = scrape(null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().allValues("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Bearer")));
        assertEquals(401, scrape("Bearer not-the-token-not-the-token-not-the-token").statusCode());
        assertEquals(401, scrape("Bearer ").statusCode());
    }

    @Test
    void auditorsAndRespondersMayNotScrape() {
        assertEquals(403, PortalClient.api(base, "api/metrics", AUDITOR, PASSWORD).statusCode());
        assertEquals(403, PortalClient.api(base, "api/metrics", RESPONDER, PASSWORD).statusCode());
    }

    @Test
    void theLeadMayScrapeWithTheirSignIn() {
        HttpResponse<String> r = PortalClient.api(base, "api/metrics", LEAD, PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("# TYPE attest_incidents_opened_total counter"), r.body());
    }

    @Test
    void afterOneAlertEveryNamedMetricIsExposedAndTheAlertCountedOnce() throws Exception {
        String before = scraped();
        String accepted = "attest_intake_deliveries_total{source=\"azure-monitor\",outcome=\"accepted\","
                + "reason=\"accepted\"}";
        String refused = "attest_intake_deliveries_total{source=\"azure-monitor\",outcome=\"refused\","
                + "reason=\"unauthenticated\"}";
        String openedP3 = "attest_incidents_opened_total{severity=\"P3\"}";

        JsonObject alert = Json.createReader(new StringReader(new String(AlertSamples.read("monitor/metric-fired.json"),
                StandardCharsets.UTF_8))).readObject();
        JsonObject essentials = Json.createObjectBuilder(alert.getJsonObject("data").getJsonObject("essentials"))
                .add("alertId", "/subscriptions/00000000-1111-2222-3333-444444444444/providers/"
                        + "Microsoft.AlertsManagement/alerts/20202020-2020-4020-8020-202020202020")
                .add("alertTargetIDs", Json.createArrayBuilder()).add("configurationItems",
                        Json.createArrayBuilder().add("vm-metrics-01")).build();
        byte[] body = Json.createObjectBuilder(alert).add("data", Json.createObjectBuilder(alert.getJsonObject("data"))
                .add("essentials", essentials)).build().toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> sent = IntakeDeliveries.settled(HTTP, HTTP.send(HttpRequest.newBuilder(
                URI.create(base + "api/intake/azure-monitor")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-Intake-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()), KEY);
        assertEquals(202, sent.statusCode(), sent.body());
        HttpResponse<String> unauthenticated = HTTP.send(HttpRequest.newBuilder(
                URI.create(base + "api/intake/azure-monitor")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unauthenticated.statusCode());

        String after = scraped();
        for (String family : List.of("attest_intake_deliveries_total counter", "attest_incidents_opened_total counter",
                "attest_sla_clocks gauge", "attest_outbox_backlog gauge", "attest_outbox_failures_total counter",
                "attest_azure_calls_total counter", "attest_azure_call_duration_seconds summary",
                "attest_pack_duration_seconds summary", "attest_audit_appends_total counter")) {
            assertTrue(after.contains("\n# TYPE " + family + "\n"), family + " in\n" + after);
        }
        assertEquals(1, value(after, accepted) - value(before, accepted), after);
        assertEquals(1, value(after, refused) - value(before, refused), after);
        assertEquals(1, value(after, openedP3) - value(before, openedP3), after);
        assertEquals(TestDatabase.number(DB, "SELECT count(*) FROM incident WHERE severity = 'P3'"),
                (long) value(after, openedP3), "read from the database: the same on every node");
        assertTrue(value(after, "attest_audit_appends_total") > value(before, "attest_audit_appends_total"), after);
        assertTrue(after.contains("\nattest_sla_clocks{state=\"running\"} "), after);
        assertTrue(after.contains("\nattest_outbox_backlog{channel=\"pagerduty\"} "), after);
        assertTrue(after.contains("\nattest_outbox_failures_total{channel=\"teams\",outcome=\"failed\"} "), after);
    }
}
