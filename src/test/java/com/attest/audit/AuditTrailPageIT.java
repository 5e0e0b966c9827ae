package com.attest.audit;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
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
 * The audit trail for people: narrowed by actor, action, record and free text, exported as CSV with the same
 * narrowing (the compliance lead only), a user record named beside its id, a change shown field by field.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditTrailPageIT {

    private static final String DB = SharedPortal.DB;
    private static final String LENA = "lena.trail";
    private static final String RITA = "rita.trail";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void people() {
        Accounts.create(DB, LENA, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
    }

    @Test
    void theLeadNarrowsTheTrailSeesChangesFieldByFieldAndExportsWhatSheSees() {
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"Trailfinder exfiltration alert\",\"category\":\"OTHER\",\"severity\":\"P4\","
                        + "\"detectedAt\":\"" + TestClock.now().minusSeconds(60) + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = TestJson.read(reported.body()).getString("reference");
        long version = TestJson.read(reported.body()).getJsonNumber("version").longValue();
        assertEquals(200, PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + version + ",\"owner\":\"" + RITA + "\",\"at\":\"" + TestClock.now() + "\"}")
                .statusCode());
        long hers = TestDatabase.number(DB, "SELECT count(*) FROM audit_event WHERE actor = '" + RITA + "'");
        assertTrue(hers >= 2, "reported and declared");

        try (PortalClient lena = PortalClient.signedIn(base, LENA, PASSWORD)) {
            // by actor: her rows only, all of them
            HtmlPage byActor = lena.page("audit/trail.xhtml?actor=" + RITA);
            String rows = byActor.getHtmlElementById("trail:events").asNormalizedText();
            assertTrue(rows.contains(ref), rows);
            assertEquals(hers, rows.lines().filter(l -> l.contains(RITA)).count(), rows);
            // by action and record
            String declared = lena.page("audit/trail.xhtml?action=incident.declare&type=Incident&record=" + ref)
                    .getHtmlElementById("trail:events").asNormalizedText();
            assertTrue(declared.contains("incident.declare") && !declared.contains("incident.reported"), declared);
            // free text found in the states
            String found = lena.page("audit/trail.xhtml?q=trailfinder").getHtmlElementById("trail:events")
                    .asNormalizedText();
            assertTrue(found.contains(ref), found);
            // found through the words kept behind the trail, which the search brought up to date first
            assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM audit_text t JOIN audit_event e"
                    + " ON e.id = t.event_id WHERE e.entity_id = '" + ref + "' AND e.action = 'incident.reported'"
                    + " AND t.words LIKE '%trailfinder exfiltration alert%'"));

            // a user record is named beside its id
            long admin = TestDatabase.number(DB, "SELECT id FROM app_user WHERE username = 'admin'");
            String user = lena.page("audit/trail.xhtml?type=User&record=" + admin).getHtmlElementById("trail:events")
                    .asNormalizedText();
            assertTrue(user.contains("User " + admin + " · ") && user.contains("admin"), user);
        }

        // the export: the same narrowing, every row, the lead only
        HttpResponse<String> csv = PortalClient.api(base, "api/audit/events.csv?actor=" + RITA, LENA, PASSWORD);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertTrue(lines.get(0).startsWith("id,occurred_at,actor,action"), lines.get(0));
        assertEquals(hers, lines.size() - 1, csv.body());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains("," + RITA + ",")), csv.body());
        assertEquals(403, PortalClient.api(base, "api/audit/events.csv", RITA, PASSWORD).statusCode(),
                "responders do not read the trail");
        HttpResponse<String> badDate = PortalClient.api(base, "api/audit/events.csv?from=yesterday", LENA, PASSWORD);
        assertEquals(400, badDate.statusCode(), badDate.body());
        assertTrue(badDate.body().contains("from"), badDate.body());
    }
}
