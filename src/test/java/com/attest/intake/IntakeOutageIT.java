package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.testing.AlertSamples;
import com.attest.testing.Drill;
import com.attest.testing.IntakeDeliveries;
import com.attest.testing.OwnDatabasePortal;
import com.attest.testing.TcpProxy;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.Wait;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the database goes away, intake answers 503 with Retry-After (Azure Monitor retries on 503), stores
 * nothing half-way, and takes the same alert once the database is back: nothing is lost, nothing doubled.
 * The outage is real (the portal's connections through a proxy are cut), so this runs on the portal with a database
 * of its own; its alerts are dated 2019, outside every period control health, its neighbour there, looks at.
 */
@Drill
class IntakeOutageIT {

    private static final String DB = OwnDatabasePortal.DB;
    private static final String KEY = "atk_outage-key-for-tests-0000000000000000000000";
    private static final String METRIC = "6f1c2a7e";
    private static final String LOG = "b2e7d4c1";

    private static URL base;

    @BeforeAll
    static void portal() {
        base = OwnDatabasePortal.url();
    }

    @Test
    void aDatabaseOutageAnswers503WithRetryAfterAndTheRetryIsStoredOnce() throws Exception {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('AZURE_MONITOR', 'outage', 'atk_outage', '" + Sha256.hex(KEY) + "', " + TestClock.sql()
                + ", 'admin')");
        byte[] alert = in2019("monitor/metric-fired.json", "2019-03-04T21:14:03.4512344Z");
        assertEquals(202, send(in2019("monitor/log-alert-v2-fired.json", "2019-03-03T08:42:17.0918273Z"))
                .statusCode(), "warm: pool open");

        TcpProxy proxy = OwnDatabasePortal.proxy();
        proxy.cut();
        HttpResponse<String> back;
        try {
            // ten seconds without the database: every delivery meanwhile is answered 503, none half-kept
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int refused = 0;
            do {
                HttpResponse<String> down = send(alert);
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(down.headers().firstValue("Retry-After").isPresent(),
                        "Retry-After tells Azure when to retry");
                assertTrue(down.body().contains("not stored"), down.body());
                refused++;
                Thread.sleep(500);
            } while (System.nanoTime() < end);
            assertTrue(refused >= 2, "refused " + refused + " times");
        } finally {
            proxy.restore();
        }
        // the pool replaces its broken connections
        back = Wait.until("intake to answer again", Duration.ofSeconds(15), () -> send(alert),
                r -> r.statusCode() != 503);
        assertEquals(202, back.statusCode(), back.body());
        assertTrue(back.body().contains("\"duplicate\":false"), back.body());
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM alert WHERE external_id LIKE '%" + METRIC + "%'"));
        String mine = "a.external_id LIKE '%" + METRIC + "%' OR a.external_id LIKE '%" + LOG + "%'";
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM alert a WHERE " + mine));
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM alert_payload p JOIN alert a"
                + " ON a.id = p.alert_id WHERE " + mine));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM intake_delivery WHERE state = 'PENDING'"),
                "caught up");
    }

    /** The sample, fired on a day of 2019. */
    private static byte[] in2019(String sample, String firedAt) {
        JsonObject alert = Json.createReader(new StringReader(new String(AlertSamples.read(sample),
                StandardCharsets.UTF_8))).readObject();
        JsonObject essentials = Json.createObjectBuilder(alert.getJsonObject("data").getJsonObject("essentials"))
                .add("firedDateTime", firedAt).build();
        return Json.createObjectBuilder(alert).add("data", Json.createObjectBuilder(alert.getJsonObject("data"))
                .add("essentials", essentials)).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(byte[] body) {
        try {
            HttpClient http = HttpClient.newHttpClient();
            return IntakeDeliveries.settled(http, http.send(HttpRequest.newBuilder(URI.create(base
                            + "api/intake/azure-monitor")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("X-Intake-Key", KEY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString()), KEY);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
