package com.attest.exercise;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Incident-response exercises on the real WAR and database: recorded and saved through the API with bad input
 * refused field by field and nothing written, auditors refused, sign-off refused to the facilitator and fixing the
 * record in the database, report files kept with their SHA-256; and in a browser a responder records an exercise
 * that the compliance lead signs off, after which the dashboard shows the last exercise and when the next is due.
 */
@RunAsClient
class ExercisePageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String LEAD = "admin";
    private static final String RITA = "rita.exercise";
    private static final String SAM = "sam.exercise";
    private static final String LENA = "lena.exercise";
    private static final String ANN = "ann.exercise";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, LENA, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
    }

    @Test
    void anExerciseIsRecordedSavedSignedOffAndThenFixed() throws Exception {
        long version1 = runbookVersion1();
        long before = TestDatabase.number(DB, "SELECT count(*) FROM exercise");

        // bad input: every field named, nothing written
        HttpResponse<String> bad = post("api/exercises", RITA, "{\"heldAt\":\"" + TestClock.now().plus(2,
                ChronoUnit.DAYS) + "\",\"title\":\" \",\"facilitator\":\"nobody\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        for (String field : new String[] {"heldAt", "kind", "title", "scenario", "facilitator"}) {
            assertTrue(bad.body().contains("\"field\":\"" + field + "\""), field + " in " + bad.body());
        }
        assertTrue(bad.body().contains("The exercise is in the future: record it after it was held."), bad.body());
        assertEquals(before, TestDatabase.number(DB, "SELECT count(*) FROM exercise"), "nothing half-saved");

        // auditors never write
        String valid = exercise(TestClock.now().minus(400, ChronoUnit.DAYS), SAM, version1,
                "[{\"description\":\"Rehearse the restore\"}]");
        assertEquals(403, post("api/exercises", ANN, valid).statusCode());

        HttpResponse<String> recorded = post("api/exercises", RITA, valid);
        assertEquals(201, recorded.statusCode(), recorded.body());
        JsonObject e = TestJson.read(recorded.body());
        long id = e.getJsonNumber("id").longValue();
        assertEquals("DRAFT", e.getString("state"));
        assertEquals("1 " + commitOf(version1), e.getString("runbookVersion"));
        assertEquals(2, e.getJsonArray("attendance").size());

        // a save with a bad timeline entry changes nothing; a good one replaces the list, the old rows kept
        HttpResponse<String> badLine = post("api/exercises/" + id, RITA, withVersion(id, valid.replace("\"10:05\"",
                "\"half past ten\"")));
        assertEquals(400, badLine.statusCode());
        assertTrue(badLine.body().contains("\"field\":\"timeline\""), badLine.body());
        HttpResponse<String> saved = post("api/exercises/" + id, RITA, withVersion(id, valid.replace(
                "ransomware note found", "ransomware note found on file share")));
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM exercise_timeline_entry WHERE exercise_id = "
                + id + " AND withdrawn"), "the replaced list is kept, withdrawn");
        assertEquals(2, TestDatabase.number(DB, "SELECT count(*) FROM exercise_timeline_entry WHERE exercise_id = "
                + id + " AND NOT withdrawn"));
        assertEquals(403, post("api/exercises/" + id, ANN, withVersion(id, valid)).statusCode());

        // sign-off: not by a responder, not by the facilitator, not with an action item lacking owner and due date
        assertEquals(403, post("api/exercises/" + id + "/sign-off", RITA, withVersion(id, "{}")).statusCode());
        HttpResponse<String> incomplete = post("api/exercises/" + id + "/sign-off", LENA, withVersion(id, "{}"));
        assertEquals(400, incomplete.statusCode());
        assertTrue(incomplete.body().contains("Action item 1: an owner is required."), incomplete.body());
        assertTrue(incomplete.body().contains("Action item 1: a due date is required."), incomplete.body());
        String complete = valid.replace("\"" + SAM + "\"", "\"" + LENA + "\"").replace(
                "[{\"description\":\"Rehearse the restore\"}]",
                "[{\"description\":\"Rehearse the restore\",\"owner\":\"" + RITA + "\",\"dueOn\":\"2027-01-31\"}]");
        assertEquals(200, post("api/exercises/" + id, RITA, withVersion(id, complete)).statusCode());
        HttpResponse<String> byFacilitator = post("api/exercises/" + id + "/sign-off", LENA, withVersion(id, "{}"));
        assertEquals(400, byFacilitator.statusCode());
        assertTrue(byFacilitator.body().contains("{\"field\":\"signOff\",\"message\":\"You facilitated this exercise:"
                + " another compliance lead signs it off.\"}"), byFacilitator.body());

        // a report file: content-checked, its SHA-256 that of the download
        byte[] pdf = "%PDF-1.4\n% exercise report\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> fake = upload(id, "report.pdf", "MZ\u0090\u0000 a program".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, fake.statusCode());
        assertTrue(fake.body().contains("a Windows program"), fake.body());
        HttpResponse<String> attached = upload(id, "report.pdf", pdf);
        assertEquals(201, attached.statusCode(), attached.body());
        JsonObject file = TestJson.read(attached.body());
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(request("api/exercises/" + id
                + "/attachments/" + file.getJsonNumber("id").longValue(), ANN).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(pdf, download.body());
        assertEquals(sha256(download.body()), file.getString("sha256"));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertTrue(download.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));

        HttpResponse<String> signed = post("api/exercises/" + id + "/sign-off", LEAD, withVersion(id, "{}"));
        assertEquals(200, signed.statusCode(), signed.body());
        JsonObject fixed = TestJson.read(signed.body());
        assertEquals("SIGNED_OFF", fixed.getString("state"));
        assertEquals(LEAD, fixed.getString("signedOffBy"));
        assertEquals(64, fixed.getString("contentSha256").length());

        // and registered as evidence under the hash the sign-off fixed, with its report file
        assertEquals(200, post("api/evidence/register", LEAD, "{}").statusCode());
        HttpResponse<String> evidence = PortalClient.api(base, "api/evidence/items?type=EXERCISE", LEAD,
                Deployments.ADMIN_PASSWORD);
        assertTrue(evidence.body().contains("\"sha256\":\"" + fixed.getString("contentSha256") + "\""), evidence.body());
        assertTrue(evidence.body().contains("\"source\":\"exercise_attachment\""), evidence.body());

        // fixed now: the service refuses, the database refuses
        HttpResponse<String> late = post("api/exercises/" + id, RITA, withVersion(id, complete));
        assertEquals(400, late.statusCode());
        assertTrue(late.body().contains("\"field\":\"state\""), late.body());
        assertEquals(400, upload(id, "later.pdf", pdf).statusCode());
        TestDatabase.assertRefused(DB, "UPDATE exercise SET title = 'something else' WHERE id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM exercise WHERE id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE exercise_participant SET attended = NOT attended WHERE exercise_id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM exercise_participant WHERE exercise_id = " + id);
        TestDatabase.assertRefused(DB, "UPDATE exercise_timeline_entry SET text = 'x' WHERE exercise_id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM exercise_finding WHERE exercise_id = " + id);
        TestDatabase.assertRefused(DB, "INSERT INTO exercise_finding (exercise_id, position, text) VALUES (" + id + ", 9, 'late')");
        TestDatabase.assertRefused(DB, "UPDATE action_item SET owner = 'sam' WHERE exercise_id = " + id);
        TestDatabase.assertRefused(DB, "DELETE FROM exercise_attachment WHERE exercise_id = " + id);

        // only an action item's status moves on
        long item = TestDatabase.number(DB, "SELECT id FROM action_item WHERE exercise_id = " + id
                + " AND NOT withdrawn");
        assertEquals(403, post("api/exercises/items/" + item, ANN, "{\"status\":\"DONE\"}").statusCode());
        assertEquals(200, post("api/exercises/items/" + item, RITA, "{\"status\":\"IN_PROGRESS\"}").statusCode());
        assertEquals("IN_PROGRESS", TestDatabase.texts(DB, "SELECT status FROM action_item WHERE id = "
                + item).get(0));

        // every change audited
        assertEquals(java.util.List.of("exercise.recorded", "exercise.saved", "exercise.saved",
                        "exercise.report-attached", "exercise.signed-off"),
                TestDatabase.texts(DB, "SELECT action FROM audit_event WHERE entity_type = 'Exercise' AND entity_id = '"
                        + id + "' ORDER BY id"));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action ="
                + " 'exercise.action-item-moved' AND entity_id = '" + item + "'"));
    }

    @Test
    void aResponderRecordsAnExerciseTheLeadSignsItOffAndTheDashboardShowsTheNextDueDate() throws Exception {
        // before: no exercise in the last twelve months, and the dashboard says so in the warning style
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        assertTrue(browser.visible("exerciseCard").getAttribute("class").contains("exercise-due"));
        String warning = browser.visible("exerciseCard").getText();
        assertTrue(warning.contains("No exercise recorded: one is due now.") || warning.contains("Overdue since"),
                warning);
        browser.screenshot("exercise-dashboard-due");

        browser.click("nav:exercises");
        browser.waitForText("Incident-response exercises");
        browser.click("newExercise");
        browser.waitForText("Record a tabletop or live exercise");
        LocalDate held = TestClock.today().minusDays(3);
        date("exerciseForm:heldAt_input", held + " 10:00");
        browser.select("exerciseForm:kind", "TABLETOP");
        browser.select("exerciseForm:facilitator", RITA);
        browser.type("exerciseForm:title", "Ransomware on the file share");
        browser.click("exerciseForm:record");
        browser.waitForText("Describe the scenario that was exercised.");
        browser.type("exerciseForm:scenario", "A ransomware note appears on the finance file share on a Friday.");
        browser.select("exerciseForm:runbookVersion", String.valueOf(runbookVersion1()));
        browser.click("exerciseForm:record");
        browser.waitForText("Exercise recorded as a draft.");

        browser.click("exerciseForm:addAttendee");
        browser.waitFor(d -> browser.present("exerciseForm:attendanceRows:0:role"));
        browser.select("exerciseForm:attendanceRows:0:user", SAM);
        browser.type("exerciseForm:attendanceRows:0:role", "Incident commander");
        browser.click("exerciseForm:addAttendee");
        browser.waitFor(d -> browser.present("exerciseForm:attendanceRows:1:role"));
        browser.type("exerciseForm:attendanceRows:1:external", "Dana Whitfield (outside counsel)");
        browser.type("exerciseForm:attendanceRows:1:role", "Legal");
        browser.click("exerciseForm:addLine");
        browser.waitFor(d -> browser.present("exerciseForm:timelineRows:0:at"));
        browser.type("exerciseForm:timelineRows:0:at", "10:05");
        browser.type("exerciseForm:timelineRows:0:text", "Inject 2: ransomware note found");
        browser.click("exerciseForm:addFinding");
        browser.waitFor(d -> browser.present("exerciseForm:findingRows:0:text"));
        browser.type("exerciseForm:findingRows:0:text", "Nobody knew where the offline backups are listed");
        browser.click("exerciseForm:addItem");
        browser.waitFor(d -> browser.present("exerciseForm:itemRows:0:description"));
        browser.type("exerciseForm:itemRows:0:description", "List the offline backups in the runbook");
        browser.select("exerciseForm:itemRows:0:owner", SAM);
        date("exerciseForm:itemRows:0:due_input", held.plusMonths(2).toString());
        browser.click("exerciseForm:save");
        browser.waitForText("Exercise saved.");
        assertEquals(SAM, TestDatabase.texts(DB, "SELECT username FROM exercise_participant p JOIN exercise e"
                + " ON e.id = p.exercise_id WHERE e.title = 'Ransomware on the file share' AND NOT p.withdrawn"
                + " AND p.username IS NOT NULL").get(0));

        Path report = Files.createTempFile("exercise-report", ".pdf");
        Files.write(report, "%PDF-1.4\n% tabletop write-up\n".getBytes(StandardCharsets.UTF_8));
        browser.driver().findElement(By.id("attachForm:file")).sendKeys(report.toAbsolutePath().toString());
        browser.click("attachForm:attach");
        browser.waitForText("Attached exercise-report");
        browser.screenshot("exercise-draft");
        browser.signOut();

        browser.signIn(LEAD, Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.click("nav:exercises");
        browser.waitForText("Ransomware on the file share");
        browser.clickLink("Ransomware on the file share");
        browser.waitForText("Sign-off");
        browser.click("signOffForm:signOff");
        browser.waitForText("Exercise signed off: its record is fixed.");
        assertEquals("Signed off", browser.visible("exerciseState").getText());
        assertEquals(64, browser.visible("sha").getText().strip().length());
        assertFalse(browser.present("exerciseForm:save"), "a signed-off exercise is fixed");
        assertTrue(browser.present("itemsForm:progress"), "its action items move on");
        browser.screenshot("exercise-signed-off");

        browser.click("nav:home");
        browser.waitForText("Last exercise: " + held);
        String card = browser.visible("exerciseCard").getText();
        assertTrue(card.contains("Next due by " + held.plusMonths(12)), card);
        assertFalse(browser.visible("exerciseCard").getAttribute("class").contains("exercise-due"));
        browser.screenshot("exercise-dashboard-current");
        browser.signOut();

        // an auditor reads, and cannot write
        browser.signIn(ANN, PASSWORD).waitForText("The engagements open to you now");
        browser.click("nav:exercises");
        browser.clickLink("Ransomware on the file share");
        browser.waitForText("Signed off");
        assertEquals("Inject 2: ransomware note found",
                browser.visible("exerciseForm:timelineRows:0:text").getAttribute("value"));
        assertFalse(browser.present("exerciseForm:save"));
        assertFalse(browser.present("signOffForm"));
        assertFalse(browser.present("attachForm:attach"));
        browser.open("exercises/new.xhtml");
        browser.waitFor(d -> browser.present("error-403"));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Fills a date picker's text field without focusing it, so its pop-up calendar never covers the buttons. */
    private void date(String inputId, String text) {
        browser.driver().executeScript("arguments[0].value = arguments[1];", browser.visible(inputId), text);
    }

    private static long runbookVersion1() {
        return TestDatabase.number(DB, "SELECT v.id FROM document_version v JOIN document d ON d.id = v.document_id"
                + " WHERE d.slug = 'incident-response-runbook' AND v.number = 1");
    }

    private static String commitOf(long versionId) {
        return TestDatabase.texts(DB, "SELECT commit_id FROM document_version WHERE id = " + versionId).get(0);
    }

    private static String exercise(Instant heldAt, String facilitator, long runbookVersion, String items) {
        return "{\"heldAt\":\"" + heldAt.truncatedTo(ChronoUnit.MINUTES) + "\",\"kind\":\"LIVE\","
                + "\"title\":\"Restore drill\",\"scenario\":\"Restore the production database to a point in time.\","
                + "\"runbookVersion\":" + runbookVersion + ",\"facilitator\":\"" + facilitator + "\","
                + "\"attendance\":[{\"username\":\"" + RITA + "\",\"role\":\"Responder\",\"attended\":true},"
                + "{\"externalName\":\"Jo Park (MSP)\",\"role\":\"Database vendor\",\"attended\":false}],"
                + "\"timeline\":[{\"at\":\"10:05\",\"text\":\"Inject 2: ransomware note found\"},"
                + "{\"at\":\"+40\",\"text\":\"Restore started\"}],"
                + "\"findings\":[\"The restore runbook step names an old server\"],\"items\":" + items + "}";
    }

    /** The body with the exercise's current version added. */
    private String withVersion(long id, String json) {
        long version = TestJson.read(PortalClient.api(base, "api/exercises/" + id, RITA, PASSWORD).body())
                .getJsonNumber("version").longValue();
        return "{\"version\":" + version + (json.equals("{}") ? "}" : "," + json.substring(1));
    }

    private HttpResponse<String> post(String path, String user, String json) {
        return PortalClient.post(base, path, user.equals(LEAD) ? LEAD : user, user.equals(LEAD)
                ? Deployments.ADMIN_PASSWORD : PASSWORD, json);
    }

    private HttpResponse<String> upload(long id, String name, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(request("api/exercises/" + id + "/attachments?name=" + name, RITA)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/octet-stream").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user) throws Exception {
        return HttpRequest.newBuilder(URI.create(new java.net.URL(base, path).toString())).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

}
