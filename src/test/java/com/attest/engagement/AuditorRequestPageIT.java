package com.attest.engagement;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The request list in the browser: an auditor files a request on her engagement's page; the compliance lead finds it
 * in her work queue, opens it and answers by linking an evidence item of the period; the auditor reads the answer
 * and accepts it. The request page passes axe-core and does not scroll sideways at 390 px.
 */
@RunAsClient
class AuditorRequestPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String ADA = "ada.requestpage";
    private static final String LEE = "lee.requestpage";
    private static final String TITLE = "Evidence the annual tabletop took place";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @Test
    void anAuditorFilesARequestAndTheLeadAnswersItFromHerWorkQueue() throws Exception {
        Accounts.create(DB, ADA, PASSWORD, null, "AUDITOR");
        Accounts.create(DB, LEE, PASSWORD, null, "COMPLIANCE_LEAD");
        HttpResponse<String> created = PortalClient.post(base, "api/engagements", "admin", Deployments.ADMIN_PASSWORD,
                "{\"name\":\"Request page IT\",\"periodFrom\":\"2024-03-15\",\"periodTo\":\"2024-03-16\","
                        + "\"accessFrom\":\"" + TestClock.now().minusSeconds(3600) + "\",\"accessTo\":\""
                        + TestClock.now().plus(Duration.ofDays(30)) + "\",\"auditors\":[\"" + ADA + "\"]}");
        assertEquals(201, created.statusCode(), created.body());
        long engagement = TestJson.read(created.body()).getJsonNumber("id").longValue();
        long item = TestDatabase.number(DB, "INSERT INTO evidence_item (type_code, source, source_id, title,"
                + " period_date, sha256, registered_at) VALUES ('EXERCISE', 'request-page-it', 1, 'Request page IT:"
                + " tabletop 2024', '2024-03-15', encode(sha256('request-page-it'::bytea), 'hex'), " + TestClock.sql()
                + ") RETURNING id");

        // the auditor files it on her engagement's page
        browser.signIn(ADA, PASSWORD).open("engagements/view.xhtml?id=" + engagement);
        browser.type("requestsForm:title", TITLE);
        browser.type("requestsForm:text", "Minutes and attendance of the 2024 tabletop.");
        browser.typeDate("requestsForm:due_input", TestClock.today().plusDays(5).toString());
        browser.click("requestsForm:fileIt");
        browser.waitFor(d -> browser.text().contains(TITLE) && browser.text().contains("filed"));
        browser.screenshot("request-filed");
        browser.signOut();

        // the lead finds it in her work queue and answers with the register's item
        browser.signIn(LEE, PASSWORD).open("index.xhtml");
        browser.waitForText(TITLE);
        browser.clickLink(TITLE);
        browser.visible("answerForm:evidence");
        assertEquals(List.of(), browser.accessibilityViolations());
        browser.type("answerForm:evidence", String.valueOf(item));
        // and with the attendance sheet the register does not hold yet, dated within the period
        Path sheet = Path.of("target", "request-page-attendance.txt").toAbsolutePath();
        Files.writeString(sheet, "Tabletop 15 March 2024, attendance: lee, rita, sam\n");
        browser.type("answerForm:answer", "Held on 15 March 2024: minutes and attendance.");
        browser.driver().findElement(By.id("answerForm:file")).sendKeys(sheet.toString());
        browser.typeDate("answerForm:dated_input", "2024-03-15");
        browser.click("answerForm:send");
        browser.waitFor(d -> browser.visible("state").getText().equals("Answered"));
        assertTrue(browser.text().contains("Request page IT: tabletop 2024"), browser.text());
        assertTrue(browser.text().contains("request-page-attendance.txt") && browser.text().contains("Download"),
                browser.text());
        browser.screenshot("request-answered");
        browser.signOut();

        // the auditor reads the answer and accepts it
        browser.signIn(ADA, PASSWORD).open("index.xhtml");
        browser.waitForText(TITLE);
        browser.clickLink(TITLE);
        assertTrue(browser.text().contains("request-page-attendance.txt") && browser.text().contains("Download"),
                browser.text());
        browser.click("acceptForm:accept");
        browser.waitFor(d -> browser.visible("state").getText().equals("Accepted"));
        browser.width(390);
        assertEquals(List.of(), browser.overflow());
        browser.screenshot("narrow-request");
    }
}
