package com.attest.incident;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The incident list's free-text search: words found in the reference, the title, an affected resource or an
 * affected user, case ignored; wildcard characters typed are taken literally; the trigram indexes exist.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncidentSearchIT {

    private static final String RITA = "rita.search";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void people() {
        Accounts.create(SharedPortal.DB, RITA, PASSWORD, null, "RESPONDER");
    }

    @Test
    void findsTheWordsInTheReferenceTitleResourcesAndUsers() {
        String byTitle = report("Quokkasearch ransomware note on a file share", List.of(), List.of());
        String byResource = report("Odd outbound traffic", List.of("/subscriptions/00000000-0000-0000-0000-000000000000"
                + "/resourceGroups/rg-search/providers/Microsoft.Compute/virtualMachines/vm-wombatsearch-01"), List.of());
        String byUser = report("Impossible travel", List.of(), List.of("numbat.searcher@contoso.com"));
        String literal = report("Disk 100% full on the numbatsearch host", List.of(), List.of());

        assertEquals(List.of(byTitle), found("QUOKKASEARCH"));
        assertEquals(List.of(byResource), found("wombatsearch"));
        assertEquals(List.of(byUser), found("numbat.searcher@"));
        assertTrue(found(byTitle).contains(byTitle), "the reference itself");
        assertEquals(List.of(literal), found("100% full"));
        assertTrue(found("1_0% full").isEmpty(), "_ and % are letters, not wildcards");
        assertTrue(found("no such words anywhere 7f3a").isEmpty());

        assertEquals(4, TestDatabase.number(SharedPortal.DB, "SELECT count(*) FROM pg_indexes WHERE indexname IN"
                + " ('ix_incident_reference_trgm', 'ix_incident_title_trgm', 'ix_incident_resource_trgm',"
                + " 'ix_incident_user_trgm')"));
    }

    /** The references the list shows for a search among all incidents. */
    private List<String> found(String words) {
        try (PortalClient rita = PortalClient.signedIn(base, RITA, PASSWORD)) {
            String table = rita.page("incidents/list.xhtml?state=all&q=" + URLEncoder.encode(words,
                    StandardCharsets.UTF_8)).getHtmlElementById("list:incidents").asNormalizedText();
            assertFalse(table.isEmpty());
            return java.util.regex.Pattern.compile("INC-\\d{4}-\\d{3,}").matcher(table).results()
                    .map(java.util.regex.MatchResult::group).distinct().toList();
        }
    }

    private String report(String title, List<String> resources, List<String> users) {
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P4\",\"detectedAt\":\""
                        + TestClock.now().minusSeconds(60) + "\",\"resources\":" + json(resources) + ",\"users\":"
                        + json(users) + "}");
        assertEquals(201, reported.statusCode(), reported.body());
        return TestJson.read(reported.body()).getString("reference");
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
