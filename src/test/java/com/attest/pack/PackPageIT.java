package com.attest.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The compliance lead generates an audit-period pack on the packs page, watches its progress bar run to the end,
 * sees its signature valid and downloads it; the verify page says the ZIP is intact, names an altered file, and
 * refuses a file that is not a ZIP beside the field. Its year of incidents is 2017, which no other test of the
 * shared portal touches; the packs of other tests are listed below its own (the newest first).
 */
@RunAsClient
class PackPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String NEWEST = "#packsForm\\:packs_data > tr:first-child";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @Test
    void theLeadGeneratesAPackWatchesItRunAndVerifiesIt() throws Exception {
        // a year of incidents, enough for the pack to take a few seconds
        LocalDate year = LocalDate.of(2017, 1, 1);
        TestDatabase.execute(DB, """
                INSERT INTO incident (reference, title, description, source, severity, category, owner, status,
                    detected_at, declared_at, response_due_at, created_at, created_by, updated_at, updated_by)
                SELECT 'INC-2017-' || lpad(g::text, 4, '0'), 'Generated incident ' || g, '', 'MANUAL',
                       'P' || (1 + g % 4), 'OTHER', 'admin', 'DECLARED', d, d + interval '10 minutes',
                       d + interval '30 minutes', d, 'admin', d, 'admin'
                FROM (SELECT g, timestamptz '2017-01-02' + g * interval '2 hours' AS d
                      FROM generate_series(1, 1500) g) s""");
        TestDatabase.execute(DB, """
                INSERT INTO timeline_entry (incident_id, occurred_at, recorded_at, recorded_by, text)
                SELECT i.id, i.detected_at + g * interval '1 minute', i.detected_at, 'admin', 'Step ' || g
                FROM incident i, generate_series(1, 10) g WHERE i.reference LIKE 'INC-2017-%'""");

        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.menu("auditMenu", "packs");
        browser.waitForText("New pack");
        for (String[] date : new String[][] {{"packForm:from_input", year.toString()},
                {"packForm:to_input", year.plusYears(1).minusDays(1).toString()}}) {
            browser.visible(date[0]).sendKeys(Keys.chord(Keys.CONTROL, "a"), date[1]);
        }
        browser.click("packForm:generate");
        browser.waitForText("is being generated");
        // the progress bar shows while it runs, and the poll brings the finished pack
        browser.waitFor(d -> !d.findElements(By.cssSelector(NEWEST + " .pack-progress")).isEmpty()
                || d.findElement(By.cssSelector(NEWEST)).getText().contains("Finished"));
        browser.screenshot("pack-running");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(90))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(NEWEST)).getText().contains("Signature valid"));
        String newest = browser.driver().findElement(By.cssSelector(NEWEST)).getText();
        assertTrue(newest.contains("2017-01-01 – 2017-12-31"), "the newest pack is this one: " + newest);
        assertTrue(newest.contains("1,500 incident(s)"), browser.text());
        assertTrue(browser.visible("packsForm:packs:0:progress").getText().contains("100%"),
                "the bar ran to its end");
        assertTrue(browser.present("packsForm:packs:0:cancel") == false, "nothing left to cancel");
        browser.waitForText("is ready");
        assertFalse(browser.visible("globalMessages").getText().contains("is being generated"),
                "the message tells the pack's outcome, not what was true before: " + browser.visible("globalMessages").getText());
        browser.screenshot("pack-finished");

        String zipHref = browser.driver().findElement(By.cssSelector(NEWEST)).findElement(By.linkText("ZIP archive"))
                .getAttribute("href");
        HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(zipHref))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + Deployments.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        Path file = Files.createTempFile("pack", ".zip");
        Files.write(file, zip.body());

        browser.click("verifyLink");
        browser.waitForText("Upload a pack's ZIP");
        browser.driver().findElement(By.id("verifyForm:file")).sendKeys(file.toString());
        browser.click("verifyForm:verify");
        browser.waitForText("Intact: every file matches and the signature is valid.");
        browser.screenshot("pack-verified");

        Files.write(file, EvidencePackIT.alter(zip.body(), "manifest.json"));
        browser.driver().findElement(By.id("verifyForm:file")).sendKeys(file.toString());
        browser.click("verifyForm:verify");
        browser.waitForText("Not intact.");
        assertTrue(browser.text().contains("manifest.json") && browser.text().contains("Altered"), browser.text());

        Files.writeString(file, "this is not an archive");
        browser.driver().findElement(By.id("verifyForm:file")).sendKeys(file.toString());
        browser.click("verifyForm:verify");
        browser.waitForText("The file is not a ZIP archive.");
        browser.screenshot("pack-not-zip");
        Files.delete(file);
    }
}
