package com.attest.it;

import static com.attest.it.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
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
 * Post-incident reviews on the real WAR and database with the clock started on a Wednesday at 10:00 UTC, a week or
 * two ahead (the default calendar: UTC, weekends off, days close at 17:00): due dates, states, the closing rule,
 * reminders scheduled before, on and after the due date, and the reminder e-mail through the real Graph client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PirIT {

    private static final String DB = "pir_it";
    private static final FakeAzure AZURE = new FakeAzure();
    /** The clock's first day: the Wednesday at least a week from today (accounts made now lie in its past). */
    private static final java.time.LocalDate W = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(7)
            .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.WEDNESDAY));

    @ArquillianResource
    private java.net.URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        AZURE.start();
        AZURE.server.stubFor(post(urlPathMatching("/v1.0/users/.*/sendMail")).willReturn(aResponse().withStatus(202)
                .withHeader("request-id", "mail-request-1")));
        String[] azure = AZURE.config();
        String[] config = java.util.Arrays.copyOf(azure, azure.length + 3);
        config[azure.length] = "attest.clock.start=" + W + "T10:00:00Z";
        config[azure.length + 1] = "attest.mail.sender=soc-alerts@contoso.com";
        config[azure.length + 2] = "attest.notify.backoff-seconds=1";
        return Deployments.portal(DB, config);
    }

    @BeforeAll
    static void people() {
        Accounts.create(DB, "rita", PASSWORD, null, "RESPONDER");
        TestDatabase.execute(DB, "UPDATE app_user SET email = 'rita@contoso.com' WHERE username = 'rita'");
        Accounts.create(DB, "sam", PASSWORD, null, "RESPONDER");
        Accounts.create(DB, "lena", PASSWORD, null, "COMPLIANCE_LEAD");
        TestDatabase.execute(DB, "UPDATE app_user SET email = 'lena@contoso.com' WHERE username = 'lena'");
        Accounts.auditor(DB, "ann", PASSWORD, java.time.LocalDate.now().plusDays(30));
    }

    @AfterAll
    static void stopFake() {
        AZURE.stop();
    }

    @Test
    void aReviewIsDraftedSubmittedReturnedAndApprovedAndOnlyThenTheIncidentCloses() {
        String ref = resolvedIncident("Review life cycle", at(-5, "16:30")); // the Friday before
        JsonObject pir = pir(ref);
        assertEquals("DRAFT", pir.getString("state"));
        assertEquals("rita", pir.getString("owner"));
        assertEquals(at(2, "17:00"), pir.getString("dueAt"), "five business days: Friday to Friday");
        assertTrue(pir.getString("timeline").contains("Alert triggered"), pir.getString("timeline"));
        assertTrue(pir.getString("timeline").contains("System restored"), pir.getString("timeline"));
        long id = pir.getJsonNumber("id").longValue();

        // closing waits for the review
        HttpResponse<String> early = close(ref);
        assertEquals(400, early.statusCode());
        assertTrue(early.body().contains("the incident closes once the compliance lead has approved it"), early.body());

        // a draft saves without a root cause; a submission refuses it, and an item without owner or due date
        assertEquals(200, change(id, "", "rita", "{\"rootCause\":\"\",\"systemsAffected\":\"vm-web-01\"}", "[]")
                .statusCode());
        HttpResponse<String> bare = change(id, "/submit", "rita", "{\"rootCause\":\" \",\"systemsAffected\":\"vm-web-01\"}",
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
        String items = "[{\"description\":\"Enable secret scanning\",\"owner\":\"sam\",\"dueOn\":\"2026-04-01\"}]";
        assertEquals(403, change(id, "/submit", "ann", form, items).statusCode(), "auditors never write");
        HttpResponse<String> notOwner = change(id, "/submit", "sam", form, items);
        assertEquals(400, notOwner.statusCode());
        assertTrue(notOwner.body().contains("who owns the review"), notOwner.body());
        assertEquals(200, change(id, "/submit", "rita", form, items).statusCode());
        assertEquals(403, decide(id, "approve", "sam", null).statusCode(), "responders do not approve");

        HttpResponse<String> noComment = decide(id, "return", "lena", " ");
        assertEquals(400, noComment.statusCode());
        assertEquals(200, decide(id, "return", "lena", "Add the detection gap to the root cause").statusCode());
        assertEquals("RETURNED", pir(ref).getString("state"));
        assertEquals(200, change(id, "/submit", "rita", form.replace("repository", "repository; detection took 3 h"),
                items).statusCode());
        HttpResponse<String> approved = decide(id, "approve", "lena", "Thorough");
        assertEquals(200, approved.statusCode(), approved.body());
        JsonObject done = pir(ref);
        assertEquals("APPROVED", done.getString("state"));
        assertEquals(64, done.getString("approvedSha256").length());

        // fixed now, in the database too
        TestDatabase.assertRefused(DB, "UPDATE pir SET root_cause = 'something else' WHERE id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM pir WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE action_item SET owner = 'rita' WHERE pir_id = " + id);
        assertEquals(200, close(ref).statusCode(), "closes once approved");

        // the PDF on the seed's template
        HttpResponse<String> pdf = PortalClient.api(base, "api/pirs/" + id + "/pdf", "ann", PASSWORD);
        assertEquals(200, pdf.statusCode());
        assertTrue(pdf.body().startsWith("%PDF-"));
    }

    @Test
    void remindersFallBeforeOnAndAfterTheDueDateEachOnceAndGoOutByMail() throws Exception {
        String notYet = resolvedIncident("Not yet due", at(-2, "10:00"));  // Monday: due next Monday, notice Thursday
        String dueToday = resolvedIncident("Due today", at(-7, "09:00"));  // last Wednesday: due today
        String soon = resolvedIncident("Due tomorrow", at(-6, "09:00"));   // last Thursday: due tomorrow, notice yesterday
        String late = resolvedIncident("Overdue", at(-9, "09:00"));        // Monday before last: due on Monday

        HttpResponse<String> refused = PortalClient.post(base, "api/pirs/reminders", "rita", PASSWORD, "{}");
        assertEquals(403, refused.statusCode(), "only the lead runs the sweep by hand");
        HttpResponse<String> sweep = PortalClient.post(base, "api/pirs/reminders", "lena", PASSWORD, "{}");
        assertEquals(200, sweep.statusCode(), sweep.body());

        assertEquals(List.of(), kinds(notYet));
        assertEquals(List.of("DUE " + W + " rita"), kinds(dueToday));
        assertEquals(List.of("BEFORE_DUE " + W.minusDays(1) + " rita"), kinds(soon));
        List<String> overdue = kinds(late);
        assertTrue(overdue.contains("OVERDUE " + W + " rita"), overdue.toString());
        assertTrue(overdue.contains("OVERDUE_LEAD " + W.minusDays(2) + " lena"), overdue.toString());
        assertTrue(overdue.contains("OVERDUE_LEAD " + W.minusDays(2) + " admin"), overdue.toString());

        // a second sweep the same day sends nothing again
        long before = TestDatabase.number(DB, "SELECT count(*) FROM pir_reminder");
        assertEquals(200, PortalClient.post(base, "api/pirs/reminders", "lena", PASSWORD, "{}").statusCode());
        assertEquals(before, TestDatabase.number(DB, "SELECT count(*) FROM pir_reminder"));

        // the owner's reminder went out through Graph sendMail, with a token, after commit
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<LoggedRequest> mails;
        do {
            mails = AZURE.server.findAll(postRequestedFor(urlPathMatching("/v1.0/users/.*/sendMail"))
                    .withRequestBody(containing("rita@contoso.com")).withRequestBody(containing("is overdue")));
            Thread.sleep(200);
        } while (mails.isEmpty() && System.nanoTime() < deadline);
        assertTrue(mails.isEmpty() == false, "no reminder e-mail reached Graph");
        AZURE.server.verify(postRequestedFor(urlPathMatching("/v1.0/users/soc-alerts(@|%40)contoso.com/sendMail"))
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
        HttpResponse<String> response = PortalClient.api(base, "api/pirs/incident/" + ref, "rita", PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        return ActionsIT.read(response.body());
    }

    private HttpResponse<String> change(long id, String path, String user, String form, String items) {
        long version = ActionsIT.read(PortalClient.api(base, "api/pirs/" + id, "rita", PASSWORD).body())
                .getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/pirs/" + id + path, user, PASSWORD,
                "{\"version\":" + version + ",\"form\":" + form + ",\"items\":" + items + "}");
    }

    private HttpResponse<String> decide(long id, String decision, String user, String comment) {
        long version = ActionsIT.read(PortalClient.api(base, "api/pirs/" + id, "rita", PASSWORD).body())
                .getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/pirs/" + id + "/" + decision, user, PASSWORD, "{\"version\":" + version
                + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}");
    }

    private HttpResponse<String> close(String ref) {
        long version = ActionsIT.read(PortalClient.api(base, "api/incidents/" + ref, "rita", PASSWORD).body())
                .getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/incidents/" + ref + "/steps", "rita", PASSWORD, "{\"version\":" + version
                + ",\"status\":\"CLOSED\",\"at\":\"" + at(0, "10:00") + "\"}");
    }

    /** An incident taken through every step to Resolved at {@code resolvedAt}, owned by rita. */
    private String resolvedIncident(String title, String resolvedAt) {
        java.time.Instant resolved = java.time.Instant.parse(resolvedAt);
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", "rita", PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P2\",\"detectedAt\":\""
                        + resolved.minusSeconds(5 * 3600) + "\",\"resources\":[\"/subscriptions/"
                        + FakeAzure.SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm\"]}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = ActionsIT.read(reported.body()).getString("reference");
        long version = ActionsIT.read(reported.body()).getJsonNumber("version").longValue();
        HttpResponse<String> declared = PortalClient.post(base, "api/incidents/" + ref + "/declare", "rita", PASSWORD,
                "{\"version\":" + version + ",\"owner\":\"rita\",\"at\":\"" + resolved.minusSeconds(4 * 3600) + "\"}");
        assertEquals(200, declared.statusCode(), declared.body());
        int hoursBefore = 3;
        for (String step : List.of("CONTAINED", "ERADICATED", "RECOVERED", "RESOLVED")) {
            version = ActionsIT.read(PortalClient.api(base, "api/incidents/" + ref, "rita", PASSWORD).body())
                    .getJsonNumber("version").longValue();
            HttpResponse<String> moved = PortalClient.post(base, "api/incidents/" + ref + "/steps", "rita", PASSWORD,
                    "{\"version\":" + version + ",\"status\":\"" + step + "\",\"at\":\""
                            + (step.equals("RESOLVED") ? resolved : resolved.minusSeconds(hoursBefore-- * 3600)) + "\"}");
            assertEquals(200, moved.statusCode(), moved.body());
        }
        return ref;
    }

}
