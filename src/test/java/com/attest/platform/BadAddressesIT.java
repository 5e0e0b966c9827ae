package com.attest.platform;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Every page and endpoint that names a record in its address, asked with ids that name nothing — not a number,
 * negative, too big for a number, a path, missing — answers "not found" (404, or 400 from the API), never the
 * error page of a failure (500). A compliance lead asks, who may open every page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadAddressesIT {

    private static final String LEAD = "lena.addresses";
    private static final List<String> BAD = List.of("abc", "-1", "99999999999999999999", "../x", "", "1.5", "%00");

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(SharedPortal.DB, LEAD, PASSWORD, null, "COMPLIANCE_LEAD");
    }

    /** A page's address with {@code %s} where the bad id goes. */
    private static final List<String> RECORD_PAGES = List.of(
            "incidents/view.xhtml?ref=%s",
            "incidents/run.xhtml?id=%s",
            "incidents/payload.xhtml?id=%s",
            "incidents/action.xhtml?ref=%s&item=contain-1",
            "pirs/view.xhtml?id=%s",
            "exercises/view.xhtml?id=%s",
            "engagements/view.xhtml?id=%s",
            "engagements/incident.xhtml?engagement=%s&ref=INC-2026-001",
            "controls/control.xhtml?id=%s",
            "notices/notice.xhtml?id=%s",
            "evidence/item.xhtml?id=%s",
            "runbooks/view.xhtml?doc=%s",
            "runbooks/edit.xhtml?doc=%s");

    /** Lists and filters: a parameter they cannot read shows the page or "not found", never a failure. */
    private static final List<String> FILTER_PAGES = List.of(
            "incidents/list.xhtml?first=%s",
            "incidents/list.xhtml?severity=%s",
            "incidents/list.xhtml?from=%s",
            "controls/overview.xhtml?from=%s",
            "controls/control.xhtml?id=CC7.3&to=%s",
            "runbooks/view.xhtml?doc=incident-response-runbook&v=%s",
            "audit/trail.xhtml?first=%s");

    private static final List<String> API = List.of(
            "api/pirs/%s", "api/pirs/%s/pdf", "api/exercises/%s", "api/exercises/1/attachments/%s",
            "api/engagements/%s", "api/engagements/%s/population.csv", "api/engagements/%s/population.json",
            "api/engagements/1/samples/%s", "api/packs/%s", "api/packs/%s/pdf", "api/packs/%s/zip",
            "api/action-runs/%s", "api/action-runs/%s/result", "api/alert-payloads/%s", "api/evidence/items/%s",
            "api/incidents/%s", "api/incidents/%s/runbook", "api/incidents/INC-2026-001/attachments/%s",
            "api/pirs/incident/%s", "api/controls/%s", "api/documents/%s", "api/evidence/azure-collections/%s/pages",
            "api/sentinel/%s/incidents");

    @Test
    void everyPageNamingARecordAnswersNotFoundForAnIdThatNamesNothing() {
        List<String> wrong = new ArrayList<>();
        try (PortalClient lead = PortalClient.signedIn(base, LEAD, PASSWORD)) {
            for (String page : RECORD_PAGES) {
                for (String id : BAD) {
                    String path = page.formatted(encode(id));
                    org.htmlunit.WebResponse answer = lead.raw(path);
                    int status = answer.getStatusCode();
                    if (status != 404 && !refusedByTheServer(id, status)) {
                        wrong.add(path + " → " + status + " " + String.valueOf(answer.getResponseHeaderValue("Location")));
                    }
                }
            }
            for (String page : FILTER_PAGES) {
                for (String id : BAD) {
                    String path = page.formatted(encode(id));
                    int status = lead.raw(path).getStatusCode();
                    if (status != 200 && status != 404 && !refusedByTheServer(id, status)) {
                        wrong.add(path + " → " + status);
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), "pages that did not answer 404:\n" + String.join("\n", wrong));
    }

    @Test
    void everyEndpointNamingARecordAnswersAJsonNotFoundOrBadRequest() {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : API) {
            for (String id : BAD) {
                if (id.isEmpty() || id.equals("../x")) {
                    continue; // another address altogether, answered by its own resource or none
                }
                String path = endpoint.formatted(encode(id));
                HttpResponse<String> answer = PortalClient.api(base, path, LEAD, PASSWORD);
                boolean json = answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
                if (refusedByTheServer(id, answer.statusCode())) {
                    continue;
                }
                if ((answer.statusCode() != 404 && answer.statusCode() != 400) || !json) {
                    wrong.add(path + " → " + answer.statusCode() + " " + answer.headers()
                            .firstValue("Content-Type").orElse("?"));
                }
            }
        }
        assertTrue(wrong.isEmpty(), "endpoints that did not answer 404/400 JSON:\n" + String.join("\n", wrong));
    }

    /** A NUL byte in an address is refused by the HTTP server itself (400), before the portal sees the request. */
    private static boolean refusedByTheServer(String id, int status) {
        return id.equals("%00") && status == 400;
    }

    private static String encode(String id) {
        return id.equals("%00") ? id : URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
