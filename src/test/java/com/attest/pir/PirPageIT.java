package com.attest.pir;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.Incidents;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A responder files the post-incident review of her resolved incident on the page — drafts save as she types,
 * a submission without a root cause is refused beside the field — and the compliance lead approves it; the
 * approved review downloads as a PDF on the policy's template, and the incident can then be closed.
 */
@RunAsClient
class PirPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.pirpage";
    private static final String SAM = "sam.pirpage";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
    }

    @Test
    void aResponderFilesTheReviewAndTheLeadApprovesIt() throws Exception {
        String ref = resolvedIncident();
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitForText("Post-incident review");
        browser.click("pirLink");
        browser.waitForText("Drafts save as you go.");
        assertTrue(browser.visible("pirForm:timeline").getAttribute("value").contains("Alert triggered"));

        // a draft saves as the field changes
        browser.type("pirForm:dataInvolved", "No personal data; build logs only");
        browser.click("pirForm:rootCause"); // leaving the field fires its change
        browser.waitForText("Draft saved");
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM pir WHERE data_involved LIKE 'No personal data%'"
                + " AND incident_id = (SELECT id FROM incident WHERE reference = '" + ref + "')"));

        browser.click("pirForm:submit");
        browser.waitForText("Root cause: say what caused the incident.");
        browser.type("pirForm:rootCause", "A leaked SAS token in a public repository");
        browser.type("pirForm:systemsAffected", "Storage account stprodlogs");
        browser.click("pirForm:addItem");
        browser.waitFor(d -> browser.present("pirForm:rows:0:description"));
        browser.type("pirForm:rows:0:description", "Turn on secret scanning for every repository");
        browser.type("pirForm:rows:0:itemOwner", SAM);
        browser.type("pirForm:rows:0:itemDue_input", "2026-12-31");
        browser.click("pirForm:submit");
        browser.waitForText("Submitted for approval.");
        assertEquals("Submitted", browser.visible("pirState").getText());
        browser.screenshot("pir-submitted");
        browser.signOut();

        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.click("nav:pirs");
        browser.waitForText("Post-incident reviews");
        browser.waitForText(ref);
        browser.clickLink(ref);
        browser.waitForText("Review decision");
        browser.type("decisionForm:comment", "Clear and complete");
        browser.click("decisionForm:approve");
        browser.waitForText("Review approved: the incident may now be closed.");
        assertEquals("Approved", browser.visible("pirState").getText());
        assertEquals(64, browser.visible("sha").getText().strip().length());
        assertFalse(browser.present("pirForm:submit"), "an approved review is fixed");
        browser.screenshot("pir-approved");

        // the PDF on the policy's template, rendered to look at
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        browser.visible("pdf").getAttribute("href")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + Deployments.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        Path file = Path.of("target", "screenshots", "pir-" + ref + ".pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf.body());
        String text = pdfText(file);
        for (String expected : List.of("Post-Incident Review", "Incident ID", ref, "Date/Time detected",
                "Date/Time resolved", "Severity", "Timeline", "Alert triggered", "Root cause",
                "A leaked SAS token in a public repository", "stprodlogs", "Impact (systems affected, data involved, customers notified",
                "Containment actions taken", "Eradication actions taken", "Recovery actions taken",
                "Customer notification required? (Y/N)", "Action items (owner, due date)",
                "Turn on secret scanning for every repository", SAM, "2026-12-31", "Approved", "admin")) {
            assertTrue(text.contains(expected), "PDF lacks '" + expected + "':\n" + text);
        }

        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.waitForText("Post-incident review");
        assertEquals("Approved", browser.visible("pirState").getText());
    }

    private static String pdfText(Path pdf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        new ProcessBuilder("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf.toString(),
                pdf.toString().replace(".pdf", "")).start().waitFor();
        return text;
    }

    private String resolvedIncident() {
        Instant resolved = TestClock.now().minusSeconds(600);
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"SAS token used from an unknown IP\",\"category\":\"OTHER\",\"severity\":\"P2\","
                        + "\"detectedAt\":\"" + resolved.minusSeconds(5 * 3600) + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = TestJson.read(reported.body()).getString("reference");
        long version = TestJson.read(reported.body()).getJsonNumber("version").longValue();
        assertEquals(200, PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + version + ",\"owner\":\"" + RITA + "\",\"at\":\"" + resolved.minusSeconds(4 * 3600) + "\"}")
                .statusCode());
        int hours = 3;
        for (String step : List.of("CONTAINED", "ERADICATED", "RECOVERED", "RESOLVED")) {
            version = TestJson.read(PortalClient.api(base, "api/incidents/" + ref, RITA, PASSWORD).body())
                    .getJsonNumber("version").longValue();
            HttpResponse<String> moved = PortalClient.post(base, "api/incidents/" + ref + "/steps", RITA, PASSWORD,
                    "{\"version\":" + version + ",\"status\":\"" + step + "\",\"at\":\""
                            + (step.equals("RESOLVED") ? resolved : resolved.minusSeconds(hours-- * 3600)) + "\"" + Incidents.OPEN_WORK
                            + "}");
            assertEquals(200, moved.statusCode(), moved.body());
        }
        return ref;
    }
}
