package com.attest.runbook;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestJson;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A compliance lead edits the runbook (a bad edit first), a second lead approves it into force, the history shows
 * both commits and the difference; a responder reads it and finds no edit button. Other tests of the shared portal
 * save runbook versions too: the edit starts from whatever version is latest, and its text and message are its own.
 */
@RunAsClient
class DocumentPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String LENA = "lena.documentpage";
    private static final String RITA = "rita.documentpage";
    private static final String ADDED = "Isolate the host before anything else; investigate after.";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, LENA, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
    }

    @Test
    void aLeadEditsTheRunbookAnotherApprovesItAndAResponderReadsIt() throws Exception {
        int latest = TestJson.read(PortalClient.api(base, "api/documents/incident-response-runbook", "admin",
                Deployments.ADMIN_PASSWORD).body()).getJsonArray("versions").getJsonObject(0).getInt("number");
        int next = latest + 1;
        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.click("nav:runbooks");
        browser.waitForText("Incident-response runbook");
        assertTrue(browser.present("repository"), "the lead sees where the repository is");
        browser.screenshot("documents-list");
        browser.click("documents:0:open");
        browser.waitForText("History (Git)");
        assertTrue(browser.text().contains("Contain"));
        browser.click("edit");
        browser.waitForText("Editing from version " + latest);

        String original = browser.visible("editForm:body").getAttribute("value");
        browser.type("editForm:body", original.replaceAll("(?m)^- \\[ \\] .*$", ""));
        browser.click("editForm:save");
        browser.waitForText("has no checklist items");
        browser.type("editForm:body", original.replace("## Contain", "## Contain\n\n" + ADDED));
        browser.type("editForm:message", "Contain: the host first");
        browser.click("editForm:save");
        browser.waitForText("Version " + next + " saved");
        browser.click("reviewForm:submit");
        browser.waitForText("Version " + next + " sent to review.");
        browser.click("reviewForm:approve");
        browser.waitForText("another compliance lead must approve it");
        browser.screenshot("document-review");
        browser.signOut();

        browser.signIn(LENA, PASSWORD).waitForText("Welcome, " + LENA + ".");
        browser.open("runbooks/view.xhtml?doc=incident-response-runbook&v=" + next);
        browser.waitForText(ADDED);
        browser.type("reviewForm:comment", "Good: isolation before investigation.");
        browser.click("reviewForm:approve");
        browser.waitForText("Version " + next + " approved: it is now in force.");
        browser.click("diffForm:compare");
        browser.waitFor(d -> browser.present("diff") && browser.visible("diff").getText().contains(ADDED));
        String history = browser.visible("history").getText();
        assertTrue(history.contains("Contain: the host first") && history.contains("admin"), history);
        browser.screenshot("document-approved");
        browser.signOut();

        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.open("runbooks/list.xhtml");
        browser.waitForText("Incident-response runbook");
        assertFalse(browser.present("repository"), "the server's paths are not a responder's business");
        browser.open("runbooks/view.xhtml?doc=incident-response-runbook");
        browser.waitForText("In force since");
        assertFalse(browser.present("edit"), "no edit for a responder");
        assertFalse(browser.present("reviewForm"), "no review for a responder");

        // a responder declares an incident: the runbook in force is pinned to it, and she ticks a step
        browser.click("nav:incidents");
        browser.click("filters:report");
        browser.waitForText("Classification (SOC 2 incident-response table)");
        browser.type("incidentForm:title", "Cryptominer on vm-batch-07");
        browser.select("incidentForm:category", "CRYPTOMINER");
        browser.select("incidentForm:severity", "P1");
        browser.click("incidentForm:report");
        browser.waitForText("reported.");
        browser.waitForText("No runbook is pinned to this incident");
        browser.click("stepForm:declare");
        browser.waitFor(d -> browser.visible("statusTag").getText().equals("Declared"));
        browser.waitForText("done 0 /");
        assertTrue(browser.visible("pinned").getText().contains("v" + next), browser.visible("pinned").getText());
        browser.click("runbookForm:phases:0:items:0:done");
        browser.waitForText("done 1 /");
        browser.waitForText("Done by " + RITA);
        assertTrue(browser.visible("timeline:entries").getText().contains("Runbook done: Contain"));
        browser.screenshot("incident-runbook-ticked");

        java.nio.file.Path csv = java.nio.file.Files.createTempFile("kql-results", ".csv");
        java.nio.file.Files.writeString(csv, "TimeGenerated,OperationName\n2026-11-27T03:51:02Z,Update user\n");
        browser.driver().findElement(org.openqa.selenium.By.id("attachForm:file")).sendKeys(csv.toString());
        browser.click("attachForm:attach");
        browser.waitForText("attached.");
        assertTrue(browser.visible("attachForm:attachments").getText().contains(csv.getFileName().toString()));
        browser.screenshot("incident-evidence");
    }
}
