package com.attest.detection;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeAzureStubs;
import com.attest.testing.PipelineFixtures.Variant;
import com.attest.testing.SharedPortal;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The detection pipeline page as the lead and an auditor use it: the lead checks now and sees the pipeline drawn,
 * the failing box red and saying so, its link leading to the finding's sentence; keyboard reaches the boxes; no
 * serious accessibility violation and no sideways scroll at 390 px; the auditor reads it with no button to check.
 */
@RunAsClient
class DetectionPipelinePageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String LEAD = "lena.detection";
    private static final String ANN = "ann.detectionpage";
    private static final String LEON = "leon.detection";
    private static final String LISE = "lise.detection";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void arrange() {
        Accounts.create(DB, LEAD, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.auditor(DB, ANN, PASSWORD, null);
        Accounts.create(DB, LEON, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, LISE, PASSWORD, null, "COMPLIANCE_LEAD");
    }

    @Test
    void theLeadChecksNowAndFollowsAFailingBoxToItsFinding() {
        FakeAzure azure = SharedPortal.azure().reset();
        FakeAzureStubs.detectionPipeline(azure.server, Variant.ACTION_GROUP_DISABLED);
        List<String> report = new ArrayList<>();
        try {
            browser.signIn(LEAD, PASSWORD).waitForText("Welcome, " + LEAD + ".");
            browser.open("detection/pipeline.xhtml");
            browser.visible("content-title");
            browser.click("pick:checkNow");
            browser.waitForText("The detection pipeline of prod was checked: Fails.");
            String summary = browser.visible("summary").getText();
            assertTrue(summary.startsWith("Fails") && summary.contains("Subscription prod"), summary);

            WebElement box = browser.driver().findElement(By.cssSelector(
                    "#diagram a[aria-label='Action group ag-security-oncall: Fails'] rect"));
            assertTrue(box.getAttribute("class").contains("verdict-FAIL"), box.getAttribute("class"));
            assertTrue(browser.driver().findElement(By.cssSelector(
                    "#diagram a[aria-label='Workflow automation route-high-alerts: Passes'] rect")).getAttribute("class")
                    .contains("verdict-PASS"));
            browser.screenshot("detection-pipeline-failing");

            // by keyboard: the failing box is a link; Enter leads to its finding
            WebElement link = browser.driver().findElement(By.cssSelector(
                    "#diagram a[aria-label='Action group ag-security-oncall: Fails']"));
            browser.driver().executeScript("arguments[0].focus();", link);
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.waitFor(d -> d.getCurrentUrl().endsWith("#finding-0"));
            assertEquals("Fails Action group ag-security-oncall is disabled.", browser.visible("finding-0").getText()
                    .lines().findFirst().orElse(""));

            // the lead's work queue says it until a check passes
            browser.open("index.xhtml");
            browser.waitForText("Subscription prod: Fails");
            assertTrue(browser.text().contains("Action group ag-security-oncall is disabled."), browser.text());

            browser.open("detection/pipeline.xhtml");
            browser.visible("diagram");
            browser.accessibilityViolations().forEach(v -> report.add("1280 px: " + v));
            browser.width(390);
            browser.open("detection/pipeline.xhtml");
            browser.visible("tallDiagram");
            assertFalse(browser.driver().findElement(By.id("diagram")).isDisplayed(), "the tall drawing on a phone");
            browser.screenshot("detection-pipeline-390");
            browser.overflow().forEach(o -> report.add("390 px: " + o));
            browser.accessibilityViolations().forEach(v -> report.add("390 px: " + v));
            browser.width(1280);

            // put right, checked again: every box passes
            FakeAzureStubs.detectionPipeline(azure.server, Variant.HEALTHY);
            browser.open("detection/pipeline.xhtml");
            browser.click("pick:checkNow");
            browser.waitForText("The detection pipeline of prod was checked: Passes.");
            assertTrue(browser.driver().findElements(By.cssSelector("#diagram rect.verdict-FAIL")).isEmpty());
            assertEquals(2, browser.driver().findElements(By.cssSelector("#history li")).stream()
                    .filter(li -> li.getText().contains(LEAD)).count(), "both checks listed");
            browser.screenshot("detection-pipeline-passing");
            browser.signOut();

            browser.signIn(ANN, PASSWORD);
            browser.open("detection/pipeline.xhtml");
            browser.visible("diagram");
            assertFalse(browser.present("pick:checkNow"), "an auditor never checks");
            assertTrue(browser.visible("summary").getText().startsWith("Passes"));
        } finally {
            FakeAzureStubs.detectionPipeline(azure.server, Variant.HEALTHY);
        }
        assertTrue(report.isEmpty(), String.join("\n", report));
    }

    @Test
    void aDisabledActionGroupIsRepairedByDryRunApprovalAndRun() {
        FakeAzure azure = SharedPortal.azure().reset();
        FakeAzureStubs.detectionPipeline(azure.server, Variant.ACTION_GROUP_DISABLED);
        List<String> report = new ArrayList<>();
        try {
            browser.signIn(LISE, PASSWORD).waitForText("Welcome, " + LISE + ".");
            browser.open("detection/pipeline.xhtml");
            browser.click("pick:checkNow");
            browser.waitForText("The detection pipeline of prod was checked: Fails.");

            // Repair… beside the failing action group: the dry run is read from Azure and shown before anything runs
            browser.click(browser.driver().findElement(By.cssSelector("#finding-0 a.repair-link")));
            browser.visible("repairForm:ask");
            browser.waitForText("?api-version=2023-01-01");
            String plan = browser.visible("dryRun").getText();
            assertTrue(plan.contains("PUT https://management.azure.com/subscriptions/" + FakeAzure.SUBSCRIPTION
                    + "/resourceGroups/rg-soc/providers/Microsoft.Insights/actionGroups/ag-security-oncall"
                    + "?api-version=2023-01-01") && plan.contains("\"enabled\": true")
                    && plan.contains("az rest --method put"), plan);
            assertFalse(plan.contains("fake-intake-key"), "the intake key is masked");
            browser.screenshot("detection-repair-dry-run");
            browser.accessibilityViolations().forEach(v -> report.add("repair 1280 px: " + v));
            browser.width(390);
            browser.screenshot("detection-repair-390");
            browser.overflow().forEach(o -> report.add("repair 390 px: " + o));
            browser.width(1280);

            browser.type("repairForm:reason", "The on-call action group was switched off");
            browser.click("repairForm:ask");
            browser.waitForText("The repair is asked for");
            assertEquals("Awaiting approval", browser.visible("runState").getText());
            assertTrue(browser.visible("plan").getText().contains("api-version=2023-01-01"));
            String run = browser.driver().getCurrentUrl().replaceFirst(".*/incidents/", "incidents/");
            browser.screenshot("detection-repair-asked");
            browser.accessibilityViolations().forEach(v -> report.add("run 1280 px: " + v));
            browser.width(390);
            browser.overflow().forEach(o -> report.add("run 390 px: " + o));
            browser.width(1280);
            assertFalse(browser.present("decisionForm:approve"), "the requester does not approve");
            browser.signOut();

            // another lead approves from the run's page; it runs, and the pipeline is checked again
            browser.signIn(LEON, PASSWORD);
            browser.waitForText("Repair the detection pipeline's action group · Detection pipeline"); // work queue
            browser.open(run);
            browser.click("decisionForm:approve");
            browser.waitFor(d -> d.findElement(By.id("runState")).getText().equals("Succeeded"));
            assertTrue(browser.visible("summary").getText().startsWith("Action group ag-security-oncall written:"));
            browser.screenshot("detection-repair-succeeded");
            browser.waitFor(d -> {
                d.navigate().to(d.getCurrentUrl().replaceFirst("incidents/run\\.xhtml.*", "detection/pipeline.xhtml"));
                return d.findElement(By.id("summary")).getText().startsWith("Passes");
            });
            assertTrue(browser.text().contains("repair run"), "the check after the repair is listed");
            browser.screenshot("detection-repair-passing");
        } finally {
            FakeAzureStubs.detectionPipeline(azure.server, Variant.HEALTHY);
        }
        assertTrue(report.isEmpty(), String.join("\n", report));
    }
}
