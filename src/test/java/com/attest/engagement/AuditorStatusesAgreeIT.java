package com.attest.engagement;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.Incidents;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One truth for auditors: on the same data — a review left unapproved long past its due date and one approved after
 * it — the engagement's population (page, CSV and JSON), the Reviews page and control health call each review the
 * same (overdue; approved late), in words, never codes. Its incidents lie in March 2019, a month no other test of
 * the shared portal uses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditorStatusesAgreeIT {

    private static final String RITA = "rita.agree";
    private static final String LENA = "lena.agree";
    private static final String ANN = "ann.agree";
    private static final LocalDate FROM = LocalDate.of(2019, 3, 1);
    private static final LocalDate TO = LocalDate.of(2019, 3, 31);

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    /** Its people, made once the shared portal (and its database) is up. */
    private static void accounts() {
        Accounts.create(SharedPortal.DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.create(SharedPortal.DB, LENA, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(SharedPortal.DB, ANN, PASSWORD, TestClock.today().plusDays(60), "AUDITOR");
    }

    @Test
    void thePopulationTheReviewsPageAndControlHealthCallEveryReviewTheSame() throws Exception {
        accounts();
        String overdue = resolved("Agree: review never approved", Instant.parse("2019-03-04T10:00:00Z"));
        String late = resolved("Agree: review approved late", Instant.parse("2019-03-06T10:00:00Z"));
        approve(late);
        long engagement = engagement();

        // the population as JSON: codes for machines, one per outcome
        JsonObject population = TestJson.read(get("api/engagements/" + engagement + "/population.json", ANN).body());
        assertEquals("OVERDUE", row(population, overdue).getString("review"));
        assertEquals("APPROVED_LATE", row(population, late).getString("review"));

        // the CSV says the same in words
        List<String> csv = Arrays.asList(get("api/engagements/" + engagement + "/population.csv", ANN).body()
                .split("\r\n"));
        List<String> header = Arrays.asList(csv.get(0).split(","));
        int review = header.indexOf("review");
        assertEquals("overdue", csvRow(csv, overdue)[review]);
        assertEquals("approved late", csvRow(csv, late)[review]);
        assertTrue(csv.stream().noneMatch(l -> l.contains("OVERDUE") || l.contains("APPROVED_LATE")
                || l.contains("RESOLVED")), "no codes in the CSV:\n" + String.join("\n", csv));

        // the engagement page as the auditor sees it
        PortalClient auditor = PortalClient.signedIn(base, ANN, PASSWORD);
        HtmlPage page = auditor.page("engagements/view.xhtml?id=" + engagement);
        assertTrue(line(page, overdue).contains("overdue"), line(page, overdue));
        assertTrue(line(page, late).contains("approved late"), line(page, late));

        // the Reviews page as the compliance lead sees it
        PortalClient lead = PortalClient.signedIn(base, LENA, PASSWORD);
        HtmlPage reviews = lead.page("pirs/list.xhtml");
        assertTrue(line(reviews, overdue).contains("OVERDUE"), line(reviews, overdue));
        assertTrue(line(reviews, late).contains("Approved · late"), line(reviews, late));

        // control health for the period
        List<String> overdueRecords = new ArrayList<>();
        List<String> lateRecords = new ArrayList<>();
        JsonObject overview = TestJson.read(get("api/controls?from=" + FROM + "&to=" + TO, LENA).body());
        for (JsonValue c : overview.getJsonArray("controls")) {
            if (c.asJsonObject().getInt("gaps") == 0) {
                continue;
            }
            JsonObject control = TestJson.read(get("api/controls/" + c.asJsonObject().getString("control")
                    + "?from=" + FROM + "&to=" + TO, LENA).body());
            for (JsonValue g : control.getJsonArray("gaps")) {
                for (JsonValue r : g.asJsonObject().getJsonArray("records")) {
                    String record = r.asJsonObject().getString("label") + " · " + r.asJsonObject().getString("note");
                    switch (g.asJsonObject().getString("kind")) {
                        case "PIR_OVERDUE" -> overdueRecords.add(record);
                        case "PIR_LATE" -> lateRecords.add(record);
                        default -> { }
                    }
                }
            }
        }
        assertTrue(overdueRecords.stream().anyMatch(r -> r.contains(overdue) && r.contains("overdue (draft)")),
                overdueRecords.toString());
        assertTrue(overdueRecords.stream().noneMatch(r -> r.contains(late)), overdueRecords.toString());
        assertTrue(lateRecords.stream().anyMatch(r -> r.contains(late) && r.contains("approved")),
                lateRecords.toString());
        assertTrue(lateRecords.stream().noneMatch(r -> r.contains(overdue)), lateRecords.toString());
    }

    /** An incident detected at {@code detected}, declared by rita and resolved five hours later. */
    private String resolved(String title, Instant detected) {
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD, "{\"title\":\""
                + title + "\",\"category\":\"OTHER\",\"severity\":\"P2\",\"detectedAt\":\"" + detected + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = TestJson.read(reported.body()).getString("reference");
        assertEquals(200, PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + version(ref) + ",\"owner\":\"" + RITA + "\",\"at\":\"" + detected.plusSeconds(3600)
                        + "\"}").statusCode());
        int hour = 2;
        for (String step : List.of("CONTAINED", "ERADICATED", "RECOVERED", "RESOLVED")) {
            HttpResponse<String> moved = PortalClient.post(base, "api/incidents/" + ref + "/steps", RITA, PASSWORD,
                    "{\"version\":" + version(ref) + ",\"status\":\"" + step + "\",\"at\":\""
                            + detected.plusSeconds(3600L * hour++) + "\"" + Incidents.OPEN_WORK + "}");
            assertEquals(200, moved.statusCode(), moved.body());
        }
        return ref;
    }

    /** Rita submits the incident's review, long after its due date; the compliance lead approves it. */
    private void approve(String ref) {
        JsonObject pir = TestJson.read(get("api/pirs/incident/" + ref, RITA).body());
        long id = pir.getJsonNumber("id").longValue();
        HttpResponse<String> submitted = PortalClient.post(base, "api/pirs/" + id + "/submit", RITA, PASSWORD,
                "{\"version\":" + pir.getJsonNumber("version") + ",\"form\":{\"rootCause\":\"A leaked key\","
                        + "\"systemsAffected\":\"vm-agree-01\",\"dataInvolved\":\"None\",\"notificationRequired\":false},"
                        + "\"items\":[]}");
        assertEquals(200, submitted.statusCode(), submitted.body());
        long version = TestJson.read(get("api/pirs/" + id, RITA).body()).getJsonNumber("version").longValue();
        HttpResponse<String> approved = PortalClient.post(base, "api/pirs/" + id + "/approve", LENA, PASSWORD,
                "{\"version\":" + version + ",\"comment\":\"Late, but complete\"}");
        assertEquals(200, approved.statusCode(), approved.body());
    }

    private long engagement() {
        HttpResponse<String> created = PortalClient.post(base, "api/engagements", "admin", Deployments.ADMIN_PASSWORD,
                "{\"name\":\"Agree 2019\",\"periodFrom\":\"" + FROM + "\",\"periodTo\":\"" + TO
                        + "\",\"accessFrom\":\"" + TestClock.now().minusSeconds(3600) + "\",\"accessTo\":\""
                        + TestClock.now().plusSeconds(30L * 86400) + "\",\"auditors\":[\"" + ANN + "\"]}");
        assertEquals(201, created.statusCode(), created.body());
        return TestJson.read(created.body()).getJsonNumber("id").longValue();
    }

    private long version(String ref) {
        return TestJson.read(get("api/incidents/" + ref, RITA).body()).getJsonNumber("version").longValue();
    }

    private HttpResponse<String> get(String path, String user) {
        HttpResponse<String> response = PortalClient.api(base, path, user, PASSWORD);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response;
    }

    private static JsonObject row(JsonObject population, String ref) {
        return population.getJsonArray("incidents").stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("reference").equals(ref)).findFirst().orElseThrow();
    }

    private static String[] csvRow(List<String> csv, String ref) {
        return csv.stream().filter(l -> l.startsWith(ref + ",")).findFirst().orElseThrow().split(",");
    }

    /** The text of the table row naming {@code ref} on the page. */
    private static String line(HtmlPage page, String ref) {
        return page.getByXPath("//tr[.//a[normalize-space(.)='" + ref + "']]").stream()
                .map(r -> ((org.htmlunit.html.HtmlElement) r).asNormalizedText()).findFirst()
                .orElseThrow(() -> new AssertionError(ref + " not on " + page.getUrl() + ":\n" + page.asNormalizedText()));
    }
}
