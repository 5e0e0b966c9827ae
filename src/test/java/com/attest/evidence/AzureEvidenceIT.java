package com.attest.evidence;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeAzureStubs;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.attest.testing.Wait;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Azure half of the evidence table collected by the portal, against the fake Azure: the lead collects a day of
 * its own (10 February 2024); Defender for Cloud's alert history (two pages), the Sentinel incidents of the day with
 * their alerts, entities and comments, and the playbook's runs are kept page by page, verbatim, each with its SHA-256;
 * they are registered under their rows of the evidence table and carried into an evidence pack's SHA256SUMS. A
 * refusal by Azure fails the collection in Azure's words with no page kept; only the lead collects.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AzureEvidenceIT {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.azureevidence";
    private static final String DAY = "2024-02-10";
    private static final Instant NOON = Instant.parse(DAY + "T12:00:00Z");

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void arrange() {
        FakeAzure azure = SharedPortal.azure().reset();
        FakeAzureStubs.azureHistory(azure.server, NOON);
        azure.sentinel.add(FakeAzure.SENTINEL, "Azure evidence IT: incident of the day", "Medium", "Closed", null, NOON);
        azure.sentinel.add(FakeAzure.SENTINEL, "Azure evidence IT: the day after", "Medium", "New", null,
                NOON.plus(Duration.ofDays(1)));
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
    }

    @Test
    void aDayIsCollectedVerbatimRegisteredAndPacked() throws Exception {
        assertEquals(403, PortalClient.post(base, "api/evidence/azure-collections", RITA, PASSWORD,
                "{\"from\":\"" + DAY + "\",\"to\":\"" + DAY + "\"}").statusCode());
        HttpResponse<String> backwards = lead("api/evidence/azure-collections", "{\"from\":\"" + DAY
                + "\",\"to\":\"2024-02-09\"}");
        assertEquals(400, backwards.statusCode());
        assertTrue(backwards.body().contains("collectTo"), backwards.body());

        JsonObject asked = TestJson.read(ok(lead("api/evidence/azure-collections", "{\"from\":\"" + DAY + "\",\"to\":\""
                + DAY + "\"}")));
        List<Long> ids = asked.getJsonArray("collections").stream().map(v -> v.asJsonObject().getJsonNumber("id")
                .longValue()).toList();
        assertEquals(3, ids.size(), asked.toString());
        String mine = "SELECT kind || ' ' || state || ' ' || pages || ' ' || records || ' ' || api_version FROM"
                + " azure_collection WHERE id IN (" + join(ids) + ") ORDER BY kind";
        List<String> done = Wait.until("the collections finished", Duration.ofSeconds(60),
                () -> TestDatabase.texts(DB, mine), l -> l.stream().noneMatch(s -> s.contains("PENDING")
                        || s.contains("RUNNING")));
        // Defender: two pages of 2 + 1 alerts; Sentinel: the day's one incident, then its alerts, entities, comments
        assertEquals(List.of("DEFENDER_ALERTS SUCCEEDED 2 3 2022-01-01", "PLAYBOOK_RUNS SUCCEEDED 1 2 2019-05-01",
                "SENTINEL_INCIDENTS SUCCEEDED 4 3 2024-03-01"), done);

        // verbatim: each page's bytes hash to the SHA-256 kept with it, in order
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM azure_collection_page WHERE collection_id IN ("
                + join(ids) + ") AND encode(sha256(body), 'hex') <> sha256"));
        assertEquals(List.of("1 incidents", "2 alerts", "3 entities", "4 comments"), TestDatabase.texts(DB,
                "SELECT p.seq || ' ' || p.what FROM azure_collection_page p JOIN azure_collection c ON c.id ="
                        + " p.collection_id WHERE c.id IN (" + join(ids) + ") AND c.kind = 'SENTINEL_INCIDENTS'"
                        + " ORDER BY p.seq"));
        assertTrue(TestDatabase.texts(DB, "SELECT convert_from(body, 'UTF8') FROM azure_collection_page p JOIN"
                + " azure_collection c ON c.id = p.collection_id WHERE c.id IN (" + join(ids) + ") AND c.kind ="
                + " 'SENTINEL_INCIDENTS' AND p.seq = 1").get(0).contains("Azure evidence IT: incident of the day"));
        TestDatabase.assertRefused(DB, "UPDATE azure_collection_page SET body = '\\x00' WHERE collection_id = "
                + ids.get(0));

        // read back as records with their Azure ids and the page each came from
        JsonObject alerts = TestJson.read(PortalClient.api(base, "api/evidence/azure-collections/records?kind="
                + "DEFENDER_ALERTS&from=" + DAY + "&to=" + DAY, "admin", Deployments.ADMIN_PASSWORD).body());
        List<String> alertIds = alerts.getJsonArray("records").stream().map(v -> v.asJsonObject().getString("name"))
                .toList();
        assertTrue(alertIds.contains("2518298467986649997_6f47d1a1-4f99-4c2a-8fe2-5a57937ee14c"), alerts.toString());
        assertEquals(3, alertIds.size(), alerts.toString());
        JsonObject incidents = TestJson.read(PortalClient.api(base, "api/evidence/azure-collections/records?kind="
                + "SENTINEL_INCIDENTS&from=" + DAY + "&to=" + DAY, "admin", Deployments.ADMIN_PASSWORD).body());
        assertEquals(1, incidents.getJsonArray("records").size(), incidents.toString());
        assertTrue(incidents.getJsonArray("records").getJsonObject(0).getString("azureId")
                .startsWith(FakeAzure.SENTINEL + "/incidents/"), incidents.toString());
        assertEquals(400, PortalClient.api(base, "api/evidence/azure-collections/records?kind=NOPE&from=" + DAY
                + "&to=" + DAY, "admin", Deployments.ADMIN_PASSWORD).statusCode());

        // registered under the evidence table's rows
        assertEquals(200, lead("api/evidence/register", "{}").statusCode());
        assertEquals(List.of("ACTION_RUN 1", "ALERT 2", "INCIDENT 4"), TestDatabase.texts(DB, "SELECT type_code || ' '"
                + " || count(*) FROM evidence_item WHERE source = 'azure_collection_page' AND source_id IN (SELECT id"
                + " FROM azure_collection_page WHERE collection_id IN (" + join(ids) + ")) GROUP BY type_code ORDER BY"
                + " type_code"));

        // carried into a pack of the day: every page in SHA256SUMS with its hash
        HttpResponse<String> packed = lead("api/packs", "{\"kind\":\"audit-period\",\"from\":\"" + DAY + "\",\"to\":\""
                + DAY + "\"}");
        assertEquals(202, packed.statusCode(), packed.body());
        long pack = TestJson.read(packed.body()).getJsonNumber("id").longValue();
        Wait.until("the pack finished", Duration.ofSeconds(120), () -> TestJson.read(PortalClient.api(base,
                "api/packs/" + pack, "admin", Deployments.ADMIN_PASSWORD).body()).getString("state"),
                s -> s.equals("FINISHED") || s.equals("FAILED"));
        Map<String, String> sums = sums(bytes("api/packs/" + pack + "/zip"));
        List<String> azure = sums.keySet().stream().filter(p -> p.contains("azure/")).toList();
        assertEquals(7, azure.size(), sums.keySet().toString());
        for (String path : azure) {
            assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM azure_collection_page WHERE sha256 = '"
                    + sums.get(path) + "' AND collection_id IN (" + join(ids) + ")"), path);
        }
        assertTrue(azure.stream().anyMatch(p -> p.contains("azure/defender-alerts/")), azure.toString());
        assertTrue(azure.stream().anyMatch(p -> p.contains("azure/sentinel-incidents/")), azure.toString());
        assertTrue(azure.stream().anyMatch(p -> p.contains("azure/playbook-runs/")), azure.toString());
    }

    @Test
    void azuresRefusalFailsTheCollectionInItsWordsWithNoPageKept() {
        FakeAzure azure = SharedPortal.azure();
        azure.sentinel.failNext("GET", "/incidents", 403, "AuthorizationFailed", "The client does not have"
                + " authorization to perform action 'Microsoft.SecurityInsights/incidents/read'.", null);
        JsonObject asked = TestJson.read(ok(lead("api/evidence/azure-collections",
                "{\"from\":\"2024-02-11\",\"to\":\"2024-02-11\"}")));
        List<Long> ids = asked.getJsonArray("collections").stream().map(v -> v.asJsonObject().getJsonNumber("id")
                .longValue()).toList();
        String sentinel = "SELECT state || ' ' || coalesce(error, '') FROM azure_collection WHERE id IN (" + join(ids)
                + ") AND kind = 'SENTINEL_INCIDENTS'";
        String outcome = Wait.until("the Sentinel collection failed", Duration.ofSeconds(60),
                () -> TestDatabase.texts(DB, sentinel).get(0), s -> !s.startsWith("PENDING")
                        && !s.startsWith("RUNNING"));
        assertTrue(outcome.startsWith("FAILED") && outcome.contains("does not have authorization"), outcome);
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM azure_collection_page p JOIN azure_collection c"
                + " ON c.id = p.collection_id WHERE c.id IN (" + join(ids) + ") AND c.kind = 'SENTINEL_INCIDENTS'"));
    }

    @Test
    void aNightWhoseEvidenceWasNotCollectedIsAGapUntilItIsCollected() {
        // the night of 13 February 2024 collected Defender's alerts only (a night of this class's own)
        TestDatabase.execute(DB, "INSERT INTO azure_collection (kind, scope, scope_label, period_from, period_to,"
                + " time_from, time_to, trigger, requested_by, requested_at, state, api_version, finished_at)"
                + " VALUES ('DEFENDER_ALERTS', '" + FakeAzure.SUBSCRIPTION + "', 'subscription prod', '2024-02-13',"
                + " '2024-02-13', '2024-02-13T00:00:00Z', '2024-02-14T00:00:00Z', 'NIGHTLY', 'system:azure-evidence',"
                + " '2024-02-14T02:00:00Z', 'SUCCEEDED', '2022-01-01', '2024-02-14T02:00:05Z')");
        String night = "api/controls/CC7.3?from=2024-02-13&to=2024-02-13";
        JsonObject gap = gap(night);
        assertEquals(2, gap.getInt("count"), gap.toString());
        assertEquals("ATTENTION", gap.getString("severity"));
        assertTrue(gap.toString().contains("Sentinel incident list and timelines") && gap.toString().contains(
                "Logic App playbook run history"), gap.toString());

        ok(lead("api/evidence/azure-collections", "{\"from\":\"2024-02-13\",\"to\":\"2024-02-13\"}"));
        Wait.until("the night collected", Duration.ofSeconds(60), () -> gap(night) == null);
    }

    private JsonObject gap(String path) {
        JsonObject control = TestJson.read(PortalClient.api(base, path, "admin", Deployments.ADMIN_PASSWORD).body());
        return control.getJsonArray("gaps").stream().map(v -> v.asJsonObject())
                .filter(g -> g.getString("kind").equals("AZURE_EVIDENCE_MISSING")).findFirst().orElse(null);
    }

    private HttpResponse<String> lead(String path, String json) {
        return PortalClient.post(base, path, "admin", Deployments.ADMIN_PASSWORD, json);
    }

    private static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private byte[] bytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + Deployments.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static Map<String, String> sums(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().endsWith("SHA256SUMS")) {
                    Map<String, String> sums = new TreeMap<>();
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) {
                            sums.put(line.substring(66), line.substring(0, 64));
                        }
                    }
                    return sums;
                }
            }
        }
        throw new AssertionError("no SHA256SUMS in the pack");
    }

    private static String join(List<Long> ids) {
        List<String> s = new ArrayList<>();
        ids.forEach(i -> s.add(String.valueOf(i)));
        return String.join(",", s);
    }
}
