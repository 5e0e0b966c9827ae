package com.attest.evidence;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.Runbooks;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evidence register on the real WAR and database: records of every kind registered with the SHA-256 of their
 * canonical snapshot (or their bytes), their period and retention; a changed record registered again beside the
 * first; retention lengthened and never shortened (service and database); legal hold keeping an expired item out of
 * the disposal queue; nothing deleted; auditors read and change nothing; the lead places a hold on the page.
 */
@RunAsClient
class EvidencePageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.evidence";
    private static final String ANN = "ann.evidence";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, ANN, PASSWORD, TestClock.today().plusDays(30), "AUDITOR");
        // an auditor reads the register only within an open engagement: this one covers 2020 to today
        long engagement = TestDatabase.number(DB, "INSERT INTO engagement (name, period_from, period_to, access_from,"
                + " access_to, created_by, created_at) VALUES ('Retention review', DATE '2020-01-01', "
                + TestClock.sqlToday() + " + 1, " + TestClock.sql() + " - interval '1 day', " + TestClock.sql()
                + " + interval '30 days', 'admin', " + TestClock.sql() + ") RETURNING id");
        TestDatabase.execute(DB, "INSERT INTO engagement_auditor (engagement_id, username) VALUES (" + engagement
                + ", '" + ANN + "')");
    }

    @Test
    void everyKindOfRecordBecomesAnItemWithItsHashPeriodAndRetention() throws Exception {
        Runbooks.approveSeed(base);
        String ref = incident("Phishing mail reported by a user");
        byte[] file = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> attached = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "api/incidents/" + ref + "/attachments?name=headers.pdf"))
                .header("Authorization", basic(RITA)).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, attached.statusCode(), attached.body());
        HttpResponse<String> recorded = PortalClient.post(base, "api/incidents/" + ref + "/actions", RITA, PASSWORD,
                "{\"type\":\"record-iac-redeploy\",\"item\":\"recover-3\",\"parameters\":{\"command\":\"terraform apply\","
                        + "\"runLink\":\"https://dev.azure.com/contoso/infra/_build/results?buildId=7\",\"outcome\":"
                        + "\"succeeded\"}}");
        assertEquals(201, recorded.statusCode(), recorded.body());
        closeAsFalsePositive(ref);

        assertEquals(403, PortalClient.post(base, "api/evidence/register", ANN, PASSWORD, "{}").statusCode());
        HttpResponse<String> run = PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}");
        assertEquals(200, run.statusCode(), run.body());

        JsonObject incident = titled("INCIDENT", ref);
        assertTrue(incident.getString("title").startsWith(ref), incident.toString());
        assertEquals(LocalDate.parse(incident.getString("periodDate")).plusYears(3).toString(),
                incident.getString("retentionUntil"), "incidents are kept 3 years from their period date");
        JsonObject detail = get("api/evidence/items/" + incident.getJsonNumber("id"), ANN);
        assertEquals(detail.getString("sha256"), Sha256.hex(detail.getString("snapshot")),
                "the hash is the canonical snapshot's");
        assertTrue(detail.getString("snapshot").contains("\"timeline\""));

        JsonObject attachment = titled("ATTACHMENT", ": headers.pdf");
        assertEquals(Sha256.hex(file), attachment.getString("sha256"), "a file is hashed over its bytes");
        assertTrue(items("ACTION_RUN").stream().anyMatch(i -> i.getString("title").contains("Record an IaC redeploy")));
        // every approved version of the runbook is an item (other tests approve versions of their own)
        List<JsonObject> runbooks = items("RUNBOOK");
        assertFalse(runbooks.isEmpty(), "the runbook in force is registered");
        assertTrue(runbooks.stream().allMatch(i -> i.isNull("retentionUntil")), "the runbook is kept permanently: "
                + runbooks);
        assertTrue(get("api/evidence/items?control=CC7.5", ANN).getJsonArray("items").stream()
                .noneMatch(v -> v.asJsonObject().getString("type").equals("ALERT")), "alerts evidence CC7.3 only");

        // the closed incident gains a timeline entry: registered again, the first item kept
        HttpResponse<String> entry = PortalClient.post(base, "api/incidents/" + ref + "/timeline", RITA, PASSWORD,
                "{\"at\":\"" + TestClock.now().minusSeconds(5) + "\",\"text\":\"Sender domain blocked at the gateway\"}");
        assertEquals(201, entry.statusCode(), entry.body());
        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        List<JsonObject> versions = items("INCIDENT").stream().filter(i -> i.getString("title").startsWith(ref)).toList();
        assertEquals(2, versions.size(), versions.toString());
        assertNotEquals(versions.get(0).getString("sha256"), versions.get(1).getString("sha256"));

        // nothing is deleted or rewritten, even by the application's own account
        long id = incident.getJsonNumber("id").longValue();
        TestDatabase.assertRefused(DB, "DELETE FROM evidence_item WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE evidence_item SET sha256 = repeat('0', 64) WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE evidence_item SET retention_until = retention_until - 1 WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE evidence_type SET retention_years = 1 WHERE code = 'PIR'");
        TestDatabase.assertRefused(DB, "UPDATE evidence_type SET retention_years = 5 WHERE code = 'POLICY'");
        TestDatabase.assertRefused(DB, "DELETE FROM evidence_type WHERE code = 'PIR'");
    }

    @Test
    void retentionIsLengthenedNeverShortenedAndAHoldKeepsAnExpiredItemFromDisposal() throws Exception {
        HttpResponse<String> shorter = PortalClient.post(base, "api/evidence/types/EXERCISE", "admin",
                Deployments.ADMIN_PASSWORD, "{\"years\":2}");
        assertEquals(400, shorter.statusCode());
        assertTrue(shorter.body().contains("The policy's minimum for tabletop or live ir exercise records is 3 year(s)"),
                shorter.body());
        assertEquals(403, PortalClient.post(base, "api/evidence/types/EXERCISE", ANN, PASSWORD, "{\"years\":5}")
                .statusCode(), "auditors never write");
        assertEquals(200, PortalClient.post(base, "api/evidence/types/EXERCISE", "admin", Deployments.ADMIN_PASSWORD,
                "{\"years\":5}").statusCode());
        HttpResponse<String> back = PortalClient.post(base, "api/evidence/types/EXERCISE", "admin",
                Deployments.ADMIN_PASSWORD, "{\"years\":4}");
        assertEquals(400, back.statusCode());
        assertTrue(back.body().contains("never shortened"), back.body());
        assertEquals(400, PortalClient.post(base, "api/evidence/types/POLICY", "admin", Deployments.ADMIN_PASSWORD,
                "{\"years\":50}").statusCode(), "permanent stays permanent");

        // two alert payloads from 2020, kept one year: past retention; one goes on legal hold
        long expired = oldItem(9_000_001L);
        long held = oldItem(9_000_002L);
        JsonObject item = get("api/evidence/items/" + held, "admin");
        HttpResponse<String> noReason = PortalClient.post(base, "api/evidence/items/" + held + "/hold", "admin",
                Deployments.ADMIN_PASSWORD, "{\"version\":" + item.getJsonNumber("version") + ",\"hold\":true}");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("\"field\":\"reason\""), noReason.body());
        assertEquals(403, PortalClient.post(base, "api/evidence/items/" + held + "/hold", ANN, PASSWORD,
                "{\"version\":" + item.getJsonNumber("version") + ",\"hold\":true,\"reason\":\"x\"}").statusCode());
        assertEquals(200, PortalClient.post(base, "api/evidence/items/" + held + "/hold", "admin",
                Deployments.ADMIN_PASSWORD, "{\"version\":" + item.getJsonNumber("version")
                        + ",\"hold\":true,\"reason\":\"Litigation hold: Contoso v. Fabrikam\"}").statusCode());

        HttpResponse<String> sweep = PortalClient.post(base, "api/evidence/disposal-queue", "admin",
                Deployments.ADMIN_PASSWORD, "{}");
        assertEquals(200, sweep.statusCode(), sweep.body());
        assertEquals("QUEUED", get("api/evidence/items/" + expired, ANN).getString("disposalState"));
        assertEquals("KEPT", get("api/evidence/items/" + held, ANN).getString("disposalState"));
        TestDatabase.assertRefused(DB, "DELETE FROM evidence_item WHERE id = " + expired);
        assertEquals(403, PortalClient.api(base, "api/evidence/items", RITA, PASSWORD).statusCode(),
                "responders do not browse the register");
    }

    @Test
    void theLeadFindsAnItemAndPlacesAHoldOnThePageAndAnAuditorCannot() {
        long id = oldItem(9_000_003L);
        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.menu("auditMenu", "evidence");
        browser.waitForText("Evidence catalogue");
        assertTrue(browser.visible("retentionForm:types").getText().contains("Annual, retained 3 years"));
        browser.select("itemsForm:type", "ALERT");
        // the payloads of the shared portal's other tests come first (newest period first): look in 2020 only
        browser.visible("itemsForm:to_input").sendKeys("2020-12-31");
        browser.click("itemsForm:search");
        browser.waitForText("payload 9000003");
        browser.screenshot("evidence-register");
        browser.clickLink(String.valueOf(id));
        browser.waitForText("Place on legal hold");
        browser.click("holdForm:toggle");
        browser.waitForText("Say why the item is held");
        browser.type("holdForm:reason", "Regulator's information request 2026-114");
        browser.click("holdForm:toggle");
        browser.waitForText("Legal hold placed.");
        assertTrue(browser.visible("holdState").getText().contains("Regulator's information request 2026-114"));
        browser.screenshot("evidence-item-held");
        browser.signOut();

        browser.signIn(ANN, PASSWORD).waitForText("The engagements open to you now");
        browser.open("evidence/item.xhtml?id=" + id);
        browser.waitForText("Kept until");
        assertFalse(browser.present("holdForm:toggle"), "an auditor has nothing to press");
    }

    @Test
    void anExpiredFileIsDisposedOfWithACertificateAndNothingElseCanBe() throws Exception {
        Runbooks.approveSeed(base);
        String ref = incident("Old evidence drill");
        byte[] file = "%PDF-1.4\n% old mail headers\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> attached = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "api/incidents/" + ref + "/attachments?name=old-headers.pdf"))
                .header("Authorization", basic(RITA)).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, attached.statusCode(), attached.body());
        long fileId = TestJson.read(attached.body()).getJsonNumber("id").longValue();
        // its item as if registered in 2020: kept until 2023
        TestDatabase.execute(DB, "INSERT INTO evidence_item (type_code, source, source_id, title, period_date, sha256,"
                + " registered_at, retention_until) VALUES ('ATTACHMENT', 'incident_attachment', " + fileId
                + ", 'Evidence file " + fileId + ": old-headers.pdf', DATE '2020-01-10', '" + Sha256.hex(file)
                + "', " + TestClock.sql() + ", DATE '2023-01-10') ON CONFLICT DO NOTHING");
        long itemId = TestDatabase.number(DB, "SELECT id FROM evidence_item WHERE source = 'incident_attachment'"
                + " AND source_id = " + fileId);
        TestDatabase.assertRefused(DB, "DELETE FROM incident_attachment WHERE id = " + fileId);

        HttpResponse<String> notQueued = dispose(itemId, "admin", "Past retention");
        assertEquals(400, notQueued.statusCode());
        assertTrue(notQueued.body().contains("not in the disposal queue"), notQueued.body());
        assertEquals(200, PortalClient.post(base, "api/evidence/disposal-queue", "admin", Deployments.ADMIN_PASSWORD,
                "{}").statusCode());
        assertEquals(400, dispose(itemId, "admin", " ").statusCode(), "a reason is required");
        assertEquals(403, dispose(itemId, ANN, "x").statusCode(), "auditors never write");
        HttpResponse<String> disposed = dispose(itemId, "admin", "Retention of 3 years passed; no hold");
        assertEquals(200, disposed.statusCode(), disposed.body());
        JsonObject certificate = TestJson.read(disposed.body());
        assertEquals(Sha256.hex(file), certificate.getString("sha256"));
        assertEquals("the evidence file", certificate.getString("removed"));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM incident_attachment WHERE id = " + fileId),
                "the file is gone");
        JsonObject item = get("api/evidence/items/" + itemId, ANN);
        assertEquals("DISPOSED", item.getString("disposalState"));
        assertEquals("admin", item.getString("disposedBy"));
        assertTrue(PortalClient.api(base, "api/evidence/disposals", ANN, PASSWORD).body()
                .contains("\"certificateSha256\":\"" + certificate.getString("certificateSha256") + "\""));
        TestDatabase.assertRefused(DB, "DELETE FROM disposal_certificate");
        TestDatabase.assertRefused(DB, "UPDATE evidence_item SET disposal_state = 'KEPT' WHERE id = " + itemId);
        HttpResponse<String> again = dispose(itemId, "admin", "again");
        assertTrue(again.body().contains("disposed of already"), again.body());

        // the certificate is evidence too, kept permanently
        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        JsonObject registered = only("DISPOSAL_CERTIFICATE", certificate.getString("certificateSha256"));
        assertEquals(certificate.getString("certificateSha256"), registered.getString("sha256"));
        assertTrue(registered.isNull("retentionUntil"));

        // a record others refer to stays, even past its retention
        TestDatabase.execute(DB, "INSERT INTO evidence_item (type_code, source, source_id, title, period_date, sha256,"
                + " registered_at, retention_until) VALUES ('INCIDENT', 'incident', 424242, 'An old incident',"
                + " DATE '2019-05-01', '" + Sha256.hex("old incident") + "', " + TestClock.sql() + ", DATE '2022-05-01')");
        PortalClient.post(base, "api/evidence/disposal-queue", "admin", Deployments.ADMIN_PASSWORD, "{}");
        long incidentItem = TestDatabase.number(DB, "SELECT id FROM evidence_item WHERE source = 'incident'"
                + " AND source_id = 424242");
        HttpResponse<String> composite = dispose(incidentItem, "admin", "Past retention");
        assertEquals(400, composite.statusCode());
        assertTrue(composite.body().contains("only payloads and files are removed"), composite.body());
    }

    private HttpResponse<String> dispose(long id, String user, String reason) {
        long version = get("api/evidence/items/" + id, "admin").getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/evidence/items/" + id + "/dispose", user,
                user.equals("admin") ? Deployments.ADMIN_PASSWORD : PASSWORD,
                "{\"version\":" + version + ",\"reason\":\"" + reason + "\"}");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** An item of an alert payload received in 2020, registered behind the portal's back: long past retention. */
    private static long oldItem(long sourceId) {
        TestDatabase.execute(DB, "INSERT INTO evidence_item (type_code, source, source_id, title, period_date, sha256,"
                + " snapshot, registered_at, retention_until) VALUES ('ALERT', 'alert_payload', " + sourceId
                + ", 'Defender alert payload " + sourceId + "', DATE '2020-03-01', '" + Sha256.hex("p" + sourceId) + "',"
                + " NULL, " + TestClock.sql() + ", DATE '2021-03-01')");
        return TestDatabase.number(DB, "SELECT id FROM evidence_item WHERE source_id = " + sourceId);
    }

    private List<JsonObject> items(String type) {
        return get("api/evidence/items?max=1000&type=" + type, ANN).getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    /** The one item of {@code type} whose title contains {@code text} (other tests add items of their own). */
    private JsonObject titled(String type, String text) {
        List<JsonObject> items = items(type).stream().filter(i -> i.getString("title").contains(text)).toList();
        assertEquals(1, items.size(), type + " '" + text + "': " + items);
        return items.get(0);
    }

    /** The one item of {@code type} with this SHA-256. */
    private JsonObject only(String type, String sha256) {
        List<JsonObject> items = items(type).stream().filter(i -> i.getString("sha256").equals(sha256)).toList();
        assertEquals(1, items.size(), type + " " + sha256 + ": " + items(type));
        return items.get(0);
    }

    private JsonObject get(String path, String user) {
        HttpResponse<String> response = PortalClient.api(base, path, user,
                user.equals("admin") ? Deployments.ADMIN_PASSWORD : PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        return TestJson.read(response.body());
    }

    private String incident(String title) {
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P3\",\"detectedAt\":\""
                        + TestClock.now().minusSeconds(3600) + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        JsonObject incident = TestJson.read(reported.body());
        String ref = incident.getString("reference");
        assertEquals(200, PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + incident.getJsonNumber("version") + ",\"at\":\"" + TestClock.now().minusSeconds(1800)
                        + "\"}").statusCode());
        return ref;
    }

    private void closeAsFalsePositive(String ref) {
        long version = get("api/incidents/" + ref, "admin").getJsonNumber("version").longValue();
        HttpResponse<String> closed = PortalClient.post(base, "api/incidents/" + ref + "/close", RITA, PASSWORD,
                "{\"version\":" + version + ",\"kind\":\"FALSE_POSITIVE\",\"reason\":\"A simulated phishing test\"}");
        assertEquals(200, closed.statusCode(), closed.body());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

}
