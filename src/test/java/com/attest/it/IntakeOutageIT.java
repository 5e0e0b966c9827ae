package com.attest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the database goes away, intake answers 503 with Retry-After (Azure Monitor retries on 503), stores
 * nothing half-way, and takes the same alert once the database is back: nothing is lost, nothing doubled.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntakeOutageIT {

    private static final String DB = "intake_outage_it";
    private static final String KEY = "atk_outage-key-for-tests-0000000000000000000000";
    private static TcpProxy proxy;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        TestDatabase.create(DB);
        proxy = new TcpProxy(TestDatabase.server().port());
        return Deployments.portal(DB, "attest.db.url=jdbc:postgresql://localhost:" + proxy.port() + "/" + DB);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    @Test
    void aDatabaseOutageAnswers503WithRetryAfterAndTheRetryIsStoredOnce() throws Exception {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('AZURE_MONITOR', 'outage', 'atk_outage', '" + Sha256.hex(KEY) + "', now(), 'admin')");
        byte[] alert = IntakeIT.sample("monitor/metric-fired.json");
        assertEquals(202, send(IntakeIT.sample("monitor/log-alert-v2-fired.json")).statusCode(), "warm: pool open");

        proxy.cut();
        HttpResponse<String> down = send(alert);
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.headers().firstValue("Retry-After").isPresent(), "Retry-After tells Azure when to retry");
        assertTrue(down.body().contains("not stored"), down.body());

        proxy.restore();
        HttpResponse<String> back = null;
        for (int i = 0; i < 20; i++) { // the pool replaces its broken connections
            back = send(alert);
            if (back.statusCode() != 503) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(202, back.statusCode(), back.body());
        assertTrue(back.body().contains("\"duplicate\":false"), back.body());
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM alert WHERE external_id LIKE '%6f1c2a7e%'"));
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM alert"));
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM alert_payload"));
    }

    private HttpResponse<String> send(byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/intake/azure-monitor"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("X-Intake-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
