package com.attest.runbook;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
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
 * a reload or a bookmark shows the same incident, with the file listed under its item.
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
                    "{\"version\":" + version + ",\"status\":\"" + step + "\",\"at\":\"" + TestClock.now() + "\"}");
            assertEquals(200, moved.statusCode(), moved.body());
        }
        long review = TestJson.read(PortalClient.api(base, "api/pirs/incident/" + ref, RITA, PASSWORD).body())
                .getJsonNumber("id").longValue();
        browser.open("pirs/view.xhtml?id=" + review);
        String evidence = browser.visible("evidenceCard").getText();
        assertTrue(evidence.contains(name) && evidence.contains("Evidence for: " + itemText), evidence);
        assertTrue(evidence.contains("Runbook checklist: 0 of "), evidence);
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
