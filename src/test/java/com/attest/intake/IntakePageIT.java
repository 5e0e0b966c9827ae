package com.attest.intake;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.AlertSamples;
import com.attest.testing.IntakeDeliveries;
import com.attest.testing.Deployments;
import com.attest.testing.IntakeSettings;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The compliance lead sets intake up as a person would: issues a Defender key (shown once), adds a
 * classification rule, rotates and revokes keys, sets the correlation window and the on-call recipients. An
 * alert posted with the key then shows on its incident with its verbatim payload. Responders and auditors
 * read alerts but cannot reach the settings. The settings are the whole portal's: the class starts from the portal's
 * defaults and puts back what it found (its rule removed), all through the pages.
 */
@RunAsClient
class IntakePageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.intakepage";
    private static final String ANN = "ann.intakepage";
    private static IntakeSettings found;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accountsAndDefaults() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
        found = IntakeSettings.read(SharedPortal.url());
        new IntakeSettings(60, "P2", "").apply(SharedPortal.url());
    }

    @AfterAll
    static void putBack() {
        IntakeSettings.removeRule(SharedPortal.url(), "Jump hosts");
        if (found != null) {
            found.apply(SharedPortal.url());
        }
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
        String prefix = key.substring(0, 10);
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

        // the sample's alert, with an id and a host of its own: the shared portal's other intake tests send the sample too
        JsonObject sample = Json.createReader(new StringReader(new String(AlertSamples.read(
                "defender/workflow-automation.json"), StandardCharsets.UTF_8))).readObject();
        byte[] alert = Json.createObjectBuilder(sample)
                .add("SystemAlertId", "2516978777777777777_77777777-2222-4333-8444-555555555555")
                .add("CompromisedEntity", "vm-intake-page-01").remove("Entities").remove("ResourceIdentifiers")
                .build().toString().getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> posted = IntakeDeliveries.settled(http, http.send(HttpRequest.newBuilder(
                        URI.create(base + "api/intake/defender")).header("Content-Type", "application/json")
                .header("X-Intake-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(alert)).build(),
                HttpResponse.BodyHandlers.ofString()), key);
        assertEquals(202, posted.statusCode(), posted.body());
        String reference = Json.createReader(new StringReader(posted.body())).readObject()
                .getString("incidentReference");

        // rotate with an overlap, then revoke the retiring key
        browser.open("admin/intake.xhtml");
        browser.waitForText("Intake keys");
        browser.type("keys:overlapHours", "48");
        browser.click("keys:table:" + keyRow(prefix) + ":rotate");
        browser.waitForText("keeps working for 48 hours");
        String successor = browser.visible("issued:secret").getText().strip();
        assertFalse(successor.equals(key));
        // the shared portal lists other tests' keys too: these two rows are this test's
        String keys = keyRowText(successor.substring(0, 10)) + "\n" + keyRowText(prefix);
        assertTrue(keys.contains("Active") && keys.contains("Retiring"), keys);
        browser.click("keys:table:" + keyRow(prefix) + ":revoke");
        browser.click(browser.driver().findElement(org.openqa.selenium.By.cssSelector(".ui-confirmdialog-yes")));
        browser.waitFor(d -> keyRowText(prefix).contains("Revoked"));
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
        // every channel is configured on the shared portal (Teams and PagerDuty go to its fakes): e-mail now goes to
        // the recipients saved
        browser.waitFor(d -> browser.visible("channels:table").getText().contains("soc@example.com, oncall@example.com"));
        assertFalse(browser.visible("channels:table").getText().contains("Not configured"),
                browser.visible("channels:table").getText());
        browser.screenshot("oncall-settings");

        browser.open("incidents/view.xhtml?ref=" + reference);
        browser.waitForText("Suspicious authentication activity");
        String alerts = browser.visible("alertTable").getText();
        assertTrue(alerts.contains("Defender for Cloud") && alerts.contains("opened " + reference), alerts);
        browser.screenshot("incident-alerts");
        browser.signOut();

        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
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

        browser.signIn(ANN, PASSWORD).waitForText("The engagements open to you now");
        browser.open("admin/oncall.xhtml");
        browser.waitForText("Your role does not give access to this page.");
        browser.open("incidents/view.xhtml?ref=" + reference);
        browser.waitForText("Suspicious authentication activity");
        assertTrue(browser.present("alertTable"));
    }

    @Test
    void leadSeesRefusedDeliveriesAndReplaysOneOnceItReads() throws Exception {
        String key = "atk_refused-page-key-000000000000000000000000000";
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('DEFENDER', 'refused deliveries', 'atk_refuse', '" + Sha256.hex(key) + "', "
                + TestClock.sql() + ", 'admin')");
        // refused now: no alert id, no time
        byte[] unreadable = "{\"AlertDisplayName\":\"Refused on the intake page\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/intake/defender")).header("Content-Type", "application/json")
                .header("X-Intake-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(unreadable)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode(), refused.body());
        // refused by an earlier reader, readable now: kept as it came
        JsonObject sample = Json.createReader(new StringReader(new String(AlertSamples.read(
                "defender/workflow-automation.json"), StandardCharsets.UTF_8))).readObject();
        byte[] readable = Json.createObjectBuilder(sample)
                .add("SystemAlertId", "2516978777777777777_88888888-2222-4333-8444-refusedpage01")
                .add("CompromisedEntity", "vm-refused-page-01").remove("Entities").remove("ResourceIdentifiers")
                .build().toString().getBytes(StandardCharsets.UTF_8);
        try (java.sql.Connection c = TestDatabase.connect(DB); java.sql.PreparedStatement insert = c.prepareStatement(
                "INSERT INTO intake_delivery (source, received_at, content_type, body, sha256, size_bytes, caller,"
                        + " state, refusal) VALUES ('DEFENDER', " + TestClock.sql() + ", 'application/json', ?, ?, ?,"
                        + " 'key atk_refuse… (refused deliveries)', 'UNDELIVERABLE', 'body: a shape not read then')")) {
            insert.setBytes(1, readable);
            insert.setString(2, Sha256.hex(readable));
            insert.setInt(3, readable.length);
            insert.executeUpdate();
        }
        long alerts = TestDatabase.number(DB, "SELECT count(*) FROM alert WHERE external_id LIKE '%refusedpage01'");
        assertEquals(0, alerts);

        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        String queue = browser.visible("workQueue").getText();
        assertTrue(queue.contains("of the last 7 days could not be read or processed"), "the lead's queue: " + queue);
        browser.driver().findElement(By.partialLinkText("could not be read or processed")).click();
        browser.waitForText("Refused deliveries");
        String days = browser.visible("refused:days").getText();
        assertTrue(days.contains("Defender for Cloud") && days.contains("Could not be read"), days);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].scrollIntoView()", browser.visible("refused"));
        browser.screenshot("intake-refused");

        browser.click("refused:latest:" + refusedRow(Sha256.hex(unreadable)) + ":replay");
        browser.waitForText("still cannot be read");
        browser.click("refused:latest:" + refusedRow(Sha256.hex(readable)) + ":replay");
        browser.waitForText("reads now; it is queued to be processed");
        browser.waitFor(d -> TestDatabase.number(DB, "SELECT count(*) FROM alert WHERE external_id LIKE"
                + " '%refusedpage01'") == 1);
        assertEquals("PROCESSED", TestDatabase.texts(DB, "SELECT state FROM intake_delivery WHERE sha256 = '"
                + Sha256.hex(readable) + "'").get(0));
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE action ="
                + " 'intake.delivery.replayed' AND after_state LIKE '%refusedpage01%'"));
        browser.signOut();
    }

    /** The index of a refused delivery's row in the latest list, by the start of its SHA-256. */
    private int refusedRow(String sha256) {
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#refused\\:latest_data > tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getText().contains(sha256.substring(0, 16))) {
                return i;
            }
        }
        throw new AssertionError("no refused delivery " + sha256 + " in the list");
    }

    /** The index of the intake key's row in the keys table, by the prefix it shows. */
    private int keyRow(String prefix) {
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#keys\\:table_data > tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getText().contains(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no key " + prefix + "… in the table");
    }

    private String keyRowText(String prefix) {
        return browser.driver().findElements(By.cssSelector("#keys\\:table_data > tr")).get(keyRow(prefix)).getText();
    }
}
