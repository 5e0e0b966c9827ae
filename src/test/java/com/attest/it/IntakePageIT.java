package com.attest.it;

import static com.attest.it.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compliance lead sets intake up as a person would: issues a Defender key (shown once), adds a
 * classification rule, rotates and revokes keys, sets the correlation window and the on-call recipients. An
 * alert posted with the key then shows on its incident with its verbatim payload. Responders and auditors
 * read alerts but cannot reach the settings.
 */
@RunAsClient
class IntakePageIT extends BrowserTest {

    private static final String DB = "intake_page_it";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portal(DB);
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, "rita", PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, "ann", PASSWORD, LocalDate.now().plusDays(30));
    }

    @Test
    void leadIssuesAKeyAndTunesClassificationAndTheAlertShowsOnItsIncident() throws Exception {
        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.menu("settingsMenu", "intake");
        browser.waitForText("Intake keys");

        browser.click("keyForm:issue");
        browser.waitForText("Choose the source that will use the key.");
        browser.select("keyForm:keySource", "DEFENDER");
        browser.type("keyForm:keyName", "Workflow automation");
        browser.click("keyForm:issue");
        browser.waitForText("Copy this key now");
        String key = browser.visible("issued:secret").getText().strip();
        assertTrue(key.startsWith("atk_"), key);
        browser.screenshot("intake-key-issued");
        browser.click("issued:stored");
        browser.waitFor(d -> !browser.present("issued:secret"));

        // a text rule: anything about jump hosts is P1
        browser.type("ruleForm:ruleName", "Jump hosts");
        browser.click("ruleForm:saveRule");
        browser.waitForText("Give the severity word or phrases to match");
        browser.type("ruleForm:rulePattern", "jump|bastion");
        browser.select("ruleForm:ruleSeverity", "P1");
        browser.click("ruleForm:saveRule");
        browser.waitForText("Rule 'Jump hosts' saved.");
        assertTrue(browser.visible("rules:table").getText().contains("jump|bastion"));

        byte[] alert = IntakeIT.sample("defender/workflow-automation.json");
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/intake/defender")).header("Content-Type", "application/json")
                .header("X-Intake-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(alert)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, posted.statusCode(), posted.body());
        String reference = Json.createReader(new StringReader(posted.body())).readObject()
                .getString("incidentReference");

        // rotate with an overlap, then revoke the retiring key
        browser.open("admin/intake.xhtml");
        browser.waitForText("Intake keys");
        browser.type("keys:overlapHours", "48");
        browser.click("keys:table:0:rotate");
        browser.waitForText("keeps working for 48 hours");
        String successor = browser.visible("issued:secret").getText().strip();
        assertFalse(successor.equals(key));
        String keys = browser.visible("keys:table").getText();
        assertTrue(keys.contains("Active") && keys.contains("Retiring"), keys);
        browser.click("keys:table:1:revoke");
        browser.click(browser.driver().findElement(org.openqa.selenium.By.cssSelector(".ui-confirmdialog-yes")));
        browser.waitFor(d -> browser.visible("keys:table").getText().contains("Revoked"));
        browser.screenshot("intake-keys");

        browser.type("windowForm:correlationWindow", "-5");
        browser.click("windowForm:saveWindow");
        browser.waitForText("The correlation window is 0 to 10,080 minutes");
        browser.type("windowForm:correlationWindow", "90");
        browser.click("windowForm:saveWindow");
        browser.waitForText("Correlation window set to 90 minutes.");

        browser.menu("settingsMenu", "oncall");
        browser.waitForText("When to page");
        browser.type("oncallForm:emailRecipients", "soc@example.com, not-an-address");
        browser.click("oncallForm:save");
        browser.waitForText("'not-an-address' is not an e-mail address.");
        browser.type("oncallForm:emailRecipients", "soc@example.com\noncall@example.com");
        browser.select("oncallForm:notifyMinSeverity", "P1");
        browser.click("oncallForm:save");
        browser.waitForText("On-call settings saved.");
        assertTrue(browser.visible("channels:table").getText().contains("Not configured"));
        browser.screenshot("oncall-settings");

        browser.open("incidents/view.xhtml?ref=" + reference);
        browser.waitForText("Suspicious authentication activity");
        String alerts = browser.visible("alertTable").getText();
        assertTrue(alerts.contains("Defender for Cloud") && alerts.contains("opened " + reference), alerts);
        browser.screenshot("incident-alerts");
        browser.signOut();

        browser.signIn("rita", PASSWORD).waitForText("Welcome, rita.");
        browser.open("incidents/view.xhtml?ref=" + reference);
        browser.waitForText("Suspicious authentication activity");
        browser.click(browser.driver().findElement(org.openqa.selenium.By.cssSelector("#alertTable a[href*='payload']")));
        browser.waitForText("Exactly as delivered");
        assertEquals(Sha256.hex(alert), browser.visible("sha256").getText());
        assertTrue(browser.visible("body").getText().contains("SystemAlertId"));
        browser.screenshot("alert-payload");
        browser.open("admin/intake.xhtml");
        browser.waitForText("Your role does not give access to this page.");
        browser.open("index.xhtml");
        browser.signOut();

        browser.signIn("ann", PASSWORD).waitForText("The engagements open to you now");
        browser.open("admin/oncall.xhtml");
        browser.waitForText("Your role does not give access to this page.");
        browser.open("incidents/view.xhtml?ref=" + reference);
        browser.waitForText("Suspicious authentication activity");
        assertTrue(browser.present("alertTable"));
    }
}
