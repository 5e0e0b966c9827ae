package com.attest.security;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
 * against the real WAR on Payara Micro and PostgreSQL. The accounts are this class's own (named *.security).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final String DB = SharedPortal.DB;
    private static final String LEAD = "lead.security";
    private static final String RESPONDER = "responder.security";
    private static final String AUDITOR = "auditor.security";
    private static final String EXPIRED_AUDITOR = "expired.auditor.security";
    private static final String LOCKER = "locker.security";
    private static final String KICKED = "kicked.security";
    private static final String RESET = "reset.meanwhile.security";
    private static final String DEMOTED = "demoted.security";
    private static final String FRESH = "fresh.security";
    private static final String GONE = "gone.security";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, LEAD, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, RESPONDER, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, AUDITOR, PASSWORD, TestClock.today().plusDays(30), "AUDITOR");
        // an auditor reads only while an engagement naming them is open
        long engagement = TestDatabase.number(DB, "INSERT INTO engagement (name, period_from, period_to, access_from,"
                + " access_to, created_by, created_at) VALUES ('Audit', " + TestClock.sqlToday() + " - 365, "
                + TestClock.sqlToday() + ", " + TestClock.sql() + " - interval '1 day', " + TestClock.sql()
                + " + interval '30 days', '" + LEAD + "', " + TestClock.sql() + ") RETURNING id");
        sql("INSERT INTO engagement_auditor (engagement_id, username) VALUES (" + engagement + ", '" + AUDITOR + "')");
        Accounts.create(DB, EXPIRED_AUDITOR, PASSWORD, TestClock.today().minusDays(1), "AUDITOR");
        Accounts.create(DB, LOCKER, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, KICKED, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, RESET, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, DEMOTED, PASSWORD, null, "COMPLIANCE_LEAD", "RESPONDER");
        long fresh = Accounts.create(DB, FRESH, PASSWORD, null, "RESPONDER");
        sql("UPDATE app_user SET must_change_password = TRUE WHERE id = " + fresh);
        long disabled = Accounts.create(DB, GONE, PASSWORD, null, "RESPONDER");
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

        String[] who = {null, LEAD, RESPONDER, AUDITOR};
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
        assertEquals(401, PortalClient.api(base, "api/audit/verify", FRESH, PASSWORD).statusCode());
        try (PortalClient client = new PortalClient(base)) {
            assertTrue(client.signIn(FRESH, PASSWORD).getUrl().getPath().endsWith("/account/password.xhtml"));
        }
    }

    @Test
    void apiTakesBasicCredentialsPerRole() {
        assertEquals(200, PortalClient.api(base, "api/audit/verify", LEAD, PASSWORD).statusCode());
        assertEquals(200, PortalClient.api(base, "api/audit/verify", AUDITOR, PASSWORD).statusCode());
        assertEquals(403, PortalClient.api(base, "api/audit/verify", RESPONDER, PASSWORD).statusCode());
        HttpResponse<String> wrong = PortalClient.api(base, "api/audit/verify", LEAD, "not-the-password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, PortalClient.api(base, "api/audit/verify", null, null).statusCode());
    }

    @Test
    void signInShowsHomeWithRoleNavigation() {
        long before = count("SELECT count(*) FROM audit_event WHERE action = 'auth.signed-in' AND actor = '" + LEAD + "'");
        try (PortalClient client = new PortalClient(base)) {
            HtmlPage home = client.signIn(LEAD.toUpperCase() + " ", PASSWORD);
            assertTrue(home.getUrl().getPath().endsWith("/"), home.getUrl().toString());
            assertTrue(home.asNormalizedText().contains("Welcome, " + LEAD + "."));
        }
        assertEquals(before + 1,
                count("SELECT count(*) FROM audit_event WHERE action = 'auth.signed-in' AND actor = '" + LEAD + "'"));
    }

    @Test
    void wrongUnknownBlankHugeAndHostileCredentialsAreRefusedPlainly() {
        try (PortalClient client = new PortalClient(base)) {
            String failed = "the username or password is not correct";
            assertTrue(client.signIn(RESPONDER, "wrong-password-123").asNormalizedText().contains(failed));
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
                assertTrue(client.signIn(LOCKER, "wrong-password-" + i).asNormalizedText()
                        .contains("the username or password is not correct"));
            }
            // the fifth locks the account, and says no more than the four before it
            assertTrue(client.signIn(LOCKER, "wrong-password-5").asNormalizedText()
                    .contains("the username or password is not correct"));
            // the right password does not get past the lock
            HtmlPage refused = client.signIn(LOCKER, PASSWORD);
            assertTrue(refused.asNormalizedText().contains("is locked"));
        }
        try (Connection c = TestDatabase.connect(DB);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT locked_until FROM app_user WHERE username = '" + LOCKER + "'")) {
            rs.next();
            Instant lockedUntil = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            Duration left = Duration.between(TestClock.now(), lockedUntil);
            assertTrue(left.compareTo(Duration.ofMinutes(14)) > 0 && left.compareTo(Duration.ofMinutes(15)) <= 0,
                    "locked for " + left);
        }
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'auth.account-locked'"
                + " AND actor = '" + LOCKER + "'"));

        // fifteen minutes later the lock lifts by itself
        sql("UPDATE app_user SET locked_until = " + TestClock.sql(TestClock.now().minusSeconds(1))
                + " WHERE username = '" + LOCKER + "'");
        try (PortalClient client = new PortalClient(base)) {
            assertFalse(client.signIn(LOCKER, PASSWORD).getUrl().getPath().endsWith("login.xhtml"));
        }
    }

    @Test
    void disabledAndExpiredAccountsAreRefused() {
        try (PortalClient client = new PortalClient(base)) {
            assertTrue(client.signIn(GONE, PASSWORD).asNormalizedText().contains("this account is disabled"));
            assertTrue(client.signIn(EXPIRED_AUDITOR, PASSWORD).asNormalizedText()
                    .contains("access period has ended"));
        }
        assertEquals(401, PortalClient.api(base, "api/audit/verify", EXPIRED_AUDITOR, PASSWORD).statusCode());
    }

    @Test
    void anOpenSessionEndsWhenTheAccountIsDisabledDemotedOrItsPasswordReset() {
        try (PortalClient kicked = PortalClient.signedIn(base, KICKED, PASSWORD);
             PortalClient reset = PortalClient.signedIn(base, RESET, PASSWORD);
             PortalClient demoted = PortalClient.signedIn(base, DEMOTED, PASSWORD)) {
            assertEquals(200, kicked.raw("index.xhtml").getStatusCode());
            assertEquals(200, reset.raw("index.xhtml").getStatusCode());
            assertEquals(200, demoted.raw("admin/users.xhtml").getStatusCode());
            sql("UPDATE app_user SET enabled = FALSE WHERE username = '" + KICKED + "'");
            sql("UPDATE app_user SET password_changed_at = " + TestClock.sql() + " WHERE username = '" + RESET + "'");
            sql("DELETE FROM app_user_role WHERE role = 'COMPLIANCE_LEAD'"
                    + " AND user_id = (SELECT id FROM app_user WHERE username = '" + DEMOTED + "')");
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
        try (PortalClient client = PortalClient.signedIn(base, LEAD, PASSWORD)) {
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
        assertEquals(0, count("SELECT count(*) FROM audit_event WHERE action = 'user.password-changed'"
                + " AND entity_id = (SELECT id::text FROM app_user WHERE username = '" + LEAD + "')"));
    }

    @Test
    void errorPagesShowNoStackTrace() {
        try (PortalClient client = PortalClient.signedIn(base, RESPONDER, PASSWORD)) {
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
