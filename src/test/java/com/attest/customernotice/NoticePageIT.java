package com.attest.customernotice;

import static com.attest.testing.Accounts.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.FakeAzure;
import com.attest.testing.PortalClient;
import com.attest.testing.TestJson;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A responder drafts a customer notice from a template on the incident page and asks for approval; the Legal
 * approver approves it on the notice page; the responder sends it to the customer's DPO, Graph (a local fake)
 * accepts it, and the incident page shows the customer-notification clock met. An auditor reads the notice and
 * has nothing to press.
 */
@RunAsClient
class NoticePageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final FakeAzure AZURE = SharedPortal.azure();
    private static final String SENDMAIL = "/v1.0/users/" + SharedPortal.MAIL_SENDER.replace("@", "(@|%40)")
            + "/sendMail";
    private static final String RITA = "rita.noticepage";
    private static final String LENA = "lena.noticepage";
    private static final String ANN = "ann.noticepage";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accountsAndGraph() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, LENA, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
        AZURE.reset();
        AZURE.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathMatching(SENDMAIL))
                .willReturn(aResponse().withStatus(202).withHeader("request-id", "page-it-request")));
    }

    /** Its customer's agreement would set every later incident's deadline: it ends with the test. */
    @AfterAll
    static void retireCustomer() {
        Customers.retire(SharedPortal.url(), "Contoso");
    }

    @Test
    void aNoticeIsDraftedApprovedAndSentAndTheIncidentShowsTheClockMet() {
        String lead = Deployments.ADMIN_PASSWORD;
        assertEquals(200, PortalClient.post(base, "api/notice-templates/approvers", "admin", lead,
                "{\"approvers\":{\"LEGAL\":\"" + LENA + "\"},\"approval\":\"ANY\"}").statusCode());
        long customer = created(PortalClient.post(base, "api/customers", "admin", lead,
                "{\"name\":\"Contoso\",\"agreement\":\"DPA-2026-07\",\"personalDataHours\":48}"))
                .getJsonNumber("id").longValue();
        created(PortalClient.post(base, "api/customers/" + customer + "/contacts", "admin", lead,
                "{\"name\":\"Dana Ortiz\",\"email\":\"dana@contoso.example\",\"role\":\"DPO\"}"));
        long template = created(PortalClient.post(base, "api/notice-templates", "admin", lead,
                "{\"name\":\"Personal data incident\",\"subject\":\"Security incident {{incident.reference}}\","
                        + "\"body\":\"Dear {{customer.name}},\\n\\non {{detected}} we detected {{incident.title}}."
                        + "\\n{{summary}}\\n\\nYour agreement {{customer.agreement}} asks us to tell you by"
                        + " {{deadline}}.\\n\\nThe Security Team\"}")).getJsonNumber("id").longValue();
        String ref = created(PortalClient.post(base, "api/incidents", RITA, PASSWORD, "{\"title\":\"Customer"
                + " records exported\",\"description\":\"A misconfigured export job wrote customer e-mail addresses"
                + " to a public bucket.\",\"category\":\"OTHER\",\"severity\":\"P2\",\"personalData\":true,"
                + "\"detectedAt\":\"" + TestClock.now().minusSeconds(1800) + "\"}")).getString("reference");

        // the responder sees the clock and drafts from the template
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitForText("Customer notification");
        assertTrue(browser.visible("noticeClock").getText().toLowerCase().contains("customers to be told"),
                browser.visible("noticeClock").getText());
        assertTrue(browser.visible("noticeBasis").getText().contains("48 hours"), browser.visible("noticeBasis")
                .getText());
        browser.select("noticeForm:template", String.valueOf(template));
        browser.driver().executeScript("PrimeFaces.widgets['widget_noticeForm_customers'].checkAll();");
        browser.screenshot("notice-incident-before");
        browser.click("noticeForm:draft");
        browser.waitForText("Ask for approval");
        assertTrue(browser.visible("textForm:text").getAttribute("value").startsWith("Dear Contoso,"));
        browser.click("textForm:submit");
        browser.waitFor(d -> browser.visible("noticeState").getText().equals("Awaiting approval"));
        String noticeUrl = browser.driver().getCurrentUrl();
        browser.signOut();

        // the Legal approver approves it
        browser.signIn(LENA, PASSWORD).waitForText("Welcome, " + LENA + ".");
        browser.driver().get(noticeUrl);
        browser.waitForText("Approval");
        browser.type("decisionForm:comment", "Wording agreed with counsel");
        browser.click("decisionForm:approve");
        browser.waitFor(d -> browser.visible("noticeState").getText().equals("Approved"));
        assertTrue(browser.visible("decisionForm:decisions").getText().contains("Legal · " + LENA));
        browser.screenshot("notice-approved");
        browser.signOut();

        // the responder sends it to the DPO
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.driver().get(noticeUrl);
        browser.waitForText("Send by e-mail");
        browser.tick("sendForm:contacts:0");
        browser.click("sendForm:send");
        browser.waitFor(d -> browser.visible("noticeState").getText().equals("Sent"));
        browser.waitFor(d -> {
            d.navigate().refresh();
            return browser.visible("mailState").getText().startsWith("Sent");
        });
        assertEquals("page-it-request", browser.visible("requestId").getText());
        assertEquals(browser.visible("bodySha256").getText(), browser.visible("deliverySha256").getText());
        browser.screenshot("notice-sent");
        assertEquals(1, AZURE.server.findAll(postRequestedFor(urlPathMatching(SENDMAIL))
                .withRequestBody(containing(ref))).size(), "one mail, this notice's (reminders may go out meanwhile)");

        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitForText("Customer notification");
        assertTrue(browser.visible("noticeClock").getText().toLowerCase().contains("customers told"),
                browser.visible("noticeClock").getText());
        assertTrue(browser.visible("noticeForm:notices").getText().contains("Sent"));
        assertTrue(browser.visible("timeline").getText().contains("queued to dana@contoso.example"));
        browser.screenshot("notice-incident-met");
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});",
                browser.visible("noticeForm"));
        browser.screenshot("notice-incident-list");
        browser.signOut();

        // an auditor reads the notice and the list, and has nothing to press
        browser.signIn(ANN, PASSWORD).waitForText("The engagements open to you now");
        browser.driver().get(noticeUrl);
        browser.waitForText("Evidence");
        assertFalse(browser.present("decisionForm:approve"));
        assertFalse(browser.present("sendForm:send"));
        browser.click("nav:customers");
        browser.waitForText("Dana Ortiz");
        assertFalse(browser.present("importForm:importFile"));
    }

    @Test
    void theLeadImportsAContactListAndSeesEveryBadRow() throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("contacts", ".csv");
        java.nio.file.Files.writeString(bad, "customer,contact name,email,phone,role\n"
                + "Fabrikam,Kim Ray,kim@fabrikam.example,,DPO\n"
                + "Fabrikam,Lee Park,not-an-address,,Legal\n"
                + "Fabrikam,Max Bell,max@fabrikam.example,,Janitor\n");
        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.click("nav:customers");
        browser.waitForText("Import contacts (CSV)");
        browser.driver().findElement(org.openqa.selenium.By.id("importForm:file")).sendKeys(bad.toString());
        browser.click("importForm:importFile");
        browser.waitForText("Nothing was imported: 2 problems.");
        String problems = browser.visible("importForm:importProblems").getText();
        assertTrue(problems.contains("row 3") && problems.contains("'not-an-address' is not an e-mail address"),
                problems);
        assertTrue(problems.contains("row 4") && problems.contains("'Janitor' is not a contact role"), problems);
        assertFalse(browser.visible("contactsForm:contacts").getText().contains("Kim Ray"), "nothing imported");
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});",
                browser.visible("importForm:importProblems"));
        browser.screenshot("customers-import-refused");

        // the approvers and the templates, as the lead keeps them
        browser.click("templatesLink");
        browser.waitForText("Placeholders");
        browser.click("templatesForm:approversLink");
        browser.waitForText("never by the person who wrote the notice");
        browser.type("approversForm:roles:0:approver", "nobody-here");
        browser.click("approversForm:save");
        browser.waitForText("'nobody-here' is not an active responder or compliance lead");
        browser.screenshot("notice-approvers");
        browser.open("notices/templates.xhtml");
        browser.waitForText("Placeholders");
        browser.type("templateForm:name", "Service notice");
        browser.type("templateForm:subject", "Incident {{incident.reference}}");
        browser.type("templateForm:body", "Dear {{customer.nmae}},");
        browser.click("templateForm:save");
        browser.waitForText("Unknown placeholder {{customer.nmae}}");
        browser.type("templateForm:body", "Dear {{customer.name}},\n\nabout {{incident.title}}.");
        browser.click("templateForm:save");
        browser.waitForText("Version 1 saved.");
        assertTrue(browser.visible("templatesForm").getText().contains("Service notice"));
        browser.screenshot("notice-templates");
    }

    private static JsonObject created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return TestJson.read(response.body());
    }
}
