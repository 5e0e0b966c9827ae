package com.attest.engagement;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The auditor's request list, over HTTP: an auditor files a request in her engagement (13–14 March 2024, this class's
 * own), the lead is mailed and assigns a responder, who answers by linking an evidence item of the period (one
 * outside it is refused with the dates named); the auditor is mailed and accepts, once. An auditor of another
 * engagement sees none of it; auditors never answer; messages are append-only and every change is audited.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditorRequestIT {

    private static final String DB = SharedPortal.DB;
    private static final String AUDRA = "audra.requests";
    private static final String OTTO = "otto.requests";
    private static final String RITA = "rita.requests";
    private static final String LENA = "lena.requests";
    private static final String AIDA = "aida.requests";
    private static final String OSCAR = "oscar.requests";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    private long engagement(String name, String from, String to, String auditor) {
        HttpResponse<String> created = PortalClient.post(base, "api/engagements", "admin", Deployments.ADMIN_PASSWORD,
                "{\"name\":\"" + name + "\",\"periodFrom\":\"" + from + "\",\"periodTo\":\"" + to + "\","
                        + "\"accessFrom\":\"" + TestClock.now().minusSeconds(3600) + "\",\"accessTo\":\""
                        + TestClock.now().plus(Duration.ofDays(30)) + "\",\"auditors\":[\"" + auditor + "\"]}");
        assertEquals(201, created.statusCode(), created.body());
        return TestJson.read(created.body()).getJsonNumber("id").longValue();
    }

    private static long item(String title, String day) {
        return TestDatabase.number(DB, "INSERT INTO evidence_item (type_code, source, source_id, title, period_date,"
                + " sha256, registered_at, retention_until) VALUES ('POLICY', 'request-it', (SELECT coalesce(max("
                + "source_id), 0) + 1 FROM evidence_item WHERE source = 'request-it'), '" + title + "', '" + day
                + "', encode(sha256('" + title + "'::bytea), 'hex'), " + TestClock.sql() + ", NULL) RETURNING id");
    }

    @Test
    void anAuditorsRequestIsAnsweredWithLinkedEvidenceAndAcceptedOnceWithinTheBoundary() {
        Accounts.create(DB, AUDRA, PASSWORD, null, "AUDITOR");
        Accounts.create(DB, OTTO, PASSWORD, null, "AUDITOR");
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, LENA, PASSWORD, null, "COMPLIANCE_LEAD");
        long mine = engagement("Requests IT", "2024-03-13", "2024-03-14", AUDRA);
        long other = engagement("Requests IT, another audit", "2024-03-13", "2024-03-14", OTTO);
        long inside = item("Requests IT: IR policy in force", "2024-03-13");
        long outside = item("Requests IT: an older policy", "2024-01-01");

        // bad input: nothing is written
        long before = TestDatabase.number(DB, "SELECT count(*) FROM auditor_request");
        HttpResponse<String> bad = PortalClient.post(base, "api/requests", AUDRA, PASSWORD, "{\"engagement\":" + mine
                + ",\"title\":\" \",\"due\":\"" + TestClock.today().minusDays(1) + "\",\"control\":\"CC9.9\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        for (String expected : List.of("\"field\":\"title\"", "is before today", "Choose CC7.3, CC7.4 or CC7.5.")) {
            assertTrue(bad.body().contains(expected), expected + " in " + bad.body());
        }
        assertEquals(before, TestDatabase.number(DB, "SELECT count(*) FROM auditor_request"));
        assertEquals(404, PortalClient.post(base, "api/requests", OTTO, PASSWORD, "{\"engagement\":" + mine
                + ",\"title\":\"Not mine\",\"due\":\"" + TestClock.today().plusDays(7) + "\"}").statusCode());

        // filed: the leads are mailed through the outbox
        JsonObject filed = TestJson.read(status(201, PortalClient.post(base, "api/requests", AUDRA, PASSWORD,
                "{\"engagement\":" + mine + ",\"title\":\"The IR policy in force during the period\",\"text\":"
                        + "\"Provided by client\",\"control\":\"CC7.4\",\"due\":\"" + TestClock.today().plusDays(7)
                        + "\"}")));
        long id = filed.getJsonNumber("id").longValue();
        assertEquals("OPEN", filed.getString("state"));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE purpose = 'auditor-request'"
                + " AND subject = 'Auditor request filed: The IR policy in force during the period' AND recipients"
                + " LIKE '%" + LENA + "@example.com%'"));

        // the boundary: another engagement's auditor sees nothing of it; a responder only once assigned
        assertEquals(404, PortalClient.api(base, "api/requests/" + id, OTTO, PASSWORD).statusCode());
        assertEquals(404, PortalClient.api(base, "api/requests/engagement/" + mine + ".json", OTTO, PASSWORD)
                .statusCode());
        assertEquals(0, TestJson.read(status(200, PortalClient.api(base, "api/requests/engagement/" + other + ".json",
                OTTO, PASSWORD))).getJsonArray("requests").size());
        assertEquals(404, PortalClient.api(base, "api/requests/" + id, RITA, PASSWORD).statusCode());
        assertEquals(403, PortalClient.post(base, "api/requests/" + id + "/assign", RITA, PASSWORD,
                "{\"version\":0,\"assignee\":\"" + RITA + "\"}").statusCode());
        JsonObject assigned = TestJson.read(status(200, PortalClient.post(base, "api/requests/" + id + "/assign",
                "admin", Deployments.ADMIN_PASSWORD, "{\"version\":" + filed.getJsonNumber("version")
                        + ",\"assignee\":\"" + RITA + "\"}")));
        assertEquals(RITA, assigned.getString("assignee"));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE purpose = 'auditor-request'"
                + " AND recipients LIKE '%" + RITA + "@example.com%'"));
        long version = assigned.getJsonNumber("version").longValue();

        // an auditor never answers, not even her own request
        HttpResponse<String> ownAnswer = PortalClient.post(base, "api/requests/" + id + "/answer", AUDRA, PASSWORD,
                "{\"version\":" + version + ",\"text\":\"here\"}");
        assertEquals(403, ownAnswer.statusCode(), ownAnswer.body());

        // evidence outside the period is refused with the dates named; nothing half-saved
        long messages = TestDatabase.number(DB, "SELECT count(*) FROM auditor_request_message WHERE request_id = " + id);
        HttpResponse<String> far = PortalClient.post(base, "api/requests/" + id + "/answer", RITA, PASSWORD,
                "{\"version\":" + version + ",\"text\":\"Both\",\"evidence\":[" + inside + "," + outside + "]}");
        assertEquals(400, far.statusCode(), far.body());
        assertTrue(far.body().contains("Evidence item " + outside + " is dated 2024-01-01, outside the engagement's"
                + " period 2024-03-13 – 2024-03-14."), far.body());
        assertEquals(messages, TestDatabase.number(DB, "SELECT count(*) FROM auditor_request_message WHERE"
                + " request_id = " + id));
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM auditor_request_link WHERE request_id = " + id));

        // answered by linking the item the register holds; the auditor is mailed
        JsonObject answered = TestJson.read(status(200, PortalClient.post(base, "api/requests/" + id + "/answer",
                RITA, PASSWORD, "{\"version\":" + version + ",\"text\":\"The policy approved in February\","
                        + "\"evidence\":[" + inside + "]}")));
        assertEquals("ANSWERED", answered.getString("state"));
        assertEquals(List.of(inside), TestDatabase.texts(DB, "SELECT evidence_item_id FROM auditor_request_link WHERE"
                + " request_id = " + id).stream().map(Long::parseLong).toList());
        assertTrue(answered.toString().contains("Requests IT: IR policy in force"), answered.toString());
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE purpose = 'auditor-request'"
                + " AND recipients LIKE '%" + AUDRA + "@example.com%'"));

        // accepted once
        long seen = answered.getJsonNumber("version").longValue();
        assertEquals("ACCEPTED", TestJson.read(status(200, PortalClient.post(base, "api/requests/" + id + "/accept",
                AUDRA, PASSWORD, "{\"version\":" + seen + "}"))).getString("state"));
        long now = TestJson.read(PortalClient.api(base, "api/requests/" + id, AUDRA, PASSWORD).body())
                .getJsonNumber("version").longValue();
        HttpResponse<String> twice = PortalClient.post(base, "api/requests/" + id + "/accept", AUDRA, PASSWORD,
                "{\"version\":" + now + "}");
        assertEquals(400, twice.statusCode(), twice.body());
        assertTrue(twice.body().contains("Already accepted by " + AUDRA), twice.body());

        // the list, exported; the thread append-only; every change audited
        String csv = status(200, PortalClient.api(base, "api/requests/engagement/" + mine + ".csv", AUDRA, PASSWORD));
        assertTrue(csv.startsWith("id,title,text,incident,control,dueDate,state,assignee"), csv);
        assertTrue(csv.contains(id + ",The IR policy in force during the period,Provided by client,,CC7.4,"), csv);
        assertTrue(csv.contains(",ACCEPTED," + RITA + "," + AUDRA + ","), csv);
        assertEquals(List.of("FILED", "ASSIGNED", "ANSWER", "ACCEPTED"), TestDatabase.texts(DB, "SELECT kind FROM"
                + " auditor_request_message WHERE request_id = " + id + " ORDER BY id"));
        TestDatabase.assertRefused(DB, "UPDATE auditor_request_message SET text = 'changed' WHERE request_id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM auditor_request_link WHERE request_id = " + id);
        assertEquals(List.of("auditor-request.filed", "auditor-request.assigned", "auditor-request.answered",
                "auditor-request.accepted"), TestDatabase.texts(DB, "SELECT action FROM audit_event WHERE entity_type ="
                + " 'AuditorRequest' AND entity_id = '" + id + "' ORDER BY id"));
        assertEquals(4, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE entity_type ="
                + " 'AuditorRequestMessage' AND entity_id IN (SELECT CAST(id AS VARCHAR) FROM auditor_request_message"
                + " WHERE request_id = " + id + ")"));
    }

    @Test
    void anAnswerAttachesANewFileRegisteredAsEvidenceThatOnlyTheEngagementsAuditorDownloads() throws Exception {
        Accounts.create(DB, AIDA, PASSWORD, null, "AUDITOR");
        Accounts.create(DB, OSCAR, PASSWORD, null, "AUDITOR");
        long mine = engagement("Request files IT", "2024-03-20", "2024-03-21", AIDA);
        engagement("Request files IT, another audit", "2024-03-20", "2024-03-21", OSCAR);
        JsonObject filed = TestJson.read(status(201, PortalClient.post(base, "api/requests", AIDA, PASSWORD,
                "{\"engagement\":" + mine + ",\"title\":\"Evidence the annual tabletop took place\",\"due\":\""
                        + TestClock.today().plusDays(7) + "\"}")));
        long id = filed.getJsonNumber("id").longValue();
        long version = filed.getJsonNumber("version").longValue();
        byte[] sheet = "Tabletop sign-in sheet, 20 March 2024\nrita, lena, sam\n".getBytes(StandardCharsets.UTF_8);

        // a file dated outside the period, or of a kind not accepted: refused with the reason, nothing half-saved
        HttpResponse<String> early = upload(id, version, "sign-in.txt", "2024-01-05", sheet, "admin",
                Deployments.ADMIN_PASSWORD);
        assertEquals(400, early.statusCode(), early.body());
        assertTrue(early.body().contains("The file sign-in.txt is dated 2024-01-05, outside the engagement's period"
                + " 2024-03-20 – 2024-03-21."), early.body());
        HttpResponse<String> program = upload(id, version, "sign-in.exe", "2024-03-20", sheet, "admin",
                Deployments.ADMIN_PASSWORD);
        assertEquals(400, program.statusCode(), program.body());
        assertTrue(program.body().contains("\"field\":\"file\""), program.body());
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM auditor_request_file WHERE request_id = " + id));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM auditor_request_message WHERE request_id = "
                + id));
        // auditors never answer, not with a file either
        assertEquals(403, upload(id, version, "sign-in.txt", "2024-03-20", sheet, AIDA, PASSWORD).statusCode());

        // attached: kept, registered as an evidence item of the period, linked by the answer, audited
        JsonObject answered = TestJson.read(status(200, upload(id, version, "sign-in.txt", "2024-03-20", sheet,
                "admin", Deployments.ADMIN_PASSWORD)));
        assertEquals("ANSWERED", answered.getString("state"));
        String sha = TestDatabase.texts(DB, "SELECT encode(sha256(body), 'hex') FROM auditor_request_file WHERE"
                + " request_id = " + id).get(0);
        long file = TestDatabase.number(DB, "SELECT id FROM auditor_request_file WHERE request_id = " + id);
        long item = TestDatabase.number(DB, "SELECT id FROM evidence_item WHERE source = 'auditor_request_file' AND"
                + " source_id = " + file + " AND type_code = 'REQUEST_FILE' AND period_date = '2024-03-20' AND sha256"
                + " = '" + sha + "'");
        assertEquals(List.of(String.valueOf(item)), TestDatabase.texts(DB, "SELECT evidence_item_id FROM"
                + " auditor_request_link WHERE request_id = " + id));
        assertTrue(answered.toString().contains(sha), answered.toString());
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action ="
                + " 'auditor-request.file-attached' AND entity_type = 'AuditorRequestFile' AND entity_id = '" + file
                + "'"));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action = 'evidence.registered'"
                + " AND entity_type = 'EvidenceItem' AND entity_id = '" + item + "'"));
        TestDatabase.assertRefused(DB, "DELETE FROM auditor_request_file WHERE id = " + file);

        // the engagement's auditor downloads it (its SHA-256 beside it); another engagement's auditor does not
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "api/requests/" + id + "/files/" + file)).header("Authorization", basic(AIDA)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(sheet, download.body());
        assertEquals(sha, download.headers().firstValue("X-Content-SHA256").orElse(""));
        assertEquals(404, PortalClient.api(base, "api/requests/" + id + "/files/" + file, OSCAR, PASSWORD)
                .statusCode());
        try (PortalClient auditor = PortalClient.signedIn(base, AIDA, PASSWORD)) {
            String page = auditor.page("engagements/request.xhtml?id=" + id).asXml();
            assertTrue(page.contains("/api/requests/" + id + "/files/" + file) && page.contains(sha), page);
        }
    }

    private HttpResponse<String> upload(long id, long version, String name, String dated, byte[] body, String user,
                                        String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/requests/" + id
                        + "/answer/file?version=" + version + "&name=" + name + "&dated=" + dated))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String status(int expected, HttpResponse<String> response) {
        assertEquals(expected, response.statusCode(), response.body());
        return response.body();
    }
}
