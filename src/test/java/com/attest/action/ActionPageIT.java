package com.attest.action;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.FakeAzure;
import com.attest.testing.FakeAzureStubs;
import com.attest.testing.PortalClient;
import com.attest.testing.Runbooks;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A responder prepares a quarantine from the runbook item on the incident page, sees the dry run with the policy's
 * az commands, and asks for approval; a second responder approves it from the approvals page and watches it run
 * to the end against the fake Azure. An auditor sees the run but nothing to press, and cannot prepare one.
 */
@RunAsClient
class ActionPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final FakeAzure AZURE = SharedPortal.azure();
    private static final String RG = "/subscriptions/" + FakeAzure.SUBSCRIPTION + "/resourceGroups/rg-prod";
    private static final String VM = RG + "/providers/Microsoft.Compute/virtualMachines/vm-web-01";
    private static final String RITA = "rita.actionpage";
    private static final String SAM = "sam.actionpage";
    private static final String ANN = "ann.actionpage";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accountsAndAzure() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
        AZURE.reset();
        FakeAzureStubs.vm(AZURE.server, VM, RG + "/providers/Microsoft.Network/networkInterfaces/vm-web-01-nic",
                RG + "/providers/Microsoft.Network/networkSecurityGroups/vm-web-01-nsg",
                RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-quarantine");
    }

    @Test
    void aResponderAsksASecondApprovesAndTheRunShowsItsEvidence() {
        String ref = declaredIncident();
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitForText("Azure actions");
        browser.click(prepare("contain-1"));
        browser.waitForText("Quarantine a VM");
        assertEquals(VM, param("vm").getAttribute("value"), "the VM is filled from the incident's affected resource");

        // a malformed id is refused beside its field, before anything runs
        param("vm").clear();
        param("vm").sendKeys("vm-web-01");
        browser.click("actionForm:preview");
        browser.waitForText("is not the resource id of a virtual machine");
        assertTrue(browser.driver().findElement(By.cssSelector(".param-error[data-param=vm]")).isDisplayed());

        param("vm").clear();
        param("vm").sendKeys(VM);
        browser.click("actionForm:preview");
        browser.waitFor(d -> browser.present("azCommand"));
        String az = browser.visible("azCommand").getText();
        assertTrue(az.contains("az network nsg create --resource-group rg-prod --name nsg-quarantine"), az);
        assertTrue(az.contains("az network nic update --ids $NIC_ID --network-security-group"), az);
        assertTrue(browser.visible("plannedCalls").getText().contains("PUT"));
        browser.screenshot("action-dry-run");

        browser.click("actionForm:request");
        browser.waitForText("requested; it runs once a second person approves it");
        assertEquals("Awaiting approval", browser.visible("runState").getText());
        assertTrue(browser.visible("noDecision").getText().contains("a second person approves it"));
        String runPath = browser.driver().getCurrentUrl();
        String runId = runPath.replaceAll(".*[?&]id=(\\d+).*", "$1");
        browser.signOut();

        browser.signIn(SAM, PASSWORD).waitForText("Welcome, " + SAM + ".");
        browser.click("nav:approvals");
        browser.waitForText("Requests awaiting a second person");
        assertTrue(browser.visible("awaiting").getText().contains("vm-web-01"), browser.text());
        browser.clickLink(runId);
        browser.waitForText("You are the second pair of eyes");
        browser.type("decisionForm:note", "Matches the Defender alert's host");
        browser.click("decisionForm:approve");
        browser.waitFor(d -> browser.visible("runState").getText().equals("Succeeded"));
        browser.waitFor(d -> browser.visible("progress").getText().contains("100%"));
        assertTrue(browser.visible("decidedBy").getText().startsWith(SAM));
        String calls = browser.visible("callTable").getText();
        assertTrue(calls.contains("PUT") && calls.contains("networkInterfaces/vm-web-01-nic"), calls);
        assertTrue(browser.visible("before").getText().contains("vm-web-01-nsg"), "the NSG to restore on release");
        assertTrue(browser.present("decisionForm:release"), "a quarantine can be undone");
        browser.screenshot("action-run-succeeded");

        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitForText("Azure actions");
        assertTrue(browser.visible("runTable").getText().contains("Succeeded"), browser.visible("runTable").getText());
        assertTrue(browser.visible("timeline").getText().contains("Quarantine a VM"));
        browser.signOut();

        // an auditor reads the run and has nothing to press; the preparation page is closed to them
        browser.signIn(ANN, PASSWORD).waitForText("The engagements open to you now");
        browser.driver().get(runPath);
        browser.waitForText("Calls to Azure");
        assertFalse(browser.present("decisionForm:approve"));
        assertFalse(browser.present("decisionForm:release"));
        browser.open("incidents/action.xhtml?ref=" + ref + "&item=contain-1");
        browser.waitForText("Your role does not give access to this page.");
    }

    @Test
    void theLeadSeesWhichIdentityActsButNeverItsSecretAndAResponderCannotOpenThePage() {
        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.menu("settingsMenu", "azure");
        browser.waitForText("Azure identities");
        String subscriptions = browser.visible("identities:subscriptions").getText();
        assertTrue(subscriptions.contains(FakeAzure.SUBSCRIPTION) && subscriptions.contains("client secret"),
                subscriptions);
        assertTrue(browser.visible("identities:workspaces").getText().contains(FakeAzure.WORKSPACE));
        assertTrue(browser.text().contains("redirected to a local test server"), "the test redirect is not hidden");
        assertFalse(browser.driver().getPageSource().contains(FakeAzure.CLIENT_SECRET), "never the secret");
        browser.click("identities:subscriptions:0:check");
        browser.waitFor(d -> browser.visible("identities:subscriptions").getText().contains("✔"));
        browser.screenshot("azure-identities");
        browser.signOut();

        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        assertFalse(browser.present("nav:azure"));
        browser.open("admin/azure.xhtml");
        browser.waitForText("Your role does not give access to this page.");
    }

    private WebElement prepare(String item) {
        return browser.waitFor(d -> d.findElement(By.cssSelector("a[href*='item=" + item + "']")));
    }

    private WebElement param(String name) {
        return browser.waitFor(d -> d.findElement(By.cssSelector("[data-param=" + name + "]")));
    }

    private String declaredIncident() {
        Runbooks.approveSeed(base);
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"Crypto-miner on vm-web-01\",\"category\":\"OTHER\",\"severity\":\"P2\",\"detectedAt\":\""
                        + TestClock.now().minusSeconds(600) + "\",\"resources\":[\"" + VM + "\"]}");
        assertEquals(201, reported.statusCode(), reported.body());
        JsonObject incident = ActionsIT.read(reported.body());
        String ref = incident.getString("reference");
        HttpResponse<String> declared = PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + incident.getJsonNumber("version") + ",\"at\":\"" + TestClock.now().minusSeconds(60)
                        + "\"}");
        assertEquals(200, declared.statusCode(), declared.body());
        return ref;
    }
}
