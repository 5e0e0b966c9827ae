package com.attest.platform.web;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Incidents;
import com.attest.testing.RawSession;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestDatabase;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an action says before it redirects waits in the database for the next page, whichever node serves it (the
 * two-node half is {@code ClusterIT}): shown once, to that person's session only, and never left lying about.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedirectMessagesIT {

    private static final String DB = SharedPortal.DB;
    private static final String LEAD = "rhea.redirects";
    private static final String OTHER = "otto.redirects";
    private static final Pattern REDIRECT = Pattern.compile("<redirect url=\"([^\"]+)\"");

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, LEAD, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, OTHER, PASSWORD, null, "COMPLIANCE_LEAD");
    }

    @Test
    void theMessageBeforeARedirectWaitsInTheDatabaseAndIsShownOnceToItsOwnSession() {
        RawSession lead = RawSession.signedIn(base, LEAD, PASSWORD);
        HttpResponse<String> filed = report(lead, "Redirect message: kept");
        Matcher redirect = REDIRECT.matcher(filed.body());
        assertTrue(redirect.find(), filed.body());
        String waiting = String.join("\n", filed.headers().allValues("Set-Cookie"));
        assertTrue(waiting.contains(RedirectMessages.WAITING + "=1;") && waiting.contains("HttpOnly")
                && waiting.contains("SameSite=Strict"), waiting);
        String ref = Incidents.referenceOf(DB, "Redirect message: kept");
        assertEquals(1, kept(ref), "kept in the database before the redirect is answered");

        // another session saying messages wait for it (a forged cookie) takes nothing, and is shown nothing
        RawSession other = RawSession.signedIn(base, OTHER, PASSWORD);
        other.cookie(RedirectMessages.WAITING, "1");
        HttpResponse<String> elsewhere = other.get("incidents/list.xhtml");
        assertEquals(200, elsewhere.statusCode());
        assertFalse(elsewhere.body().contains("reported."), "another session's message is not shown");
        assertTrue(String.join("\n", elsewhere.headers().allValues("Set-Cookie"))
                .contains(RedirectMessages.WAITING + "=1; Path=/; Max-Age=0"), "the hint is spent");
        assertEquals(1, kept(ref), "still waiting for its own session");

        // the page the redirect leads to shows it, and only it
        HttpResponse<String> next = lead.get(redirect.group(1).replace("&amp;", "&"));
        assertEquals(200, next.statusCode());
        assertTrue(next.body().contains("Incident " + ref + " reported."), next.body());
        assertTrue(String.join("\n", next.headers().allValues("Set-Cookie"))
                .contains(RedirectMessages.WAITING + "=1; Path=/; Max-Age=0"), "the cookie is removed");
        assertEquals(0, kept(ref), "taken");
        HttpResponse<String> again = lead.get("incidents/view.xhtml?ref=" + ref);
        assertFalse(again.body().contains("reported."), "shown once");
    }

    @Test
    void messagesNeverTakenAreRemovedAfterAnHour() {
        TestDatabase.execute(DB, "INSERT INTO redirect_message (session_key, severity, summary, kept_at) VALUES"
                + " (repeat('a', 64), 0, 'Left behind: old', clock_timestamp() - interval '61 minutes'),"
                + " (repeat('b', 64), 0, 'Left behind: recent', clock_timestamp() - interval '59 minutes')");
        report(RawSession.signedIn(base, LEAD, PASSWORD), "Redirect message: forgets the old");
        assertEquals(0, TestDatabase.number(DB,
                "SELECT count(*) FROM redirect_message WHERE summary = 'Left behind: old'"));
        assertEquals(1, TestDatabase.number(DB,
                "SELECT count(*) FROM redirect_message WHERE summary = 'Left behind: recent'"));
        TestDatabase.execute(DB, "DELETE FROM redirect_message WHERE summary LIKE 'Left behind: %'");
    }

    /** Reports an incident through the page's form, as its button's AJAX request does. */
    private static HttpResponse<String> report(RawSession session, String title) {
        String page = session.get("incidents/new.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", "incidentForm:report");
        form.put("jakarta.faces.partial.execute", "@all");
        form.put("jakarta.faces.partial.render", "incidentForm");
        form.put("incidentForm:report", "incidentForm:report");
        form.put("incidentForm", "incidentForm");
        form.put("incidentForm:title", title);
        form.put("incidentForm:category_input", "OTHER");
        form.put("incidentForm:severity_input", "P3");
        form.put("incidentForm:severityReason", "A drill");
        form.put("jakarta.faces.ViewState", RawSession.viewState(page));
        form.put("primefaces.nonce", RawSession.nonce(page));
        HttpResponse<String> answer = session.post("incidents/new.xhtml", form,
                Map.of("Origin", session.origin(), "Faces-Request", "partial/ajax"));
        assertEquals(200, answer.statusCode(), answer.body());
        return answer;
    }


    private static long kept(String ref) {
        return TestDatabase.number(DB, "SELECT count(*) FROM redirect_message WHERE summary LIKE '%" + ref + " %'");
    }
}
