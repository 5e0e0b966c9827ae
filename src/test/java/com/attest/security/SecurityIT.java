package com.attest.security;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Sign-in, lockout, account states, roles by URL, security headers, view-state protection and error pages,
 * against the real WAR on Payara Micro and PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final String DB = "security_it";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portal(DB);
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, "lead", PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, "responder", PASSWORD, null, "RESPONDER");
        Accounts.create(DB, "auditor", PASSWORD, LocalDate.now().plusDays(30), "AUDITOR");
        // an auditor reads only while an engagement naming them is open
        sql("INSERT INTO engagement (name, period_from, period_to, access_from, access_to, created_by, created_at)"
                + " VALUES ('Audit', current_date - 365, current_date, now() - interval '1 day',"
                + " now() + interval '30 days', 'lead', now())");
        sql("INSERT INTO engagement_auditor (engagement_id, username) SELECT id, 'auditor' FROM engagement");
        Accounts.create(DB, "expired.auditor", PASSWORD, LocalDate.now().minusDays(1), "AUDITOR");
        Accounts.create(DB, "locker", PASSWORD, null, "RESPONDER");
        Accounts.create(DB, "kicked", PASSWORD, null, "RESPONDER");
        Accounts.create(DB, "reset.meanwhile", PASSWORD, null, "RESPONDER");
        Accounts.create(DB, "demoted", PASSWORD, null, "COMPLIANCE_LEAD", "RESPONDER");
        long fresh = Accounts.create(DB, "fresh", PASSWORD, null, "RESPONDER");
        sql("UPDATE app_user SET must_change_password = TRUE WHERE id = " + fresh);
        long disabled = Accounts.create(DB, "gone", PASSWORD, null, "RESPONDER");
        sql("UPDATE app_user SET enabled = FALSE WHERE id = " + disabled);
    }

    /** Each protected page and endpoint, each role, the expected status. */
    @Test
    void rolesByUrl() {
        Map<String, int[]> expected = new java.util.LinkedHashMap<>();
        //                                   anonymous lead responder auditor
        // an auditor's home is their engagements (302 there); the whole audit trail spans every period (403)
        expected.put("", new int[]{302, 200, 200, 302});
        expected.put("index.xhtml", new int[]{302, 200, 200, 302});
        expected.put("engagements/list.xhtml", new int[]{302, 200, 403, 200});
        expected.put("account/password.xhtml", new int[]{302, 200, 200, 200});
        expected.put("admin/users.xhtml", new int[]{302, 200, 403, 403});
        expected.put("audit/trail.xhtml", new int[]{302, 200, 403, 403});
        expected.put("api/audit/verify", new int[]{401, 200, 403, 200});
        expected.put("login.xhtml", new int[]{200, 200, 200, 200});
        // within an open engagement an auditor reads the incidents (narrowed to its period), runbooks and control
        // health; approvals, like every page that writes, are not theirs
        expected.put("incidents/list.xhtml", new int[]{302, 200, 200, 200});
        expected.put("runbooks/list.xhtml", new int[]{302, 200, 200, 200});
        expected.put("controls/overview.xhtml", new int[]{302, 200, 403, 200});
        expected.put("actions/approvals.xhtml", new int[]{302, 200, 200, 403});
        // an auditor is refused any page outside theirs, whether it exists or not
        expected.put("no-such-page.xhtml", new int[]{302, 404, 404, 403});

        String[] who = {null, "lead", "responder", "auditor"};
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < who.length; i++) {
            try (PortalClient client = who[i] == null ? new PortalClient(base)
                    : PortalClient.signedIn(base, who[i], PASSWORD)) {
                for (Map.Entry<String, int[]> row : expected.entrySet()) {
                    int status = client.raw(row.getKey()).getStatusCode();
                    int want = row.getValue()[i];
                    String label = (who[i] == null ? "anonymous" : who[i]) + " GET /" + row.getKey();
                    checks.add(() -> assertEquals(want, status, label));
                }
            }
        }
        assertAll(checks);
    }

    @Test
    void aFirstPasswordOpensNothingThroughTheApiBeforeItIsChanged() {
        assertEquals(401, PortalClient.api(base, "api/audit/verify", "fresh", PASSWORD).statusCode());
        try (PortalClient client = new PortalClient(base)) {
            assertTrue(client.signIn("fresh", PASSWORD).getUrl().getPath().endsWith("/account/password.xhtml"));
        }
    }

    @Test
    void apiTakesBasicCredentialsPerRole() {
        assertEquals(200, PortalClient.api(base, "api/audit/verify", "lead", PASSWORD).statusCode());
        assertEquals(200, PortalClient.api(base, "api/audit/verify", "auditor", PASSWORD).statusCode());
        assertEquals(403, PortalClient.api(base, "api/audit/verify", "responder", PASSWORD).statusCode());
        HttpResponse<String> wrong = PortalClient.api(base, "api/audit/verify", "lead", "not-the-password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, PortalClient.api(base, "api/audit/verify", null, null).statusCode());
    }

    @Test
    void signInShowsHomeWithRoleNavigation() {
        long before = count("SELECT count(*) FROM audit_event WHERE action = 'auth.signed-in' AND actor = 'lead'");
        try (PortalClient client = new PortalClient(base)) {
            HtmlPage home = client.signIn("LEAD ", PASSWORD);
            assertTrue(home.getUrl().getPath().endsWith("/"), home.getUrl().toString());
            assertTrue(home.asNormalizedText().contains("Welcome, lead."));
        }
        assertEquals(before + 1,
                count("SELECT count(*) FROM audit_event WHERE action = 'auth.signed-in' AND actor = 'lead'"));
    }

    @Test
    void wrongUnknownBlankHugeAndHostileCredentialsAreRefusedPlainly() {
        try (PortalClient client = new PortalClient(base)) {
            String failed = "the username or password is not correct";
            assertTrue(client.signIn("responder", "wrong-password-123").asNormalizedText().contains(failed));
            assertTrue(client.signIn("nobody", PASSWORD).asNormalizedText().contains(failed));
            assertTrue(client.signIn("' OR '1'='1' --", "' OR '1'='1' --").asNormalizedText().contains(failed));
            assertTrue(client.signIn("<script>alert(1)</script>", "x").asNormalizedText().contains(failed));

            HtmlPage blank = client.signIn("", "");
            assertTrue(blank.asNormalizedText().contains("Username: a value is required."),
                    blank.asNormalizedText());
            assertTrue(blank.asNormalizedText().contains("Password: a value is required."));

            HtmlPage huge = client.signIn("u".repeat(10_000), "p".repeat(10_000));
            assertEquals(200, huge.getWebResponse().getStatusCode());
            assertFalse(huge.asNormalizedText().contains("Exception"));
        }
        assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'auth.sign-in-failed'"
                + " AND after_state LIKE '%malformed credentials%'") >= 1, "the oversized attempt is audited");
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutes() throws SQLException {
        try (PortalClient client = new PortalClient(base)) {
            for (int i = 1; i <= 4; i++) {
                assertTrue(client.signIn("locker", "wrong-password-" + i).asNormalizedText()
                        .contains("the username or password is not correct"));
            }
            assertTrue(client.signIn("locker", "wrong-password-5").asNormalizedText().contains("is locked"));
            // the right password does not get past the lock
            HtmlPage refused = client.signIn("locker", PASSWORD);
            assertTrue(refused.asNormalizedText().contains("is locked"));
        }
        try (Connection c = TestDatabase.connect(DB);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT locked_until FROM app_user WHERE username = 'locker'")) {
            rs.next();
            Instant lockedUntil = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            Duration left = Duration.between(Instant.now(), lockedUntil);
            assertTrue(left.compareTo(Duration.ofMinutes(14)) > 0 && left.compareTo(Duration.ofMinutes(15)) <= 0,
                    "locked for " + left);
        }
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'auth.account-locked'"));

        // fifteen minutes later the lock lifts by itself
        sql("UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = 'locker'");
        try (PortalClient client = new PortalClient(base)) {
            assertFalse(client.signIn("locker", PASSWORD).getUrl().getPath().endsWith("login.xhtml"));
        }
    }

    @Test
    void disabledAndExpiredAccountsAreRefused() {
        try (PortalClient client = new PortalClient(base)) {
            assertTrue(client.signIn("gone", PASSWORD).asNormalizedText().contains("this account is disabled"));
            assertTrue(client.signIn("expired.auditor", PASSWORD).asNormalizedText()
                    .contains("access period has ended"));
        }
        assertEquals(401, PortalClient.api(base, "api/audit/verify", "expired.auditor", PASSWORD).statusCode());
    }

    @Test
    void anOpenSessionEndsWhenTheAccountIsDisabledDemotedOrItsPasswordReset() {
        try (PortalClient kicked = PortalClient.signedIn(base, "kicked", PASSWORD);
             PortalClient reset = PortalClient.signedIn(base, "reset.meanwhile", PASSWORD);
             PortalClient demoted = PortalClient.signedIn(base, "demoted", PASSWORD)) {
            assertEquals(200, kicked.raw("index.xhtml").getStatusCode());
            assertEquals(200, reset.raw("index.xhtml").getStatusCode());
            assertEquals(200, demoted.raw("admin/users.xhtml").getStatusCode());
            sql("UPDATE app_user SET enabled = FALSE WHERE username = 'kicked'");
            sql("UPDATE app_user SET password_changed_at = now() WHERE username = 'reset.meanwhile'");
            sql("DELETE FROM app_user_role WHERE role = 'COMPLIANCE_LEAD'"
                    + " AND user_id = (SELECT id FROM app_user WHERE username = 'demoted')");
            for (PortalClient client : List.of(kicked, reset, demoted)) {
                WebResponse next = client.raw("index.xhtml");
                assertEquals(302, next.getStatusCode());
                assertTrue(next.getResponseHeaderValue("Location").endsWith("/login.xhtml"));
            }
        }
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndTheSessionCookieIsLockedDown() {
        try (PortalClient client = new PortalClient(base)) {
            for (String path : List.of("login.xhtml", "", "api/audit/verify", "no-such-thing")) {
                WebResponse response = client.raw(path);
                String label = "/" + path + " (" + response.getStatusCode() + ")";
                assertEquals("nosniff", response.getResponseHeaderValue("X-Content-Type-Options"), label);
                assertEquals("DENY", response.getResponseHeaderValue("X-Frame-Options"), label);
                assertEquals("same-origin", response.getResponseHeaderValue("Referrer-Policy"), label);
            }
        }
        try (PortalClient fresh = new PortalClient(base)) {
            WebResponse login = fresh.raw("login.xhtml");
            String csp = login.getResponseHeaderValue("Content-Security-Policy");
            assertNotNull(csp);
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"), csp);
            String cookie = login.getResponseHeaderValue("Set-Cookie");
            assertNotNull(cookie, "a session cookie is set on the sign-in page");
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.toLowerCase().contains("samesite=strict"), cookie);
        }
    }

    @Test
    void aFormPostWithoutGenuineViewStateChangesNothing() throws Exception {
        try (PortalClient client = PortalClient.signedIn(base, "lead", PASSWORD)) {
            org.htmlunit.WebRequest post = new org.htmlunit.WebRequest(new URL(base, "account/password.xhtml"),
                    org.htmlunit.HttpMethod.POST);
            post.setRequestParameters(List.of(
                    new org.htmlunit.util.NameValuePair("passwordForm", "passwordForm"),
                    new org.htmlunit.util.NameValuePair("passwordForm:current", PASSWORD),
                    new org.htmlunit.util.NameValuePair("passwordForm:password", "forged-new-password-1"),
                    new org.htmlunit.util.NameValuePair("passwordForm:confirmation", "forged-new-password-1"),
                    new org.htmlunit.util.NameValuePair("passwordForm:change", ""),
                    new org.htmlunit.util.NameValuePair("jakarta.faces.ViewState", "123:456")));
            String body = client.web().getPage(post).getWebResponse().getContentAsString();
            assertTrue(body.contains("Page expired"), body);
            assertFalse(body.contains(".java:") || body.contains("Caused by"), "no stack trace");
        }
        assertEquals(0, count("SELECT count(*) FROM audit_event WHERE action = 'user.password-changed'"));
    }

    @Test
    void errorPagesShowNoStackTrace() {
        try (PortalClient client = PortalClient.signedIn(base, "responder", PASSWORD)) {
            HtmlPage notFound = (HtmlPage) client.get("no-such-page.xhtml");
            assertEquals(404, notFound.getWebResponse().getStatusCode());
            assertTrue(notFound.asNormalizedText().contains("There is no page at this address."));
            HtmlPage forbidden = (HtmlPage) client.get("admin/users.xhtml");
            assertEquals(403, forbidden.getWebResponse().getStatusCode());
            assertTrue(forbidden.asNormalizedText().contains("Your role does not give access to this page."));
            assertFalse(forbidden.asNormalizedText().contains("Exception"));
        }
    }

    private static long count(String query) {
        return TestDatabase.number(DB, query);
    }

    private static void sql(String statement) {
        TestDatabase.execute(DB, statement);
    }
}
