package com.attest.intake;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeSentinel;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A responder on the Sentinel page: the policy's High + Active incidents listed, one imported into the portal, then
 * assigned to themselves — written to Sentinel — and the write-back seen on the portal incident's timeline. An
 * auditor finds neither the menu item nor the page.
 */
@RunAsClient
class SentinelPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.sentinelpage";
    private static final String ANN = "ann.sentinelpage";
    private static FakeSentinel sentinel;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void arrange() {
        sentinel = SharedPortal.azure().reset().sentinel;
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
    }

    @Test
    void aResponderImportsAndAssignsThemselvesAndSeesTheWriteBackOnTheTimeline() {
        Instant created = TestClock.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        String name = sentinel.add(FakeAzure.SENTINEL, "Sentinel page: token theft on a laptop", "High", "Active",
                null, created);
        sentinel.add(FakeAzure.SENTINEL, "Sentinel page: a closed one", "High", "Closed", null, created);

        browser.signIn(RITA, PASSWORD);
        browser.click("nav:sentinel");
        browser.waitForText("Sentinel page: token theft on a laptop");
        assertFalse(browser.text().contains("Sentinel page: a closed one"), "the policy's filter: Active only");
        assertTrue(browser.visible("incidents:rows").getText().contains("not linked"));
        browser.screenshot("sentinel-list");

        browser.click("incidents:rows:0:import");
        browser.waitForText("is tracked as INC-");
        Matcher m = Pattern.compile("is tracked as (INC-\\d{4}-\\d{3,})").matcher(browser.text());
        assertTrue(m.find(), browser.text());
        String ref = m.group(1);
        browser.waitFor(d -> browser.visible("incidents:rows").getText().contains(ref));

        browser.click("incidents:rows:0:assign");
        browser.waitForText("assigned to " + RITA + "@example.com and set Active; " + ref + " has the same owner");
        assertEquals(RITA + "@example.com", sentinel.owner(name));
        assertEquals("Active", sentinel.property(name, "status"));
        browser.screenshot("sentinel-assigned");

        browser.clickLink(ref);
        browser.waitForText("assigned to " + RITA + "@example.com and set Active by " + RITA);
        assertTrue(browser.text().contains("x-ms-request-id"), browser.text());
        // the queued write-backs (the link's comment, the owner) land on the timeline too
        browser.waitFor(d -> {
            browser.open("incidents/view.xhtml?ref=" + ref);
            return browser.text().contains("Written back to Microsoft Sentinel — Comment: tracked as " + ref);
        });
        browser.screenshot("sentinel-timeline");
        assertTrue(sentinel.comments(name).stream().anyMatch(c -> c.startsWith("Tracked in Attest as " + ref)));

        // on a phone: the list reflows, nothing scrolls sideways
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open("sentinel/incidents.xhtml");
        browser.waitForText("Sentinel page: token theft on a laptop");
        Object wide = browser.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        browser.screenshot("sentinel-390");
        assertTrue(((Number) wide).intValue() <= 0, "scrolls sideways by " + wide + " px at 390 px");
    }

    @Test
    void anAuditorFindsNeitherTheMenuNorThePage() {
        browser.signIn(ANN, PASSWORD);
        assertFalse(browser.present("nav:sentinel"));
        browser.open("sentinel/incidents.xhtml");
        assertFalse(browser.text().contains("Microsoft Sentinel incidents"), browser.text());
    }
}
