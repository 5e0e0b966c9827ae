package com.attest.customernotice;

import static com.attest.testing.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.Wait;
import com.attest.testing.FakeAzure;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customer notification end to end on the real WAR and database: the contact list imported all or nothing, the
 * clock from the agreement's period, a notice approved by someone other than its writer and sent through the real
 * Graph client to a local fake (exact request, bearer token), its evidence bound to the sent body and kept by the
 * database, a delivery recorded by hand with its proof, and auditors refused every write.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NoticesIT {

    private static final String DB = SharedPortal.DB;
    private static final FakeAzure AZURE = SharedPortal.azure();
    private static final String SENDMAIL = "/v1.0/users/" + SharedPortal.MAIL_SENDER.replace("@", "(@|%40)")
            + "/sendMail";
    private static final String GRAPH_REQUEST_ID = "7f3c2a10-5e4b-4c1d-9a8f-0b6e2d4c8a11";
    private static final String RITA = "rita.notices";
    private static final String SAM = "sam.notices";
    private static final String LENA = "lena.notices";
    private static final String CARL = "carl.notices";
    private static final String ANN = "ann.notices";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void peopleAndGraph() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, LENA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, CARL, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
        AZURE.reset();
        AZURE.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathMatching(SENDMAIL))
                .willReturn(aResponse().withStatus(202).withHeader("request-id", GRAPH_REQUEST_ID)));
    }

    /**
     * Every customer's agreement in force counts for every incident's deadline, so this class's customers leave
     * the portal as they came: no longer active.
     */
    @AfterAll
    static void retireCustomers() {
        Customers.retire(SharedPortal.url(), "Contoso Graph", "Fabrikam Letters", "Import Alpha", "Import Beta");
    }

    @Test
    void aContactListIsImportedAllOrNothingWithEveryBadRowNamed() {
        String bad = "customer,contact name,email,phone,role\n"
                + "Import Alpha,Dana Ortiz,dana@alpha.example,+1 555 0100,DPO\n"
                + "Import Alpha,Lee Park,,,Legal\n"
                + "Import Beta,Kim Ray,kim@beta.example,,Janitor\n"
                + "\"Import Beta\",\"Sam \"\"Sec\"\" Smith\",sam@beta.example,,Security contact\n"
                + "import alpha,Dana again,DANA@alpha.example,,Legal\n";
        HttpResponse<String> refused = importCsv("admin", bad);
        assertEquals(400, refused.statusCode(), refused.body());
        assertError(refused, "row 3", "email: The e-mail address is missing.");
        assertError(refused, "row 4", "role: 'Janitor' is not a contact role");
        assertError(refused, "row 6", "email: dana@alpha.example is already listed for import alpha in row 2.");
        assertEquals(3, TestJson.read("{\"e\":" + refused.body().substring(refused.body().indexOf('['),
                refused.body().lastIndexOf(']') + 1) + "}").getJsonArray("e").size(), refused.body());
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM customer WHERE name LIKE 'Import%'"),
                "nothing imported");

        assertEquals(403, importCsv(ANN, bad).statusCode(), "auditors never write");
        assertEquals(403, importCsv(RITA, bad).statusCode(), "only the compliance lead changes the list");

        String good = "Customer,Contact name,Email,Phone,Role\r\n"
                + "Import Alpha,Dana Ortiz,dana@alpha.example,+1 555 0100,DPO\r\n"
                + "Import Alpha,Lee Park,lee@alpha.example,,Legal\r\n"
                + "\"Import Beta\",\"Sam \"\"Sec\"\" Smith\",sam@beta.example,,Security contact\r\n";
        HttpResponse<String> imported = importCsv("admin", good);
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(2, TestJson.read(imported.body()).getInt("customers"));
        assertEquals(3, TestJson.read(imported.body()).getInt("contacts"));
        assertEquals(List.of("Sam \"Sec\" Smith"), TestDatabase.texts(DB, "SELECT name FROM customer_contact"
                + " WHERE email = 'sam@beta.example'"));
        assertEquals(3, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action ="
                + " 'customer.contact-imported' AND (after_state LIKE '%@alpha.example%'"
                + " OR after_state LIKE '%@beta.example%')"));

        HttpResponse<String> again = importCsv("admin", good);
        assertError(again, "row 2", "email: dana@alpha.example is already a contact of Import Alpha.");
        assertEquals(3, TestDatabase.number(DB, "SELECT count(*) FROM customer_contact c JOIN customer k ON k.id ="
                + " c.customer_id WHERE k.name LIKE 'Import%'"), "the second import changed nothing");
        TestDatabase.assertRefused(DB, "DELETE FROM customer_contact WHERE email = 'lee@alpha.example'");
        TestDatabase.assertRefused(DB, "DELETE FROM customer WHERE name = 'Import Beta'");
    }

    @Test
    void aNoticeIsApprovedByAnotherPersonSentThroughGraphAndKeptAsEvidence() throws Exception {
        approvers(LENA, CARL, "ANY");
        long customer = customer("Contoso Graph", "DPA-7", 48);
        long dana = contact(customer, "Dana Ortiz", "dana@contoso.example", "DPO");
        long sec = contact(customer, "Security Desk", "security@contoso.example", "Security contact");
        contact(customer, "Left Company", "left@contoso.example", "Legal");

        // a template with a misspelt placeholder is refused; the lead's second save is version 2
        HttpResponse<String> misspelt = post("admin", "api/notice-templates", "{\"name\":\"Personal data\","
                + "\"subject\":\"Security incident {{incident.reference}}\",\"body\":\"Dear {{customer.nmae}}\"}");
        assertError(misspelt, "body", "Unknown placeholder {{customer.nmae}}");
        JsonObject v1 = created(post("admin", "api/notice-templates", "{\"name\":\"Personal data\",\"subject\":"
                + "\"Security incident {{incident.reference}}\",\"body\":\"Dear {{customer.name}},\\n\\nOn {{detected}}"
                + " we detected {{incident.title}}.\"}"));
        JsonObject v2 = created(post("admin", "api/notice-templates/" + v1.getJsonNumber("templateId") + "/versions",
                "{\"subject\":\"Security incident {{incident.reference}} ({{customer.agreement}})\",\"body\":"
                        + "\"Dear {{customer.name}},\\n\\nOn {{detected}} we detected {{incident.title}}: {{summary}}\\n"
                        + "We will tell you more by {{deadline}}.\"}"));
        assertEquals(2, v2.getInt("number"));
        assertTrue(get(RITA, "api/notice-templates").body().contains("\"number\":1"), "old versions are kept");

        // the clock: personal data, the agreement's 48 hours from the determination
        String ref = incident("Customer records exported", true, false);
        JsonObject clock = clock(ref);
        assertEquals("PERSONAL_DATA", clock.getString("kind"));
        assertEquals("48 hours", clock.getString("period"));
        assertEquals("Contoso Graph (DPA-7)", clock.getString("basis"));
        assertEquals("RUNNING", clock.getString("state"));
        assertEquals(Instant.parse(clock.getString("from")).plus(Duration.ofHours(48)),
                Instant.parse(clock.getString("dueAt")));

        // drafted from version 2 with the placeholders filled
        JsonObject draft = created(post(RITA, "api/incidents/" + ref + "/notices", "{\"templateVersion\":"
                + v2.getJsonNumber("id") + ",\"customers\":[" + customer + "]}"));
        long id = draft.getJsonNumber("id").longValue();
        assertEquals("Security incident " + ref + " (DPA-7)", draft.getString("subject"));
        assertTrue(draft.getString("text").startsWith("Dear Contoso Graph,\n\nOn "), draft.getString("text"));
        assertTrue(draft.getString("text").contains("we detected Customer records exported: Export job leaked"),
                draft.getString("text"));
        assertEquals(403, post(ANN, "api/incidents/" + ref + "/notices", "{\"templateVersion\":"
                + v2.getJsonNumber("id") + ",\"customers\":[" + customer + "]}").statusCode());

        // sending before approval is refused, and nothing leaves
        HttpResponse<String> early = post(RITA, "api/notices/" + id + "/send", "{\"version\":" + version(id)
                + ",\"contacts\":[" + dana + "]}");
        assertError(early, "state", "is not approved: it can be sent only once one of the approvers");
        assertEquals(0, AZURE.server.findAll(postRequestedFor(urlPathMatching(SENDMAIL))
                .withRequestBody(containing(ref))).size());

        // lena, an approver, edits it: she may not approve what she wrote
        JsonObject edited = ok(post(LENA, "api/notices/" + id + "/text", "{\"version\":" + version(id)
                + ",\"subject\":\"" + draft.getString("subject") + "\",\"text\":\"" + draft.getString("text")
                .replace("\n", "\\n") + "\\n\\nLegal & Privacy <privacy@example.com>\"}"));
        assertEquals(LENA, edited.getString("editedBy"));
        ok(post(LENA, "api/notices/" + id + "/submit", "{\"version\":" + version(id) + "}"));
        assertError(post(LENA, "api/notices/" + id + "/approve", "{\"version\":" + version(id) + "}"), "state",
                "You wrote notice " + id + ": another approver must approve it.");
        assertError(post(SAM, "api/notices/" + id + "/approve", "{\"version\":" + version(id) + "}"), "state",
                "You are not a notice approver");
        assertEquals(403, post(ANN, "api/notices/" + id + "/approve", "{\"version\":" + version(id) + "}")
                .statusCode());
        JsonObject approved = ok(post(CARL, "api/notices/" + id + "/approve", "{\"version\":" + version(id)
                + ",\"comment\":\"Wording checked\"}"));
        assertEquals("APPROVED", approved.getString("state"));

        // a change after approval starts a new round: sending is refused until approved again
        String text = approved.getString("text") + "\n\nThe Security Team";
        JsonObject changed = ok(post(RITA, "api/notices/" + id + "/text", "{\"version\":" + version(id)
                + ",\"subject\":\"" + approved.getString("subject") + "\",\"text\":\"" + text.replace("\n", "\\n")
                + "\"}"));
        assertEquals("DRAFT", changed.getString("state"));
        assertEquals(2, changed.getInt("round"));
        assertError(post(SAM, "api/notices/" + id + "/send", "{\"version\":" + version(id) + ",\"contacts\":["
                + dana + "]}"), "state", "is not approved");
        ok(post(RITA, "api/notices/" + id + "/submit", "{\"version\":" + version(id) + "}"));
        assertError(post(CARL, "api/notices/" + id + "/reject", "{\"version\":" + version(id) + "}"), "comment",
                "Say why the notice is rejected.");
        assertEquals("APPROVED", ok(post(LENA, "api/notices/" + id + "/approve", "{\"version\":" + version(id)
                + "}")).getString("state"));
        TestDatabase.assertRefused(DB, "UPDATE customer_notice SET text = 'tampered' WHERE id = " + id);

        // sent to two contacts through Graph
        HttpResponse<String> sent = post(SAM, "api/notices/" + id + "/send", "{\"version\":" + version(id)
                + ",\"contacts\":[" + dana + "," + sec + "]}");
        assertEquals(201, sent.statusCode(), sent.body());
        JsonObject notice = delivered(id);
        JsonObject delivery = notice.getJsonObject("delivery");
        assertEquals("SENT", notice.getString("state"));
        assertEquals(GRAPH_REQUEST_ID, delivery.getString("graphRequestId"));
        assertEquals("dana@contoso.example, security@contoso.example", delivery.getString("recipients"));

        // the portal mails others meanwhile (reviews' reminders): this notice's mail is the one naming its incident
        List<LoggedRequest> mails = AZURE.server.findAll(postRequestedFor(urlPathMatching(SENDMAIL))
                .withRequestBody(containing(ref)));
        assertEquals(1, mails.size());
        AZURE.server.verify(postRequestedFor(urlPathMatching(SENDMAIL)).withRequestBody(containing(ref))
                .withHeader("Authorization", equalTo("Bearer " + FakeAzure.TOKEN)));
        JsonObject message = TestJson.read(mails.get(0).getBodyAsString()).getJsonObject("Message");
        assertEquals("Security incident " + ref + " (DPA-7)", message.getString("subject"));
        assertEquals(List.of("dana@contoso.example", "security@contoso.example"), message.getJsonArray("toRecipients")
                .getValuesAs(JsonObject.class).stream().map(r -> r.getJsonObject("emailAddress").getString("address"))
                .toList());
        String body = message.getJsonObject("body").getString("content");
        assertTrue(body.contains("Dear Contoso Graph,<br>\n<br>\nOn "), body);
        assertTrue(body.contains("Legal &amp; Privacy &lt;privacy@example.com&gt;<br>\n<br>\nThe Security Team"), body);

        // the evidence: the sent body's SHA-256 is the approved one, the request id and time are kept
        String sha = Sha256.hex(body);
        assertEquals(sha, delivery.getString("bodySha256"));
        assertEquals(sha, notice.getString("bodySha256"));
        assertEquals(body, notice.getString("body"));
        List<JsonObject> decisions = notice.getJsonArray("decisions").getValuesAs(JsonObject.class);
        assertEquals(2, decisions.size());
        assertEquals(CARL, decisions.get(0).getString("decidedBy"));
        assertEquals(1, decisions.get(0).getInt("round"));
        assertEquals(LENA, decisions.get(1).getString("decidedBy"));
        assertEquals("LEGAL", decisions.get(1).getString("approverRole"));
        assertEquals(sha, decisions.get(1).getString("bodySha256"), "round 2 approved exactly what was sent");
        assertEquals(List.of(GRAPH_REQUEST_ID + " " + sha), TestDatabase.texts(DB, "SELECT n.external_id || ' ' ||"
                + " n.body_sha256 FROM notice_delivery d JOIN notification n ON n.id = d.notification_id"
                + " WHERE d.notice_id = " + id));
        assertNotNull(delivery.getString("sentAt"));

        // the clock is met at the time Graph accepted it
        JsonObject met = clock(ref);
        assertEquals("MET", met.getString("state"));
        assertEquals(delivery.getString("sentAt"), met.getString("metAt"));
        assertTrue(timeline(ref).contains("Customer notice " + id + " queued to dana@contoso.example"));

        // the evidence cannot be changed or removed at the database
        TestDatabase.assertRefused(DB, "UPDATE notice_decision SET approved = false WHERE notice_id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM notice_decision WHERE notice_id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE notice_delivery SET recipients = 'someone@else.example' WHERE notice_id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM notice_delivery WHERE notice_id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE customer_notice SET state = 'DRAFT' WHERE id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM customer_notice WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE notice_template_version SET body = 'x' WHERE id = " + v2.getJsonNumber("id"));
        assertError(post(SAM, "api/notices/" + id + "/send", "{\"version\":" + version(id) + ",\"contacts\":["
                + dana + "]}"), "state", "was already sent");

        // auditors read, never write
        assertEquals(200, get(ANN, "api/notices/" + id).statusCode());
        assertEquals(200, get(ANN, "api/customers").statusCode());
        assertEquals(403, post(ANN, "api/customers", "{\"name\":\"Sneaky\"}").statusCode());
        assertEquals(403, post(ANN, "api/notice-templates", "{\"name\":\"x\",\"subject\":\"x\",\"body\":\"x\"}")
                .statusCode());
        assertEquals(403, post(RITA, "api/notice-templates/approvers", "{\"approvers\":{\"CEO\":\"" + RITA + "\"},"
                + "\"approval\":\"ANY\"}").statusCode());
    }

    @Test
    void withAllApproversADeliveryByHandIsRecordedWithItsProof() throws Exception {
        approvers(LENA, CARL, "ALL");
        long customer = customer("Fabrikam Letters", null, null);
        JsonObject v = created(post("admin", "api/notice-templates", "{\"name\":\"Service impact\",\"subject\":"
                + "\"Incident {{incident.reference}}\",\"body\":\"Dear {{customer.name}}, see {{incident.title}}.\"}"));
        String ref = incident("Storage outage", false, true);
        JsonObject clock = clock(ref);
        assertEquals("CUSTOMERS_AFFECTED", clock.getString("kind"));
        assertEquals("30 days", clock.getString("period"));

        long id = created(post(RITA, "api/incidents/" + ref + "/notices", "{\"templateVersion\":"
                + v.getJsonNumber("id") + ",\"customers\":[" + customer + "]}")).getJsonNumber("id").longValue();
        ok(post(RITA, "api/notices/" + id + "/submit", "{\"version\":" + version(id) + "}"));
        assertEquals("AWAITING_APPROVAL", ok(post(LENA, "api/notices/" + id + "/approve", "{\"version\":"
                + version(id) + "}")).getString("state"), "all approvers: the CISO still has to approve");
        byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        String at = TestClock.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertError(proof(id, "LETTER", at, "receipt.pdf", pdf), "state", "all of the approvers");
        ok(post(CARL, "api/notices/" + id + "/approve", "{\"version\":" + version(id) + "}"));

        assertError(proof(id, "LETTER", at, "receipt.pdf", new byte[] {'M', 'Z', 0, 0}), "proof",
                "is named as PDF but its content is a Windows program");
        HttpResponse<String> recorded = proof(id, "LETTER", at, "receipt.pdf", pdf);
        assertEquals(201, recorded.statusCode(), recorded.body());
        JsonObject delivery = TestJson.read(recorded.body());
        assertEquals(Sha256.hex(pdf), delivery.getString("proofSha256"));
        assertEquals("LETTER", delivery.getString("method"));

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                new URL(base, "api/notices/" + id + "/proof").toString())).header("Authorization", basic(ANN))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(pdf, download.body());
        assertEquals(Sha256.hex(pdf), download.headers().firstValue("X-Content-SHA256").orElse(""));

        JsonObject met = clock(ref);
        assertEquals("MET", met.getString("state"));
        assertEquals(Instant.parse(at), Instant.parse(met.getString("metAt")));
        TestDatabase.assertRefused(DB, "UPDATE notice_delivery SET proof_sha256 = repeat('0', 64) WHERE notice_id = " + id);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void approvers(String legal, String ciso, String policy) {
        ok(post("admin", "api/notice-templates/approvers", "{\"approvers\":{\"LEGAL\":\"" + legal + "\",\"CISO\":\""
                + ciso + "\",\"CEO\":null},\"approval\":\"" + policy + "\"}"));
    }

    private long customer(String name, String agreement, Integer hours) {
        return created(post("admin", "api/customers", "{\"name\":\"" + name + "\",\"agreement\":"
                + (agreement == null ? "null" : "\"" + agreement + "\"") + ",\"personalDataHours\":" + hours + "}"))
                .getJsonNumber("id").longValue();
    }

    private long contact(long customer, String name, String email, String role) {
        return created(post("admin", "api/customers/" + customer + "/contacts", "{\"name\":\"" + name
                + "\",\"email\":\"" + email + "\",\"role\":\"" + role + "\"}")).getJsonNumber("id").longValue();
    }

    private String incident(String title, boolean personalData, boolean customersAffected) {
        return created(post(RITA, "api/incidents", "{\"title\":\"" + title + "\",\"description\":\"Export job"
                + " leaked a file\",\"category\":\"OTHER\",\"severity\":\"P2\",\"personalData\":" + personalData
                + ",\"customersAffected\":" + customersAffected + ",\"detectedAt\":\""
                + TestClock.now().minusSeconds(3600) + "\"}")).getString("reference");
    }

    private JsonObject clock(String ref) {
        return ok(get(ANN, "api/incidents/" + ref + "/notices")).getJsonObject("clock");
    }

    private long version(long id) {
        return ok(get(RITA, "api/notices/" + id)).getJsonNumber("version").longValue();
    }

    private JsonObject delivered(long id) {
        return Wait.until("notice " + id + " to be delivered", Duration.ofSeconds(20),
                () -> ok(get(RITA, "api/notices/" + id)),
                notice -> "SENT".equals(notice.getJsonObject("delivery").getString("mailState")));
    }

    private HttpResponse<String> proof(long id, String method, String at, String name, byte[] file) throws Exception {
        String query = "version=" + version(id) + "&method=" + method + "&deliveredAt=" + at + "&name=" + name
                + "&recipients=" + java.net.URLEncoder.encode("Registered letter to Fabrikam Legal",
                StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(new URL(base, "api/notices/" + id
                        + "/delivery?" + query).toString())).header("Authorization", basic(SAM))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> importCsv(String user, String csv) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(new URL(base,
                            "api/customers/import").toString())).header("Authorization", basic(user))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String user, String path, String json) {
        return PortalClient.post(base, path, user, password(user), json);
    }

    private HttpResponse<String> get(String user, String path) {
        return PortalClient.api(base, path, user, password(user));
    }

    private static String password(String user) {
        return user.equals("admin") ? Deployments.ADMIN_PASSWORD : PASSWORD;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password(user))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return TestJson.read(response.body());
    }

    private static JsonObject created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return TestJson.read(response.body());
    }

    private static void assertError(HttpResponse<String> response, String field, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(TestJson.read(response.body()).getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("field").equals(field) && e.getString("message").contains(message)),
                "expected " + field + ": " + message + " in " + response.body());
    }

    private static String timeline(String ref) {
        return String.join("\n", TestDatabase.texts(DB, "SELECT text FROM timeline_entry t JOIN incident i ON i.id ="
                + " t.incident_id WHERE i.reference = '" + ref + "' ORDER BY t.id"));
    }
}
