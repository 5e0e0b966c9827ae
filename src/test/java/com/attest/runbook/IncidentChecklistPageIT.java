package com.attest.runbook;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Incidents;
import com.attest.testing.PortalClient;
import com.attest.testing.Runbooks;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestJson;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A responder works the runbook checklist on an incident page as a person does with a pointer: the note field can be
 * clicked (no drop-down lies over it), and a file attached as evidence for one item keeps the incident's address, so
 * a reload or a bookmark shows the same incident, with the file listed under its item. An item that does not apply
 * is marked so with the reason, and resolving with items still open asks why; the timeline and the review keep it.
 */
@RunAsClient
class IncidentChecklistPageIT extends BrowserTest {

    private static final String RITA = "rita.checklist";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(SharedPortal.DB, RITA, PASSWORD, null, "RESPONDER");
    }

    @Test
    void theNoteFieldTakesAClickAndAnAttachedFileKeepsTheIncidentsAddress() throws Exception {
        Runbooks.approveSeed(base);
        String ref = declared(base, RITA, "Suspicious sign-ins for the checklist");
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitForText("done 0 /");

        // a pointer click on the note field lands in it (before: the item drop-down lay over it)
        browser.click("runbookForm:note");
        assertEquals("runbookForm:note", browser.driver().switchTo().activeElement().getAttribute("id"));
        browser.driver().switchTo().activeElement().sendKeys("Paged the on-call engineer at 03:10");
        browser.click("runbookForm:addNote");
        browser.waitForText(RITA + ": Paged the on-call engineer at 03:10");
        assertTrue(browser.overflow().isEmpty(), String.join("\n", browser.overflow()));

        // a file attached as the evidence of the first item
        String firstItem = browser.driver().findElement(By.cssSelector("[id^='item-']")).getAttribute("id")
                .substring("item-".length());
        Path csv = Files.createTempFile("signin-logs", ".csv");
        Files.writeString(csv, "TimeGenerated,UserPrincipalName\n2026-11-27T03:51:02Z,a@contoso.com\n");
        browser.select("attachForm:item", firstItem);
        browser.driver().findElement(By.id("attachForm:file")).sendKeys(csv.toString());
        browser.click("attachForm:attach");
        browser.waitForText("attached.");
        assertTrue(browser.driver().getCurrentUrl().contains("ref=" + ref), browser.driver().getCurrentUrl());
        String name = csv.getFileName().toString();
        assertTrue(browser.visible("attachForm:attachments").getText().contains(name));
        assertTrue(browser.visible("attachForm:attachments").getText().contains("Evidence for:"),
                browser.visible("attachForm:attachments").getText());
        String item = browser.visible("item-" + firstItem).findElement(By.xpath("./..")).getText();
        assertTrue(item.contains(name), "the file is listed under its item: " + item);

        // a reload shows the same incident, not "Not found"
        browser.driver().navigate().refresh();
        browser.waitForText(ref);
        assertTrue(browser.visible("attachForm:attachments").getText().contains(name));
        browser.screenshot("incident-checklist-evidence");

        // resolved, its review lists the file with its item and says how much of the checklist was done
        String itemText = browser.visible("item-" + firstItem).getText();
        for (String step : java.util.List.of("CONTAINED", "ERADICATED", "RECOVERED", "RESOLVED")) {
            long version = TestJson.read(PortalClient.api(base, "api/incidents/" + ref, RITA, PASSWORD).body())
                    .getJsonNumber("version").longValue();
            HttpResponse<String> moved = PortalClient.post(base, "api/incidents/" + ref + "/steps", RITA, PASSWORD,
                    "{\"version\":" + version + ",\"status\":\"" + step + "\",\"at\":\"" + TestClock.now() + "\"" + Incidents.OPEN_WORK + "}");
            assertEquals(200, moved.statusCode(), moved.body());
        }
        long review = TestJson.read(PortalClient.api(base, "api/pirs/incident/" + ref, RITA, PASSWORD).body())
                .getJsonNumber("id").longValue();
        browser.open("pirs/view.xhtml?id=" + review);
        String evidence = browser.visible("evidenceCard").getText();
        assertTrue(evidence.contains(name) && evidence.contains("Evidence for: " + itemText), evidence);
        assertTrue(evidence.contains("Runbook checklist: 0 of "), evidence);
    }

    @Test
    void anItemThatDoesNotApplySaysWhyAndResolvingWithItemsOpenAsksForAReason() {
        Runbooks.approveSeed(base);
        String ref = declared(base, RITA, "Leaked key with no VM involved");
        int minutes = 40; // before the minute the page's step time starts at
        for (String step : java.util.List.of("CONTAINED", "ERADICATED", "RECOVERED")) {
            assertEquals(200, step(ref, step, TestClock.now().minusSeconds(60L * (minutes -= 10)), null)
                    .statusCode());
        }
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitForText("done 0 /");
        String[] keys = browser.driver().findElements(By.cssSelector("[id^='item-']")).stream()
                .map(e -> e.getAttribute("id").substring("item-".length())).toArray(String[]::new);
        int total = keys.length;
        // the step form says what is open before resolving
        String open = browser.visible("stepForm:openWork").getText();
        assertTrue(open.contains(total + " of " + total + " runbook checklist items are open"), open);

        // not applicable needs a reason, named beside the field
        browser.select("runbookForm:item", keys[1]);
        browser.click("runbookForm:notApplicable");
        browser.waitForText("Say why the item does not apply to this incident.");
        browser.type("runbookForm:note", "No virtual machine is involved: the key was for a storage account");
        browser.click("runbookForm:notApplicable");
        browser.waitFor(d -> browser.visible("item-" + keys[1]).findElement(By.xpath("./..")).getText()
                .contains("No virtual machine is involved"));
        String row = browser.visible("item-" + keys[1]).findElement(By.xpath("./..")).getText();
        assertTrue(row.contains("Not applicable") && row.contains(RITA), row);
        assertTrue(browser.visible("progress").getText().contains("1 not applicable"),
                browser.visible("progress").getText());
        assertTrue(browser.visible("timeline:entries").getText().contains("Runbook not applicable:"));
        // the step form follows the checklist without a reload
        browser.waitFor(d -> browser.visible("stepForm:openWork").getText()
                .contains((total - 1) + " of " + total + " runbook checklist items are open"));

        // over the API too, resolving without a reason is refused, naming the field
        HttpResponse<String> refused = step(ref, "RESOLVED", TestClock.now().minusSeconds(300), null);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("openWorkReason"), refused.body());

        // on the page: refused beside the field, then resolved with the reason
        browser.click("stepForm:advance");
        browser.waitFor(d -> browser.visible("stepForm").getText().contains("say why the incident is resolved anyway"));
        assertEquals("Recovered", browser.visible("statusTag").getText());
        browser.type("stepForm:openWorkReason", "Rest of the runbook handled in the cloud provider's ticket");
        browser.click("stepForm:advance");
        browser.waitFor(d -> browser.visible("statusTag").getText().equals("Resolved"));
        String timeline = browser.visible("timeline:entries").getText();
        assertTrue(timeline.contains("Resolved with work open: " + (total - 1) + " of " + total
                + " runbook checklist items are open. Reason: Rest of the runbook handled in the cloud provider's"
                + " ticket"), timeline);
        String checklist = TestJson.read(PortalClient.api(base, "api/incidents/" + ref + "/runbook", RITA, PASSWORD)
                .body()).toString();
        assertTrue(checklist.contains("\"status\":\"NOT_APPLICABLE\""), checklist);
        browser.screenshot("incident-resolved-with-open-items");

        // the review says what was open, why, and which items did not apply
        browser.waitFor(d -> browser.present("pirLink"));
        browser.click("pirLink");
        String evidence = browser.visible("evidenceCard").getText();
        assertTrue(evidence.contains("0 of " + total + " items done, 1 not applicable, " + (total - 1) + " open"),
                evidence);
        assertTrue(evidence.contains("No virtual machine is involved"), evidence);
        assertTrue(evidence.contains("Rest of the runbook handled in the cloud provider's ticket"), evidence);
        browser.screenshot("review-open-items");
    }

    private HttpResponse<String> step(String ref, String status, Instant at, String reason) {
        long version = TestJson.read(PortalClient.api(base, "api/incidents/" + ref, RITA, PASSWORD).body())
                .getJsonNumber("version").longValue();
        return PortalClient.post(base, "api/incidents/" + ref + "/steps", RITA, PASSWORD, "{\"version\":" + version
                + ",\"status\":\"" + status + "\",\"at\":\"" + at + "\""
                + (reason == null ? "" : ",\"openWorkReason\":\"" + reason + "\"") + "}");
    }

    static String declared(URL base, String responder, String title) {
        Instant at = TestClock.now().minusSeconds(3600);
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", responder, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P3\",\"detectedAt\":\"" + at
                        + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = TestJson.read(reported.body()).getString("reference");
        long version = TestJson.read(reported.body()).getJsonNumber("version").longValue();
        HttpResponse<String> declared = PortalClient.post(base, "api/incidents/" + ref + "/declare", responder,
                PASSWORD, "{\"version\":" + version + ",\"owner\":\"" + responder + "\",\"at\":\""
                        + at.plusSeconds(60) + "\"}");
        assertEquals(200, declared.statusCode(), declared.body());
        return ref;
    }
}
