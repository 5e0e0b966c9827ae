package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.incident.Source;
import com.attest.testing.Deployments;
import com.attest.testing.IntakeDeliveries;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A storm processed as one batch gives what the same deliveries give processed one by one: the same incidents, joins,
 * severities, kept alerts, repeats, timeline entries and audit rows. The deliveries are held back by taking the batch
 * lock the portal's nodes take, so the portal processes them together once it is let go; the same story is then
 * told once more, delivery by delivery, and the two outcomes are compared (references and run names aside). The
 * alerts name machines of this class alone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntakeBatchIT {

    private static final String DB = SharedPortal.DB;
    private static final String KEY = "atk_batch-key-for-tests-0000000000000000000000";
    // HTTP/1.1 as an action group's webhook speaks it (the JDK client would otherwise ask plain HTTP to upgrade to h2c)
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SUBSCRIPTION = "/subscriptions/00000000-1111-2222-3333-444444444444";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void key() {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('AZURE_MONITOR', 'batch test', '" + KEY.substring(0, 10) + "', '" + Sha256.hex(KEY)
                + "', " + TestClock.sql() + ", 'admin')");
    }

    @Test
    void aStormProcessedTogetherGivesWhatItGivesOneByOne() throws Exception {
        Instant fired = TestClock.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);

        long auditBefore = TestDatabase.number(DB, "SELECT coalesce(max(id), 0) FROM audit_event");
        List<byte[]> storm = story("storm-a", fired);
        List<URI> statuses = new ArrayList<>();
        List<Long> deliveries = new ArrayList<>();
        try (Connection held = TestDatabase.connect(DB); Statement lock = held.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + IntakeService.lockKey("intake|batch") + ")");
            for (byte[] body : storm) {
                JsonObject accepted = read(post(body).body());
                statuses.add(URI.create(accepted.getString("statusUrl")));
                deliveries.add(accepted.getJsonNumber("deliveryId").longValue());
            }
            lock.execute("SELECT pg_advisory_unlock(" + IntakeService.lockKey("intake|batch") + ")");
        }
        List<JsonObject> batched = new ArrayList<>();
        for (URI status : statuses) {
            batched.add(read(Wait.until(status + " processed", Duration.ofSeconds(30),
                    () -> IntakeDeliveries.get(HTTP, status, "X-Intake-Key", KEY),
                    b -> !"accepted".equals(read(b).getString("status")))));
        }
        Outcome batch = outcome("storm-a", batched, auditBefore);
        // one batch took all but the repeat and the resolution, which wait for their alert's first delivery
        List<Long> together = new ArrayList<>(deliveries);
        together.remove(7);
        together.remove(4);
        assertEquals(1, TestDatabase.number(DB, "SELECT count(DISTINCT processed_at) FROM intake_delivery WHERE id IN ("
                + String.join(", ", together.stream().map(String::valueOf).toList()) + ")"), "processed together");

        auditBefore = TestDatabase.number(DB, "SELECT coalesce(max(id), 0) FROM audit_event");
        List<JsonObject> oneByOne = new ArrayList<>();
        for (byte[] body : story("storm-b", fired)) {
            oneByOne.add(read(IntakeDeliveries.settled(HTTP, post(body), KEY).body()));
        }
        Outcome single = outcome("storm-b", oneByOne, auditBefore);

        assertEquals(single.answers(), batch.answers());
        assertEquals(single.incidents(), batch.incidents());
        assertEquals(single.alerts(), batch.alerts());
        assertEquals(single.audit(), batch.audit());

        // and what it is: two incidents, the more severe alert raised the first, the cost alert kept, one repeat
        assertEquals(2, batch.incidents().size(), batch.incidents().toString());
        assertTrue(batch.incidents().get("#1").startsWith("P2 DETECTED"), "Sev1 raised it: " + batch.incidents());
        assertTrue(batch.incidents().get("#2").startsWith("P4 DETECTED"), "Sev3 gives P4: " + batch.incidents());
        assertTrue(batch.alerts().get(1).contains("joined #1 (same /subscriptions/"), batch.alerts().toString());
        assertTrue(batch.alerts().get(5).contains("joined #1 (same "), batch.alerts().toString());
        assertTrue(batch.alerts().get(6).contains("joined #2 (same "), batch.alerts().toString());
        assertTrue(batch.alerts().get(8).contains("joined #2 (same "), "the latest alert's: " + batch.alerts());
        assertTrue(batch.alerts().get(3).startsWith("kept without an incident"), batch.alerts().toString());
        assertNull(batch.answers().get(3).get("incidentReference"));
        assertEquals(Boolean.TRUE, batch.answers().get(4).get("duplicate"));
        HttpResponse<String> verify = PortalClient.api(base, "api/audit/verify", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, verify.statusCode(), verify.body());
        assertTrue(read(verify.body()).getBoolean("intact"), verify.body());
    }

    /**
     * One run of the story, its machines named after {@code run}: an alert opens an incident, a second on the same
     * machine joins it, a third opens another, a cost alert is kept, the first is delivered again, a more severe
     * alert joins (and raises) the first incident, another joins the second, the third resolves, and an alert on
     * both machines joins the one whose alert fired last.
     */
    private static List<byte[]> story(String run, Instant fired) {
        String vm1 = "vm-" + run + "-1";
        String vm2 = "vm-" + run + "-2";
        byte[] first = monitor(run + "-a1", "Fired", "Sev3", fired, vm1);
        return List.of(first,
                monitor(run + "-a2", "Fired", "Sev3", fired.plusSeconds(10), vm1),
                monitor(run + "-a3", "Fired", "Sev3", fired.plusSeconds(20), vm2),
                cost(run),
                first,
                monitor(run + "-a4", "Fired", "Sev1", fired.plusSeconds(40), vm1),
                monitor(run + "-a5", "Fired", "Sev3", fired.plusSeconds(50), vm2),
                monitor(run + "-a3", "Resolved", "Sev3", fired.plusSeconds(20), vm2),
                monitor(run + "-a6", "Fired", "Sev3", fired.plusSeconds(70), vm1, vm2));
    }

    private static byte[] monitor(String id, String condition, String severity, Instant fired, String... vms) {
        StringBuilder targets = new StringBuilder();
        StringBuilder items = new StringBuilder();
        for (String vm : vms) {
            targets.append(targets.length() == 0 ? "" : ",").append('"').append(SUBSCRIPTION)
                    .append("/resourcegroups/rg-batch/providers/microsoft.compute/virtualmachines/").append(vm)
                    .append('"');
            items.append(items.length() == 0 ? "" : ",").append('"').append(vm).append('"');
        }
        return ("{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{"
                + "\"alertId\":\"" + SUBSCRIPTION + "/providers/Microsoft.AlertsManagement/alerts/" + id + "\","
                + "\"alertRule\":\"High CPU " + id.replaceAll("^storm-.-", "") + "\",\"severity\":\"" + severity
                + "\",\"signalType\":\"Metric\",\"monitorCondition\":\"" + condition + "\","
                + "\"monitoringService\":\"Platform\",\"alertTargetIDs\":[" + targets + "],"
                + "\"configurationItems\":[" + items + "],\"firedDateTime\":\"" + fired + "\""
                + ("Resolved".equals(condition) ? ",\"resolvedDateTime\":\"" + fired.plusSeconds(45) + "\"" : "")
                + ",\"description\":\"CPU above 85%\",\"essentialsVersion\":\"1.0\",\"alertContextVersion\":\"1.0\"},"
                + "\"alertContext\":{\"conditionType\":\"SingleResourceMultipleMetricCriteria\"},"
                + "\"customProperties\":{}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cost(String run) {
        try (var in = IntakeBatchIT.class.getResourceAsStream("/intake/monitor/cost-budget-actual.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("budget-prod-monthly-actual-100", "budget-" + run).getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What a run gave, with its references numbered in order of appearance and its name taken out. */
    private record Outcome(List<Map<String, Object>> answers, Map<String, String> incidents, List<String> alerts,
                           Map<String, Long> audit) {
    }

    private static Outcome outcome(String run, List<JsonObject> answers, long auditAfter) {
        Map<String, String> names = new LinkedHashMap<>();
        List<Map<String, Object>> said = new ArrayList<>();
        for (JsonObject a : answers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", a.getString("status"));
            m.put("duplicate", a.containsKey("duplicate") && !a.isNull("duplicate") ? a.getBoolean("duplicate") : null);
            m.put("incidentReference", a.containsKey("incidentReference") && !a.isNull("incidentReference")
                    ? names.computeIfAbsent(a.getString("incidentReference"), r -> "#" + (names.size() + 1)) : null);
            said.add(m);
        }
        Map<String, String> incidents = new TreeMap<>();
        names.forEach((ref, name) -> incidents.put(name, neutral(run, names, String.join(" | ", TestDatabase.texts(DB,
                "SELECT concat_ws(' ', severity, status, title, response_due_at, detected_at, (SELECT count(*)"
                        + " FROM notification n WHERE n.incident_id = i.id)) FROM incident i WHERE reference = '" + ref
                        + "'"))) + " | " + neutral(run, names, String.join(" | ",
                TestDatabase.texts(DB, "SELECT concat_ws(' ', CASE WHEN t.text LIKE 'Severity changed%' THEN NULL"
                        + " ELSE t.occurred_at END, t.milestone, t.recorded_by, t.text)"
                        + " FROM timeline_entry t JOIN incident i ON i.id = t.incident_id WHERE i.reference = '"
                        + ref + "' ORDER BY t.occurred_at, t.text")))));
        List<String> alerts = new ArrayList<>();
        for (JsonObject a : answers) {
            alerts.add(neutral(run, names, String.join(" | ", TestDatabase.texts(DB,
                    "SELECT concat_ws(' ', correlation, state, severity, source_status, resolved_at,"
                            + " (SELECT count(*) FROM alert_payload p WHERE p.alert_id = a.id),"
                            + " (SELECT string_agg(subject, ',' ORDER BY subject) FROM alert_subject s"
                            + " WHERE s.alert_id = a.id)) FROM alert a WHERE id = "
                            + a.getJsonNumber("alertId").longValue()))));
        }
        Map<String, Long> audit = new TreeMap<>();
        String alertIds = String.join("', '", answers.stream().map(a -> a.getJsonNumber("alertId").toString())
                .toList());
        String references = String.join("', '", names.keySet());
        for (String action : TestDatabase.texts(DB, "SELECT action || ' ' || entity_type FROM audit_event"
                + " WHERE id > " + auditAfter + " AND ((entity_type = 'Alert' AND entity_id IN ('" + alertIds + "'))"
                + " OR (entity_type = 'Incident' AND entity_id IN ('" + references + "')))")) {
            audit.merge(action, 1L, Long::sum);
        }
        return new Outcome(said, incidents, alerts, audit);
    }

    private static String neutral(String run, Map<String, String> names, String text) {
        String out = text.replace(run, "RUN");
        for (Map.Entry<String, String> e : names.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/intake/azure-monitor"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("X-Intake-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        return r;
    }

    private static JsonObject read(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
