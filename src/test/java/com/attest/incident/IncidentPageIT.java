package com.attest.incident;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A responder reports and declares a P2 from a Defender score of 7, watches its clock, takes it through
 * containment to resolution; an auditor then reads it and can change nothing.
 */
@RunAsClient
class IncidentPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.incidentpage";
    private static final String ANN = "ann.incidentpage";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
    }

    @Test
    void responderDeclaresAP2FromScoreSevenAndResolvesItAndAnAuditorOnlyReads() {
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.click("nav:incidents");
        browser.click("filters:report");
        browser.waitForText("Classification (SOC 2 incident-response table)");

        browser.click("incidentForm:report");
        browser.waitForText("Title is required.");
        assertTrue(browser.text().contains("Choose a category."));

        browser.type("incidentForm:title", "Brute force against vm-web");
        browser.select("incidentForm:category", "BRUTE_FORCE");
        browser.type("incidentForm:defenderScore", "7"); // severity left to the table: score 7 gives P2
        browser.type("incidentForm:resources", "/subscriptions/00000000-0000-0000-0000-000000000000"
                + "/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web");
        browser.screenshot("incident-new");
        browser.click("incidentForm:report");
        browser.waitForText("reported.");
        assertTrue(browser.path().endsWith("/incidents/view.xhtml"), browser.path());
        String reference = browser.visible("content-title").getText().split(" ")[0];
        assertEquals("P2 High", browser.visible("severityTag").getText());
        assertTrue(reference.matches("INC-\\d{4}-\\d{3}"), reference);

        // the clock runs: two hours for a P2, counting down
        browser.waitFor(d -> browser.visible("slaClock").getText().contains("left"));
        assertTrue(browser.visible("slaClock").getText().toLowerCase().contains("running"));
        browser.screenshot("incident-detected");

        browser.click("stepForm:declare");
        browser.waitFor(d -> browser.visible("statusTag").getText().equals("Declared"));
        assertTrue(browser.visible("slaClock").getText().toLowerCase().contains("met"));
        assertEquals(RITA, browser.visible("owner").getText());

        // the responder notes when on-call was paged, then corrects the note through its link
        browser.select("entryForm:entryMilestone", "ON_CALL_NOTIFIED");
        browser.type("entryForm:entryText", "Paged the on-call engineer");
        browser.click("entryForm:addEntry");
        browser.waitFor(d -> browser.visible("timeline:entries").getText().contains("Paged the on-call engineer"));
        browser.click("timeline:entries:0:correct");
        browser.waitFor(d -> "/incidents/view.xhtml".equals(browser.path())
                && !browser.visible("entryForm:corrects").getAttribute("value").isEmpty());
        browser.type("entryForm:entryText", "Alert came from Sentinel, not manual");
        browser.click("entryForm:addEntry");
        browser.waitFor(d -> browser.visible("timeline:entries").getText().contains("correction of entry 1"));

        // later it turns out personal data was involved
        browser.click("detailsForm:edit");
        browser.check("detailsFields:personalData");
        browser.click("detailsFields:save");
        browser.waitFor(d -> browser.text().contains("Personal data involved\nYes"));
        for (String next : new String[]{"Contained", "Eradicated", "Recovered", "Resolved"}) {
            if (browser.present("stepForm:openWorkReason")) { // a runbook in force: its checklist is not walked here
                browser.type("stepForm:openWorkReason", "Checklist walked in the incident bridge");
            }
            browser.click("stepForm:advance");
            browser.waitFor(d -> browser.visible("statusTag").getText().equals(next));
        }
        String timeline = browser.visible("timeline:entries").getText();
        for (String milestone : new String[]{"Alert triggered", "Incident declared / severity assigned",
                "Containment action taken", "Root cause identified", "System restored", "Incident resolved"}) {
            assertTrue(timeline.contains(milestone), milestone + " in\n" + timeline);
        }
        // resolving opens the review: its link shows at once, without a reload
        browser.waitFor(d -> browser.present("pirLink"));
        assertTrue(browser.text().contains(reference + " is now Resolved."), "says what happened");
        browser.screenshot("incident-resolved");
        browser.signOut();

        browser.signIn(ANN, PASSWORD).waitForText("The engagements open to you now");
        browser.open("incidents/list.xhtml?state=all");
        browser.waitForText(reference);
        browser.screenshot("incident-list");
        // an auditor's home is their engagements, not the dashboard of every incident
        browser.open("index.xhtml");
        browser.waitForText("The engagements open to you now");
        browser.open("incidents/view.xhtml?ref=" + reference);
        browser.waitForText("You can read this incident");
        assertTrue(browser.text().contains("Incident resolved"));
        assertFalse(browser.present("stepForm"), "no step form for an auditor");
        assertFalse(browser.present("entryForm"), "no timeline form for an auditor");
        assertFalse(browser.present("closeForm"));
        browser.screenshot("incident-auditor");
    }

    @Test
    void closingAsFalsePositiveTakesTheFormsAwayAtOnce() {
        String ref = com.attest.testing.TestJson.read(com.attest.testing.PortalClient.post(base, "api/incidents", RITA,
                PASSWORD, "{\"title\":\"Scanner noise\",\"category\":\"OTHER\",\"severity\":\"P4\","
                        + "\"detectedAt\":\"" + TestClock.now() + "\"}").body()).getString("reference");
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.tick("closeForm:closeKind:0");
        browser.type("closeForm:closeReason", "Authorised vulnerability scan");
        browser.click("closeForm:close");
        browser.waitForText(ref + " closed as False positive.");
        browser.waitFor(d -> !browser.present("closeForm"));
        assertFalse(browser.present("stepForm"), "no step form on a closed incident");
        assertFalse(browser.present("classifyForm"), "no classification form on a closed incident");
        assertEquals("False positive", browser.visible("statusTag").getText());
    }

    @Test
    void theResponseClockCountsFromThePortalsTimeWhenTheViewersClockIsOff() {
        String ref = com.attest.testing.TestJson.read(com.attest.testing.PortalClient.post(base, "api/incidents", RITA,
                PASSWORD, "{\"title\":\"Clock drill\",\"category\":\"OTHER\",\"severity\":\"P2\","
                        + "\"detectedAt\":\"" + TestClock.now() + "\"}").body()).getString("reference");
        // the viewer's computer is 90 minutes fast: the P2's two hours still show as nearly two hours
        browser.clockOffBy(java.time.Duration.ofMinutes(90));
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitFor(d -> browser.visible("slaClock").getText().contains("left"));
        browser.waitFor(d -> !browser.visible("slaClock").getText().contains("min left")
                || browser.visible("slaClock").getText().contains("1 h"));
        String shown = browser.visible("slaClock").getText();
        assertTrue(shown.contains("1 h 5"), "a P2 reported just now shows nearly two hours left, not: " + shown);
    }
}
