package com.attest.platform;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Incidents;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestJson;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The work queue on Home, gathered from every feature: a responder finds her open incidents with their clocks, her
 * review to write and her action items; once she submits the review, the compliance lead finds it to approve (and
 * she does not); an auditor finds the engagement and its period. Each entry links to where to act.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkQueueIT {

    private static final String DB = SharedPortal.DB;
    private static final String RITA = "rita.queue";
    private static final String SAM = "sam.queue";
    private static final String LENA = "lena.queue";
    private static final String ANN = "ann.queue";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void people() {
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, SAM, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, LENA, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31));
    }

    @Test
    void eachRoleFindsWhatWaitsForItOnHomeWithALinkToWhereToAct() {
        String open = declared("Queue: phishing mailbox rule");
        String resolved = Incidents.resolved(base, RITA, PASSWORD, "Queue: leaked storage key");
        long review = TestJson.read(PortalClient.api(base, "api/pirs/incident/" + resolved, RITA, PASSWORD).body())
                .getJsonNumber("id").longValue();

        try (PortalClient rita = PortalClient.signedIn(base, RITA, PASSWORD)) {
            String queue = queue(rita);
            assertTrue(queue.contains("Your open incidents"), queue);
            assertTrue(queue.contains(open + " · Queue: phishing mailbox rule"), queue);
            assertTrue(queue.contains("response"), "the clock of each incident: " + queue);
            assertTrue(queue.contains("Your post-incident reviews") && queue.contains("Post-incident review of "
                    + resolved), queue);
            assertFalse(queue.contains("Reviews to approve"), "a responder approves nothing: " + queue);
            assertFalse(queue.contains("Set up the portal"), "set-up is the lead's: " + queue);
            assertLinksTo(rita, "/incidents/view.xhtml?ref=" + open, open);
            assertLinksTo(rita, "/pirs/view.xhtml?id=" + review, "Post-incident review of " + resolved);
        }

        // she submits the review with an action item of her own: the lead has it to approve, she has her item
        long version = TestJson.read(PortalClient.api(base, "api/pirs/" + review, RITA, PASSWORD).body())
                .getJsonNumber("version").longValue();
        HttpResponse<String> submitted = PortalClient.post(base, "api/pirs/" + review + "/submit", RITA, PASSWORD,
                "{\"version\":" + version + ",\"form\":{\"rootCause\":\"Key committed to a public repository\","
                        + "\"systemsAffected\":\"stprodlogs\",\"dataInvolved\":\"None\",\"notificationRequired\":false},"
                        + "\"items\":[{\"description\":\"Turn on secret scanning for the queue repos\",\"owner\":\""
                        + RITA + "\",\"dueOn\":\"" + TestClock.today().plusDays(14) + "\"}]}");
        assertEquals(200, submitted.statusCode(), submitted.body());
        try (PortalClient lena = PortalClient.signedIn(base, LENA, PASSWORD)) {
            String queue = queue(lena);
            assertTrue(queue.contains("Reviews to approve") && queue.contains("Post-incident review of " + resolved),
                    queue);
            assertTrue(queue.contains("Submitted by " + RITA), queue);
            assertLinksTo(lena, "/pirs/view.xhtml?id=" + review, "Post-incident review of " + resolved);
        }
        try (PortalClient rita = PortalClient.signedIn(base, RITA, PASSWORD)) {
            String queue = queue(rita);
            assertTrue(queue.contains("Your action items") && queue.contains("Turn on secret scanning for the queue repos"),
                    queue);
            assertFalse(queue.contains("Post-incident review of " + resolved), "submitted, no longer hers: " + queue);
        }
        try (PortalClient sam = PortalClient.signedIn(base, SAM, PASSWORD)) {
            String queue = queue(sam);
            assertFalse(queue.contains(open), "another responder's incident is not in his queue: " + queue);
        }

        // an auditor: the engagement open to her, its period, and what is new
        try (PortalClient ann = PortalClient.signedIn(base, ANN, PASSWORD)) {
            HtmlPage page = ann.page("engagements/list.xhtml");
            String queue = page.getHtmlElementById("workQueue").asNormalizedText();
            assertTrue(queue.contains("Your engagements") && queue.contains("Audit by " + ANN), queue);
            assertTrue(queue.contains("Audit period 2026-01-01 to 2026-12-31"), queue);
            assertTrue(queue.contains("New since your last visit"), queue);
            assertFalse(queue.contains(open), "an auditor has no incidents to work: " + queue);
        }
    }

    private static String queue(PortalClient client) {
        HtmlPage home = client.page("index.xhtml");
        return home.getHtmlElementById("workQueue").asNormalizedText();
    }

    /** The queue's entry with this text links to {@code path}, and following it opens that page. */
    private static void assertLinksTo(PortalClient client, String path, String text) {
        HtmlPage home = client.page("index.xhtml");
        HtmlElement queue = home.getHtmlElementById("workQueue");
        List<HtmlAnchor> links = queue.getElementsByTagName("a").stream().map(HtmlAnchor.class::cast)
                .filter(a -> a.asNormalizedText().contains(text)).toList();
        assertEquals(1, links.size(), "one entry for " + text + " in " + queue.asNormalizedText());
        assertTrue(links.get(0).getHrefAttribute().endsWith(path), links.get(0).getHrefAttribute());
        assertEquals(200, client.raw(path.substring(1)).getStatusCode());
    }

    private String declared(String title) {
        Instant at = TestClock.now().minusSeconds(1800);
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"POLICY_VIOLATION\",\"severity\":\"P3\",\"detectedAt\":\"" + at
                        + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = TestJson.read(reported.body()).getString("reference");
        long version = TestJson.read(reported.body()).getJsonNumber("version").longValue();
        assertEquals(200, PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + version + ",\"owner\":\"" + RITA + "\",\"at\":\"" + at.plusSeconds(60) + "\"}")
                .statusCode());
        return ref;
    }
}
