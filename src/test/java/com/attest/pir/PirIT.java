package com.attest.pir;

import static com.attest.testing.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Incidents;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.Wait;
import com.attest.testing.FakeAzure;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
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
 * Post-incident reviews on the real WAR and database with the clock started on a Wednesday at 10:00 UTC
 * ({@link TestClock#START}; the default calendar: UTC, weekends off, days close at 17:00): due dates, states, the
 * closing rule, reminders scheduled before, on and after the due date, and the reminder e-mail through the real Graph
 * client. A reminder sweep covers every review of the shared portal; this class reads only its own incidents' ones.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PirIT {

    private static final String DB = SharedPortal.DB;
    private static final FakeAzure AZURE = SharedPortal.azure();
    /** The clock's first day: a Wednesday, its clock started at 10:00 UTC. */
    private static final java.time.LocalDate W = java.time.LocalDate.ofInstant(TestClock.START,
            java.time.ZoneOffset.UTC);
    private static final String RITA = "rita.pir";
    private static final String SAM = "sam.pir";
    private static final String LENA = "lena.pir";
    private static final String ANN = "ann.pir";

    @ArquillianResource
    private java.net.URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void peopleAndGraph() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        TestDatabase.execute(DB, "UPDATE app_user SET email = 'rita@contoso.com' WHERE username = '" + RITA + "'");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, LENA, PASSWORD, null, "COMPLIANCE_LEAD");
        TestDatabase.execute(DB, "UPDATE app_user SET email = 'lena@contoso.com' WHERE username = '" + LENA + "'");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
        AZURE.reset();
        AZURE.server.stubFor(post(urlPathMatching("/v1.0/users/.*/sendMail")).willReturn(aResponse().withStatus(202)
                .withHeader("request-id", "mail-request-1")));
    }

    @Test
    void aReviewIsDraftedSubmittedReturnedAndApprovedAndOnlyThenTheIncidentCloses() throws Exception {
        String ref = resolvedIncident("Review life cycle", at(-5, "16:30")); // the Friday before
        JsonObject pir = pir(ref);
        assertEquals("DRAFT", pir.getString("state"));
        assertEquals(RITA, pir.getString("owner"));
        assertEquals(at(2, "17:00"), pir.getString("dueAt"), "five business days: Friday to Friday");
        assertTrue(pir.getString("timeline").contains("Alert triggered"), pir.getString("timeline"));
        assertTrue(pir.getString("timeline").contains("System restored"), pir.getString("timeline"));
        long id = pir.getJsonNumber("id").longValue();
        // a file kept as evidence of the response, which the review's PDF lists
        HttpResponse<String> attached = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(new java.net.URL(base, "api/incidents/" + ref
                                + "/attachments?name=storage-access-log.txt").toString()))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (RITA + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/octet-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("GetBlob 203.0.113.7\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, attached.statusCode(), attached.body());

        // closing waits for the review
        HttpResponse<String> early = close(ref);
        assertEquals(400, early.statusCode());
        assertTrue(early.body().contains("the incident closes once the compliance lead has approved it"), early.body());

        // a draft saves without a root cause; a submission refuses it, and an item without owner or due date
        assertEquals(200, change(id, "", RITA, "{\"rootCause\":\"\",\"systemsAffected\":\"vm-web-01\"}", "[]")
                .statusCode());
        HttpResponse<String> bare = change(id, "/submit", RITA, "{\"rootCause\":\" \",\"systemsAffected\":\"vm-web-01\"}",
                "[{\"description\":\"Rotate all keys\"}]");
        assertEquals(400, bare.statusCode());
        assertTrue(bare.body().contains("{\"field\":\"rootCause\",\"message\":\"Root cause: say what caused the incident.\"}"),
                bare.body());
        assertTrue(bare.body().contains("Action item 1: an owner is required."), bare.body());
        assertTrue(bare.body().contains("Action item 1: a due date is required."), bare.body());
        assertEquals("DRAFT", pir(ref).getString("state"), "nothing half-saved");
        assertEquals(0, TestDatabase.number(DB, "SELECT count(*) FROM action_item WHERE pir_id = " + id));

        String form = "{\"rootCause\":\"Leaked SAS token in a public repository\",\"systemsAffected\":\"vm-web-01\","
                + "\"dataInvolved\":\"None\",\"notificationRequired\":false}";
        String items = "[{\"description\":\"Enable secret scanning\",\"owner\":\"" + SAM + "\",\"dueOn\":\"2026-04-01\"}]";
        assertEquals(403, change(id, "/submit", ANN, form, items).statusCode(), "auditors never write");
        HttpResponse<String> notOwner = change(id, "/submit", SAM, form, items);
        assertEquals(400, notOwner.statusCode());
        assertTrue(notOwner.body().contains("who owns the review"), notOwner.body());
        assertEquals(200, change(id, "/submit", RITA, form, items).statusCode());
        assertEquals(403, decide(id, "approve", SAM, null).statusCode(), "responders do not approve");

        HttpResponse<String> noComment = decide(id, "return", LENA, " ");
        assertEquals(400, noComment.statusCode());
        assertEquals(200, decide(id, "return", LENA, "Add the detection gap to the root cause").statusCode());
        assertEquals("RETURNED", pir(ref).getString("state"));
        assertEquals(200, change(id, "/submit", RITA, form.replace("repository", "repository; detection took 3 h"),
                items).statusCode());
        HttpResponse<String> approved = decide(id, "approve", LENA, "Thorough");
        assertEquals(200, approved.statusCode(), approved.body());
        JsonObject done = pir(ref);
        assertEquals("APPROVED", done.getString("state"));
        assertEquals(64, done.getString("approvedSha256").length());

        // fixed now, in the database too
        TestDatabase.assertRefused(DB, "UPDATE pir SET root_cause = 'something else' WHERE id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM pir WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE action_item SET owner = 'rita' WHERE pir_id = " + id);
        assertEquals(200, close(ref).statusCode(), "closes once approved");

        // the PDF on the policy's template
        HttpResponse<String> pdf = PortalClient.api(base, "api/pirs/" + id + "/pdf", ANN, PASSWORD);
        assertEquals(200, pdf.statusCode());
        assertTrue(pdf.body().startsWith("%PDF-"));
        // with the evidence from the response, each file with the checklist item it evidences; titled, in English
        java.nio.file.Path file = java.nio.file.Files.createTempFile("pir-", ".pdf");
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        new java.net.URL(base, "api/pirs/" + id + "/pdf").toString()))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (ANN + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        String text = run("pdftotext", "-layout", file.toString(), "-");
        assertTrue(text.contains("Evidence from the response"), text);
        assertTrue(text.contains("storage-access-log.txt") && text.contains("The incident as a whole"), text);
        String info = run("pdfinfo", file.toString());
        assertTrue(info.matches("(?s).*Title:\\s+Post-incident review " + ref + "\n.*"), info);
        assertTrue(new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("/Lang(en)"), "the document's language");
        java.nio.file.Files.delete(file);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    @Test
    void remindersFallBeforeOnAndAfterTheDueDateEachOnceAndGoOutByMail() throws Exception {
        String notYet = resolvedIncident("Not yet due", at(-2, "10:00"));  // Monday: due next Monday, notice Thursday
        String dueToday = resolvedIncident("Due today", at(-7, "09:00"));  // last Wednesday: due today
        String soon = resolvedIncident("Due tomorrow", at(-6, "09:00"));   // last Thursday: due tomorrow, notice yesterday
        String late = resolvedIncident("Overdue", at(-9, "09:00"));        // Monday before last: due on Monday

        HttpResponse<String> refused = PortalClient.post(base, "api/pirs/reminders", RITA, PASSWORD, "{}");
        assertEquals(403, refused.statusCode(), "only the lead runs the sweep by hand");
        HttpResponse<String> sweep = PortalClient.post(base, "api/pirs/reminders", LENA, PASSWORD, "{}");
        assertEquals(200, sweep.statusCode(), sweep.body());

        assertEquals(List.of(), kinds(notYet));
        assertEquals(List.of("DUE " + W + " " + RITA), kinds(dueToday));
        assertEquals(List.of("BEFORE_DUE " + W.minusDays(1) + " " + RITA), kinds(soon));
        List<String> overdue = kinds(late);
        assertTrue(overdue.contains("OVERDUE " + W + " " + RITA), overdue.toString());
        assertTrue(overdue.contains("OVERDUE_LEAD " + W.minusDays(2) + " " + LENA), overdue.toString());
        assertTrue(overdue.contains("OVERDUE_LEAD " + W.minusDays(2) + " admin"), overdue.toString());

        // a second sweep the same day sends nothing again
        String mine = "SELECT count(*) FROM pir_reminder r JOIN pir p ON p.id = r.pir_id JOIN incident i"
                + " ON i.id = p.incident_id WHERE i.reference IN ('" + String.join("', '", notYet, dueToday, soon, late)
                + "')";
        long before = TestDatabase.number(DB, mine);
        assertEquals(200, PortalClient.post(base, "api/pirs/reminders", LENA, PASSWORD, "{}").statusCode());
        assertEquals(before, TestDatabase.number(DB, mine));

        // the owner's reminder went out through Graph sendMail, with a token, after commit
        List<LoggedRequest> mails = Wait.until("a reminder e-mail to reach Graph", Duration.ofSeconds(20),
                () -> AZURE.server.findAll(postRequestedFor(urlPathMatching("/v1.0/users/.*/sendMail"))
                        .withRequestBody(containing("rita@contoso.com")).withRequestBody(containing("is overdue"))),
                found -> !found.isEmpty());
        assertTrue(mails.isEmpty() == false, "no reminder e-mail reached Graph");
        AZURE.server.verify(postRequestedFor(urlPathMatching("/v1.0/users/"
                + SharedPortal.MAIL_SENDER.replace("@", "(@|%40)") + "/sendMail"))
                .withHeader("Authorization", equalTo("Bearer " + FakeAzure.TOKEN))
                .withRequestBody(matchingJsonPath("$.Message.toRecipients[0].emailAddress.address",
                        equalTo("lena@contoso.com"))));
        assertTrue(TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE purpose = 'pir-reminder'"
                + " AND state = 'SENT' AND external_id = 'mail-request-1'") >= 1);
        TestDatabase.assertRefused(DB, "DELETE FROM pir_reminder");
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM notification WHERE purpose = 'pir-reminder'"
                + " AND recipients = 'rita@contoso.com' AND subject LIKE '%" + late + "%overdue%'"));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** The instant {@code days} days from the clock's first day at {@code time} UTC. */
    private static String at(int days, String time) {
        return W.plusDays(days) + "T" + time + ":00Z";
    }

    private List<String> kinds(String ref) {
        return TestDatabase.texts(DB, "SELECT r.kind || ' ' || r.for_day || ' ' || r.recipient FROM pir_reminder r"
                + " JOIN pir p ON p.id = r.pir_id JOIN incident i ON i.id = p.incident_id WHERE i.reference = '" + ref
                + "' ORDER BY r.kind, r.recipient");
    }

    private JsonObject pir(String ref) {
        HttpResponse<String> response = PortalClient.api(base, "api/pirs/incident/" + ref, RITA, PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        return TestJson.read(response.body());
    }

    private HttpResponse<String> change(long id, String path, String user, String form, String items) {
        long version = TestJson.read(PortalClient.api(base, "api/pirs/" + id, RITA, PASSWORD).body())
                .getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/pirs/" + id + path, user, PASSWORD,
                "{\"version\":" + version + ",\"form\":" + form + ",\"items\":" + items + "}");
    }

    private HttpResponse<String> decide(long id, String decision, String user, String comment) {
        long version = TestJson.read(PortalClient.api(base, "api/pirs/" + id, RITA, PASSWORD).body())
                .getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/pirs/" + id + "/" + decision, user, PASSWORD, "{\"version\":" + version
                + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}");
    }

    private HttpResponse<String> close(String ref) {
        long version = TestJson.read(PortalClient.api(base, "api/incidents/" + ref, RITA, PASSWORD).body())
                .getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/incidents/" + ref + "/steps", RITA, PASSWORD, "{\"version\":" + version
                + ",\"status\":\"CLOSED\",\"at\":\"" + at(0, "10:00") + "\"}");
    }

    /** An incident taken through every step to Resolved at {@code resolvedAt}, owned by rita. */
    private String resolvedIncident(String title, String resolvedAt) {
        java.time.Instant resolved = java.time.Instant.parse(resolvedAt);
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P2\",\"detectedAt\":\""
                        + resolved.minusSeconds(5 * 3600) + "\",\"resources\":[\"/subscriptions/"
                        + FakeAzure.SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm\"]}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = TestJson.read(reported.body()).getString("reference");
        long version = TestJson.read(reported.body()).getJsonNumber("version").longValue();
        HttpResponse<String> declared = PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + version + ",\"owner\":\"" + RITA + "\",\"at\":\"" + resolved.minusSeconds(4 * 3600) + "\"}");
        assertEquals(200, declared.statusCode(), declared.body());
        int hoursBefore = 3;
        for (String step : List.of("CONTAINED", "ERADICATED", "RECOVERED", "RESOLVED")) {
            version = TestJson.read(PortalClient.api(base, "api/incidents/" + ref, RITA, PASSWORD).body())
                    .getJsonNumber("version").longValue();
            HttpResponse<String> moved = PortalClient.post(base, "api/incidents/" + ref + "/steps", RITA, PASSWORD,
                    "{\"version\":" + version + ",\"status\":\"" + step + "\",\"at\":\""
                            + (step.equals("RESOLVED") ? resolved : resolved.minusSeconds(hoursBefore-- * 3600)) + "\""
                            + Incidents.OPEN_WORK + "}");
            assertEquals(200, moved.statusCode(), moved.body());
        }
        return ref;
    }

}
