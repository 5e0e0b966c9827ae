package com.attest.engagement;

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
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Is the population complete? A day of this class's own (12 March 2024) in the fake Azure: five Sentinel incidents
 * and Defender's three alerts. Two incidents are imported into the portal (one of them reclassified in Sentinel
 * afterwards), one is dispositioned as benign by a responder, two stay unmatched, and so do the alerts. The evidence
 * is collected as the lead collects it; the engagement shows the reconciliation, control health counts the unmatched
 * as a CC7.3 gap, the lead records it (registered as evidence, carried into the audit-period pack), and recording it
 * again on the same evidence gives the same bytes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReconciliationIT {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.reconcile";
    private static final String AUDREY = "audrey.reconcile";
    private static final String DAY = "2024-03-12";
    private static final Instant NOON = Instant.parse(DAY + "T12:00:00Z");

    private static long engagement;
    private static Map<String, String> names;

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    /** Once for the class (the first test to run arranges it): Azure, the portal incidents, the evidence. */
    private synchronized void arrange() {
        if (names != null) {
            return;
        }
        FakeAzure azure = SharedPortal.azure().reset();
        FakeAzureStubs.azureHistory(azure.server, NOON);
        Map<String, String> n = new java.util.LinkedHashMap<>();
        for (String key : List.of("imported", "reclassified", "benign", "missed", "forgotten")) {
            n.put(key, azure.sentinel.add(FakeAzure.SENTINEL, "Reconciliation IT: " + key, "Medium", "New", null,
                    NOON.plusSeconds(60L * n.size())));
        }
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, AUDREY, PASSWORD, null, "AUDITOR");
        for (String key : List.of("imported", "reclassified")) {
            HttpResponse<String> imported = PortalClient.post(base, "api/sentinel/soc/incidents/" + n.get(key)
                    + "/import", RITA, PASSWORD, "{}");
            assertTrue(imported.statusCode() < 300, imported.body());
        }
        azure.sentinel.severityInSentinel(n.get("reclassified"), "High");

        HttpResponse<String> asked = PortalClient.post(base, "api/evidence/azure-collections", "admin",
                Deployments.ADMIN_PASSWORD, "{\"from\":\"" + DAY + "\",\"to\":\"" + DAY + "\"}");
        assertEquals(200, asked.statusCode(), asked.body());
        String ids = TestJson.read(asked.body()).getJsonArray("collections").stream().map(v -> v.asJsonObject()
                .getJsonNumber("id").toString()).collect(Collectors.joining(","));
        Wait.until("the collections finished", Duration.ofSeconds(60), () -> TestDatabase.number(DB,
                "SELECT count(*) FROM azure_collection WHERE id IN (" + ids + ") AND state IN ('PENDING', 'RUNNING')"),
                c -> c == 0);

        HttpResponse<String> created = PortalClient.post(base, "api/engagements", "admin", Deployments.ADMIN_PASSWORD,
                "{\"name\":\"Reconciliation IT\",\"periodFrom\":\"" + DAY + "\",\"periodTo\":\"" + DAY + "\","
                        + "\"accessFrom\":\"" + TestClock.now().minusSeconds(3600) + "\",\"accessTo\":\""
                        + TestClock.now().plus(Duration.ofDays(30)) + "\",\"auditors\":[\"" + AUDREY + "\"]}");
        assertEquals(201, created.statusCode(), created.body());
        engagement = TestJson.read(created.body()).getJsonNumber("id").longValue();
        names = n;
    }

    @Test
    void everyAzureItemIsMatchedDispositionedOrShownUnmatchedAndRecordedTheSameTwice() throws Exception {
        arrange();
        String benign = FakeAzure.SENTINEL + "/incidents/" + names.get("benign");

        // a disposition needs a reason; an auditor records none; nothing is half-written
        long before = TestDatabase.number(DB, "SELECT count(*) FROM population_disposition");
        HttpResponse<String> bare = dispose(RITA, "{\"kind\":\"SENTINEL_INCIDENTS\",\"azureId\":\"" + benign
                + "\",\"disposition\":\"DUPLICATE\",\"reason\":\"  \"}");
        assertEquals(400, bare.statusCode(), bare.body());
        assertTrue(bare.body().contains("\"field\":\"reason\"") && bare.body().contains("\"field\":\"duplicateOf\""),
                bare.body());
        assertEquals(403, dispose(AUDREY, "{\"kind\":\"SENTINEL_INCIDENTS\",\"azureId\":\"" + benign
                + "\",\"disposition\":\"BENIGN\",\"reason\":\"auditor\"}").statusCode());
        assertEquals(before, TestDatabase.number(DB, "SELECT count(*) FROM population_disposition"));
        assertEquals(201, dispose(RITA, "{\"kind\":\"SENTINEL_INCIDENTS\",\"azureId\":\"" + benign
                + "\",\"disposition\":\"BENIGN\",\"reason\":\"Benign: closed in Sentinel by rita at 12:05\"}")
                .statusCode());
        HttpResponse<String> again = dispose(RITA, "{\"kind\":\"SENTINEL_INCIDENTS\",\"azureId\":\"" + benign
                + "\",\"disposition\":\"OTHER\",\"reason\":\"twice\"}");
        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("already recorded"), again.body());

        // what the auditor reads: computed now from the collected evidence
        JsonObject now = TestJson.read(ok(PortalClient.api(base, "api/engagements/" + engagement + "/reconciliation",
                AUDREY, PASSWORD)));
        assertEquals(8, now.getInt("azureItems"), now.toString());
        assertEquals(2, now.getInt("matched"));
        assertEquals(1, now.getInt("dispositioned"));
        assertEquals(5, now.getInt("unmatched"));
        List<String> unmatched = now.getJsonArray("unmatchedIds").getValuesAs(JsonValue::toString);
        assertTrue(unmatched.stream().anyMatch(id -> id.contains(names.get("missed")))
                && unmatched.stream().anyMatch(id -> id.contains(names.get("forgotten"))), unmatched.toString());
        assertEquals(2, unmatched.stream().filter(id -> id.contains("/incidents/")).count(), unmatched.toString());
        assertEquals(3, unmatched.stream().filter(id -> id.contains("Microsoft.Security/")).count());
        JsonObject reclassified = item(now, names.get("reclassified"));
        assertEquals("MATCHED", reclassified.getString("outcome"));
        assertEquals("severity", reclassified.getJsonArray("differences").getJsonObject(0).getString("field"));
        assertEquals("High (P2)", reclassified.getJsonArray("differences").getJsonObject(0).getString("azure"));
        assertEquals("P3", reclassified.getJsonArray("differences").getJsonObject(0).getString("portal"));
        assertEquals(0, item(now, names.get("imported")).getJsonArray("differences").size());
        assertEquals("Benign: closed in Sentinel by rita at 12:05", item(now, names.get("benign"))
                .getJsonObject("disposition").getString("reason"));

        // control health: the unmatched are a CC7.3 gap
        JsonObject cc73 = TestJson.read(ok(PortalClient.api(base, "api/controls/CC7.3?from=" + DAY + "&to=" + DAY,
                "admin", Deployments.ADMIN_PASSWORD)));
        JsonObject gap = cc73.getJsonArray("gaps").stream().map(JsonValue::asJsonObject)
                .filter(g -> g.getString("kind").equals("POPULATION_UNMATCHED")).findFirst().orElseThrow();
        assertEquals(5, gap.getInt("count"), gap.toString());

        // recorded by the lead only; twice on the same evidence, byte for byte
        assertEquals(403, PortalClient.post(base, "api/engagements/" + engagement + "/reconciliation", AUDREY,
                PASSWORD, "{}").statusCode());
        assertEquals(403, PortalClient.post(base, "api/engagements/" + engagement + "/reconciliation", RITA,
                PASSWORD, "{}").statusCode());
        JsonObject first = TestJson.read(created(lead("api/engagements/" + engagement + "/reconciliation")));
        JsonObject second = TestJson.read(created(lead("api/engagements/" + engagement + "/reconciliation")));
        assertEquals(first.getString("sha256"), second.getString("sha256"));
        assertEquals(first.getString("evidenceSha256"), second.getString("evidenceSha256"));
        String one = ok(PortalClient.api(base, "api/engagements/" + engagement + "/reconciliations/"
                + first.getJsonNumber("id"), AUDREY, PASSWORD));
        String two = ok(PortalClient.api(base, "api/engagements/" + engagement + "/reconciliations/"
                + second.getJsonNumber("id"), AUDREY, PASSWORD));
        assertEquals(one, two);
        assertEquals(1, TestDatabase.number(DB, "SELECT count(DISTINCT encode(sha256(body), 'hex')) FROM"
                + " population_reconciliation WHERE engagement_id = " + engagement));
        assertEquals(first.getString("sha256"), TestDatabase.texts(DB, "SELECT encode(sha256(body), 'hex') FROM"
                + " population_reconciliation WHERE id = " + first.getJsonNumber("id")).get(0));
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action ="
                + " 'population.reconciled' AND entity_id IN ('" + first.getJsonNumber("id") + "', '"
                + second.getJsonNumber("id") + "')"));
        TestDatabase.assertRefused(DB, "UPDATE population_reconciliation SET unmatched = 0 WHERE id = "
                + first.getJsonNumber("id"));

        // registered as evidence of the period
        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD,
                "{}").statusCode());
        assertEquals(List.of("RECONCILIATION " + DAY), TestDatabase.texts(DB, "SELECT type_code || ' ' || period_date"
                + " FROM evidence_item WHERE source = 'population_reconciliation' AND source_id = "
                + first.getJsonNumber("id")));

        // carried into the audit-period pack of the day, byte for byte
        HttpResponse<String> packed = PortalClient.post(base, "api/packs", "admin", Deployments.ADMIN_PASSWORD,
                "{\"kind\":\"audit-period\",\"from\":\"" + DAY + "\",\"to\":\"" + DAY + "\"}");
        assertEquals(202, packed.statusCode(), packed.body());
        long pack = TestJson.read(packed.body()).getJsonNumber("id").longValue();
        assertEquals("FINISHED", Wait.until("the pack finished", Duration.ofSeconds(120), () -> TestJson.read(
                PortalClient.api(base, "api/packs/" + pack, "admin", Deployments.ADMIN_PASSWORD).body())
                .getString("state"), s -> s.equals("FINISHED") || s.equals("FAILED")));
        Map<String, String> sums = sums(zip("api/packs/" + pack + "/zip"));
        assertEquals(first.getString("sha256"), sums.get("reconciliation/engagement-" + engagement
                + "-reconciliation-" + first.getJsonNumber("id") + ".json"), sums.keySet().toString());
        // and as a section of the pack's PDF: counts, the evidence's SHA-256, unmatched ids, dispositions, differences
        String pdf = pdfText(entry(zip("api/packs/" + pack + "/zip"), "evidence-pack.pdf"));
        for (String expected : List.of("IncidentpopulationreconciledwithAzure", "EngagementReconciliationIT·" + DAY,
                "reconciliation#" + first.getJsonNumber("id"), "matched2,dispositioned1,unmatched5",
                first.getString("evidenceSha256"), first.getString("sha256"),
                FakeAzure.SENTINEL + "/incidents/" + names.get("missed"),
                FakeAzure.SENTINEL + "/incidents/" + names.get("forgotten"),
                "Benign:closedinSentinelbyritaat12:05", "severityHigh(P2)P3")) {
            assertTrue(pdf.contains(expected), expected + " in " + pdf);
        }

        // on the engagement page the lead opens an incident for one unmatched item and records why another has none
        try (PortalClient lead = PortalClient.signedIn(base, "admin", Deployments.ADMIN_PASSWORD)) {
            HtmlPage page = lead.page("engagements/view.xhtml?id=" + engagement);
            assertEquals("5", page.getHtmlElementById("unmatchedCount").asNormalizedText());
            String unmatchedTable = page.getHtmlElementById("reconciliationForm:unmatched").asNormalizedText();
            assertTrue(unmatchedTable.contains(names.get("missed")) && unmatchedTable.contains(names.get("forgotten")),
                    unmatchedTable);
            page = page.getHtmlElementById("reconciliationForm:unmatched:" + row(page, names.get("missed")) + ":open")
                    .click();
            lead.web().waitForBackgroundJavaScript(10_000);
            page = (HtmlPage) lead.web().getCurrentWindow().getEnclosedPage();
            assertTrue(page.asNormalizedText().contains("opened for " + FakeAzure.SENTINEL + "/incidents/"
                    + names.get("missed")), page.asNormalizedText());
            assertEquals("4", page.getHtmlElementById("unmatchedCount").asNormalizedText());

            page = page.getHtmlElementById("reconciliationForm:unmatched:" + row(page, names.get("forgotten"))
                    + ":choose").click();
            lead.web().waitForBackgroundJavaScript(10_000);
            page = (HtmlPage) lead.web().getCurrentWindow().getEnclosedPage();
            page = page.getHtmlElementById("reconciliationForm:dispose").click();
            lead.web().waitForBackgroundJavaScript(10_000);
            page = (HtmlPage) lead.web().getCurrentWindow().getEnclosedPage();
            assertTrue(page.asNormalizedText().contains("Give the reason"), "a disposition needs a reason");
            ((HtmlTextArea) page.getHtmlElementById("reconciliationForm:reason")).setText("Out of scope: test"
                    + " subscription");
            HtmlSelect kind = page.getHtmlElementById("reconciliationForm:disposition_input");
            kind.setSelectedAttribute("OUT_OF_SCOPE", true);
            page = page.getHtmlElementById("reconciliationForm:dispose").click();
            lead.web().waitForBackgroundJavaScript(10_000);
            page = (HtmlPage) lead.web().getCurrentWindow().getEnclosedPage();
            assertEquals("3", page.getHtmlElementById("unmatchedCount").asNormalizedText(),
                    page.asNormalizedText());
        }
        assertEquals(List.of("OUT_OF_SCOPE Out of scope: test subscription admin"), TestDatabase.texts(DB, "SELECT"
                + " disposition || ' ' || reason || ' ' || recorded_by FROM population_disposition WHERE azure_id LIKE"
                + " '%" + names.get("forgotten") + "'"));

        // a responder works off the unmatched items of the open engagements from a page of their own
        try (PortalClient responder = PortalClient.signedIn(base, RITA, PASSWORD)) {
            String queue = responder.page("index.xhtml").asNormalizedText();
            assertTrue(queue.contains("Unmatched Azure items") && queue.contains("with no incident and no"
                    + " disposition"), queue);
            HtmlPage page = responder.page("engagements/unmatched.xhtml");
            int row = -1;
            for (int i = 0; page.getElementById("unmatchedForm:unmatched:" + i + ":choose") != null; i++) {
                String text = page.getHtmlElementById("unmatchedForm:unmatched:" + i + ":choose")
                        .getEnclosingElement("tr").asNormalizedText();
                if (text.contains("Reconciliation IT") && text.contains("Microsoft.Security/")) {
                    row = i;
                    break;
                }
            }
            assertTrue(row >= 0, page.asNormalizedText());
            String alert = page.getHtmlElementById("unmatchedForm:unmatched:" + row + ":itemId").asNormalizedText();
            page = page.getHtmlElementById("unmatchedForm:unmatched:" + row + ":choose").click();
            responder.web().waitForBackgroundJavaScript(10_000);
            page = (HtmlPage) responder.web().getCurrentWindow().getEnclosedPage();
            page = page.getHtmlElementById("unmatchedForm:dispose").click();
            responder.web().waitForBackgroundJavaScript(10_000);
            page = (HtmlPage) responder.web().getCurrentWindow().getEnclosedPage();
            assertTrue(page.asNormalizedText().contains("Give the reason"), "a disposition needs a reason");
            ((HtmlTextArea) page.getHtmlElementById("unmatchedForm:reason")).setText("Benign: Azure's own test"
                    + " alert, closed in Defender by rita");
            page = page.getHtmlElementById("unmatchedForm:dispose").click();
            responder.web().waitForBackgroundJavaScript(10_000);
            page = (HtmlPage) responder.web().getCurrentWindow().getEnclosedPage();
            assertTrue(!page.getHtmlElementById("unmatchedForm:unmatched").asNormalizedText().contains(alert),
                    page.asNormalizedText());
            assertEquals(List.of("BENIGN " + RITA), TestDatabase.texts(DB, "SELECT disposition || ' ' || recorded_by"
                    + " FROM population_disposition WHERE azure_id = '" + alert + "'"));

            // another of the Defender alerts: one click opens an incident from the alert as its collected history holds it
            int next = -1;
            for (int i = 0; page.getElementById("unmatchedForm:unmatched:" + i + ":open") != null; i++) {
                String text = page.getHtmlElementById("unmatchedForm:unmatched:" + i + ":open")
                        .getEnclosingElement("tr").asNormalizedText();
                if (text.contains("Reconciliation IT") && text.contains("Microsoft.Security/")) {
                    next = i;
                    break;
                }
            }
            assertTrue(next >= 0, page.asNormalizedText());
            String other = page.getHtmlElementById("unmatchedForm:unmatched:" + next + ":itemId").asNormalizedText();
            long payloads = TestDatabase.number(DB, "SELECT count(*) FROM alert_payload WHERE caller = '" + RITA
                    + "' AND remote_addr LIKE 'collected Defender alert history%'");
            page = page.getHtmlElementById("unmatchedForm:unmatched:" + next + ":open").click();
            responder.web().waitForBackgroundJavaScript(10_000);
            page = (HtmlPage) responder.web().getCurrentWindow().getEnclosedPage();
            assertTrue(!page.getHtmlElementById("unmatchedForm:unmatched").asNormalizedText().contains(other),
                    page.asNormalizedText());
            assertEquals(payloads + 1, TestDatabase.number(DB, "SELECT count(*) FROM alert_payload p JOIN alert a"
                    + " ON a.id = p.alert_id WHERE p.caller = '" + RITA + "' AND a.source = 'DEFENDER'"
                    + " AND a.incident_id IS NOT NULL AND p.remote_addr LIKE 'collected Defender alert history%'"),
                    "the alert, kept as delivered, opened an incident");
        }
        try (PortalClient auditor = PortalClient.signedIn(base, AUDREY, PASSWORD)) {
            assertEquals(403, auditor.raw("engagements/unmatched.xhtml").getStatusCode());
        }
    }

    /** The row of the unmatched table that shows this Azure item. */
    private static int row(HtmlPage page, String name) {
        for (int i = 0; ; i++) {
            org.htmlunit.html.HtmlElement open = (org.htmlunit.html.HtmlElement) page.getElementById(
                    "reconciliationForm:unmatched:" + i + ":choose");
            if (open == null) {
                throw new AssertionError(name + " is not among the unmatched");
            }
            if (open.getEnclosingElement("tr").asNormalizedText().contains(name)) {
                return i;
            }
        }
    }

    private byte[] zip(String path) throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + path)).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("admin:" + Deployments.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static byte[] entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no " + name + " in the pack");
    }

    /** The PDF's text in the order it was written (a table cell's lines together), without any white space. */
    private static String pdfText(byte[] pdf) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("target", "screenshots", "reconciliation-pack.pdf");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftotext", "-raw", file.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        return text.replaceAll("\\s+", "");
    }

    private static Map<String, String> sums(byte[] zip) throws Exception {
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

    private static JsonObject item(JsonObject reconciliation, String name) {
        return reconciliation.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("azureId").endsWith(name)).findFirst().orElseThrow();
    }

    private HttpResponse<String> dispose(String who, String json) {
        return PortalClient.post(base, "api/population/dispositions", who, PASSWORD, json);
    }

    private HttpResponse<String> lead(String path) {
        return PortalClient.post(base, path, "admin", Deployments.ADMIN_PASSWORD, "{}");
    }

    private static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return response.body();
    }
}
