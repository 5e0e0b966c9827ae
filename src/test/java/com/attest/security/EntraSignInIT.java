package com.attest.security;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.FakeEntra;
import com.attest.testing.RawSession;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in with Microsoft Entra ID against a real OpenID Connect provider in the test JVM ({@link FakeEntra}): the
 * portal's redirect, the provider's code, the portal's callback, as a browser follows them. Accounts made and kept to
 * the token's app roles, guests as auditors, and every way a sign-in can be forged or go stale refused with nothing
 * made. The people are this class's own (named *.entra).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EntraSignInIT {

    private static final String DB = SharedPortal.DB;
    private static final String TAKEN = "taken.entra";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void localAccount() {
        Accounts.create(DB, TAKEN, PASSWORD, null, "RESPONDER");
    }

    /** How a sign-in through Entra ID ended: the callback's answer, in the browser that made it. */
    private record Ending(RawSession browser, HttpResponse<String> callback) {

        boolean signedIn() {
            return callback.statusCode() == 200 && callback.body().contains("Signed in.");
        }

        /** The reason the sign-in page is given, or "" when it was not sent back there. */
        String refusal() {
            String to = callback.headers().firstValue("Location").orElse("");
            int at = to.indexOf("signin=");
            return at < 0 ? "" : to.substring(at + 7);
        }
    }

    private Ending signIn(RawSession browser, UnaryOperator<String> tamper) {
        HttpResponse<String> start = browser.get("signin/entra");
        assertEquals(302, start.statusCode(), start.body());
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertTrue(authorize.startsWith(SharedPortal.entraSignIn().issuer() + "/authorize?"), authorize);
        for (String part : List.of("response_type=code", "code_challenge_method=S256", "code_challenge=", "state=",
                "nonce=", "client_id=" + FakeEntra.CLIENT_ID)) {
            assertTrue(authorize.contains(part), part + " in " + authorize);
        }
        HttpResponse<String> provider = browser.get(tamper.apply(authorize));
        assertEquals(302, provider.statusCode(), provider.body());
        String callback = provider.headers().firstValue("Location").orElseThrow();
        return new Ending(browser, browser.get(callback));
    }

    private Ending signIn(RawSession browser) {
        return signIn(browser, UnaryOperator.identity());
    }

    @Test
    void eachAppRoleSignsInAsItsRoleWithTheAccountMadeAtFirstSignInAndAudited() {
        FakeEntra entra = SharedPortal.entraSignIn();
        long made = count("SELECT count(*) FROM audit_event WHERE action = 'user.created-from-entra'");
        entra.next("0b1e-lead", "lena.entra@contoso.com", "Lena Lead", List.of(FakeEntra.LEAD));
        Ending lead = signIn(new RawSession(base));
        assertTrue(lead.signedIn(), lead.callback().statusCode() + " " + lead.callback().headers().map());
        assertEquals(200, lead.browser().get("admin/users.xhtml").statusCode(), "the lead administers");
        assertTrue(lead.browser().get("admin/users.xhtml").body().contains("lena.entra@contoso.com"));

        entra.next("0b1e-resp", "rick.entra@contoso.com", "Rick Responder", List.of(FakeEntra.RESPONDER, "Other"));
        Ending responder = signIn(new RawSession(base));
        assertTrue(responder.signedIn());
        assertEquals(200, responder.browser().get("incidents/list.xhtml").statusCode());
        assertEquals(403, responder.browser().get("admin/users.xhtml").statusCode(), "a responder does not");

        assertEquals(List.of("COMPLIANCE_LEAD"), TestDatabase.texts(DB, "SELECT r.role FROM app_user_role r JOIN"
                + " app_user u ON u.id = r.user_id WHERE u.username = 'lena.entra@contoso.com'"));
        assertEquals(List.of("RESPONDER"), TestDatabase.texts(DB, "SELECT r.role FROM app_user_role r JOIN"
                + " app_user u ON u.id = r.user_id WHERE u.username = 'rick.entra@contoso.com'"));
        assertEquals(List.of(FakeEntra.TENANT + " 0b1e-resp Rick Responder"), TestDatabase.texts(DB,
                "SELECT entra_tenant_id || ' ' || entra_object_id || ' ' || display_name FROM app_user"
                        + " WHERE username = 'rick.entra@contoso.com' AND password_hash IS NULL"));
        assertEquals(made + 2, count("SELECT count(*) FROM audit_event WHERE action = 'user.created-from-entra'"));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'auth.signed-in' AND actor ="
                + " 'rick.entra@contoso.com' AND after_state LIKE '%Entra ID%'"));
    }

    @Test
    void rolesFollowTheTokenAtEverySignInAndARemovedRoleEndsTheOpenSessions() {
        FakeEntra entra = SharedPortal.entraSignIn();
        entra.next("0b1e-both", "bo.entra@contoso.com", "Bo", List.of(FakeEntra.LEAD, FakeEntra.RESPONDER));
        Ending first = signIn(new RawSession(base));
        assertTrue(first.signedIn());
        assertEquals(200, first.browser().get("admin/users.xhtml").statusCode());

        // the lead role is taken away in Entra ID; Bo signs in again elsewhere
        entra.next("0b1e-both", "bo.entra@contoso.com", "Bo Responder", List.of(FakeEntra.RESPONDER));
        Ending second = signIn(new RawSession(base));
        assertTrue(second.signedIn());
        assertEquals(403, second.browser().get("admin/users.xhtml").statusCode());
        HttpResponse<String> old = first.browser().get("incidents/list.xhtml");
        assertEquals(302, old.statusCode(), "the session that held the lead role has ended");
        assertTrue(old.headers().firstValue("Location").orElse("").endsWith("/login.xhtml"));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'user.updated-from-entra' AND"
                + " actor = 'bo.entra@contoso.com' AND after_state LIKE '%\"roles\":[\"RESPONDER\"]%'"
                + " AND after_state LIKE '%Bo Responder%'"));
    }

    @Test
    void aGuestAuditorIsAnAuditorUnderTheSameExpiryAndEngagementRules() {
        FakeEntra entra = SharedPortal.entraSignIn();
        entra.next("0b1e-guest", "alex@fabrikam.com", "Alex Auditor (Fabrikam)", List.of(FakeEntra.AUDITOR),
                Map.of("idp", "https://sts.windows.net/fabrikam-tenant/", "acct", 1, "amr", List.of("mfa")), 3600);
        Ending guest = signIn(new RawSession(base));
        assertTrue(guest.signedIn());
        assertEquals(List.of(TestClock.today().toString()), TestDatabase.texts(DB,
                "SELECT access_until::text FROM app_user WHERE username = 'alex@fabrikam.com'"),
                "like every auditor, access ends on a date: today, until the lead extends it");
        HttpResponse<String> home = guest.browser().get("");
        assertTrue(home.headers().firstValue("Location").orElse("").endsWith("/engagements/ended.xhtml"),
                "nothing is open to a new auditor");
        assertEquals(403, guest.browser().get("api/incidents").statusCode());

        // the lead names the guest in an engagement and extends the access
        TestDatabase.execute(DB, "UPDATE app_user SET access_until = DATE '" + TestClock.today().plusDays(20)
                + "' WHERE username = 'alex@fabrikam.com'");
        long engagement = TestDatabase.number(DB, "INSERT INTO engagement (name, period_from, period_to, access_from,"
                + " access_to, created_by, created_at) VALUES ('Guest audit', DATE '2002-01-01', DATE '2002-12-31', "
                + TestClock.sql() + " - interval '1 day', " + TestClock.sql() + " + interval '20 days', 'admin', "
                + TestClock.sql() + ") RETURNING id");
        TestDatabase.execute(DB, "INSERT INTO engagement_auditor (engagement_id, username) VALUES (" + engagement
                + ", 'alex@fabrikam.com')");
        assertEquals(200, guest.browser().get("engagements/list.xhtml").statusCode());
        assertEquals(403, guest.browser().get("admin/users.xhtml").statusCode(), "and never more than an auditor");
    }

    @Test
    void aTokenForAnotherAudienceExpiredWithAnotherNonceWithoutARoleOrASecondFactorSignsNobodyIn() {
        FakeEntra entra = SharedPortal.entraSignIn();
        long failures = count("SELECT count(*) FROM audit_event WHERE action = 'auth.sign-in-failed'"
                + " AND after_state LIKE '%Entra ID%'");
        entra.next("0b1e-aud", "aud.entra@contoso.com", "Aud", List.of(FakeEntra.LEAD), Map.of("aud", "another-app"),
                3600);
        assertEquals("token", signIn(new RawSession(base)).refusal(), "another application's token");

        entra.next("0b1e-exp", "exp.entra@contoso.com", "Exp", List.of(FakeEntra.LEAD), Map.of(), -300);
        assertEquals("token", signIn(new RawSession(base)).refusal(), "an expired token");

        entra.next("0b1e-nonce", "nonce.entra@contoso.com", "Nonce", List.of(FakeEntra.LEAD));
        assertEquals("token", signIn(new RawSession(base), url -> url.replaceAll("nonce=[^&]+", "nonce=replayed"))
                .refusal(), "a token minted for another sign-in's nonce");

        entra.next("0b1e-iss", "iss.entra@contoso.com", "Iss", List.of(FakeEntra.LEAD),
                Map.of("iss", "https://login.microsoftonline.com/other-tenant/v2.0"), 3600);
        assertEquals("token", signIn(new RawSession(base)).refusal(), "another issuer");

        entra.next("0b1e-none", "none.entra@contoso.com", "None", List.of("Attest.Reader"));
        assertEquals("no-role", signIn(new RawSession(base)).refusal());

        entra.next("0b1e-pwd", "pwd.entra@contoso.com", "Pwd", List.of(FakeEntra.LEAD), Map.of("amr", List.of("pwd")),
                3600);
        assertEquals("mfa", signIn(new RawSession(base)).refusal(), "a password alone is not enough here");

        assertEquals(0, count("SELECT count(*) FROM app_user WHERE username LIKE '%.entra@contoso.com' AND"
                + " entra_object_id IN ('0b1e-aud', '0b1e-exp', '0b1e-nonce', '0b1e-iss', '0b1e-none', '0b1e-pwd')"));
        assertEquals(failures + 6, count("SELECT count(*) FROM audit_event WHERE action = 'auth.sign-in-failed'"
                + " AND after_state LIKE '%Entra ID%'"), "each refusal is in the trail");
        HttpResponse<String> page = new RawSession(base).get("login.xhtml?signin=mfa");
        assertTrue(page.body().contains("Attest requires multi-factor authentication"), "the page says why");
    }

    @Test
    void aCallbackIsGoodOnceOnlyInTheBrowserThatBeganItAndNeverWithAStateOfItsOwn() {
        // no token is queued: none of these callbacks may get as far as redeeming its code
        RawSession browser = new RawSession(base);
        HttpResponse<String> start = browser.get("signin/entra");
        String callback = browser.get(start.headers().firstValue("Location").orElseThrow()).headers()
                .firstValue("Location").orElseThrow();

        // the code and state, carried to another browser (a login-CSRF or a stolen link): refused, and spent
        HttpResponse<String> elsewhere = new RawSession(base).get(callback);
        assertTrue(elsewhere.headers().firstValue("Location").orElse("").endsWith("signin=stale"),
                elsewhere.headers().map().toString());
        HttpResponse<String> again = browser.get(callback);
        assertTrue(again.headers().firstValue("Location").orElse("").endsWith("signin=stale"), "a state is good once");
        HttpResponse<String> invented = browser.get("signin/entra/callback?code=abc&state=made-up");
        assertTrue(invented.headers().firstValue("Location").orElse("").endsWith("signin=stale"));
        assertEquals(0, count("SELECT count(*) FROM app_user WHERE username = 'once.entra@contoso.com'"));
        assertEquals(302, browser.get("incidents/list.xhtml").statusCode(), "nobody is signed in");
    }

    @Test
    void aLocalAccountsUsernameIsNotTakenOverAndAnEntraAccountHasNoPasswordHere() {
        FakeEntra entra = SharedPortal.entraSignIn();
        entra.next("0b1e-taken", TAKEN, "Someone Else", List.of(FakeEntra.LEAD));
        assertEquals("username", signIn(new RawSession(base)).refusal());
        assertEquals(List.of("RESPONDER"), TestDatabase.texts(DB, "SELECT r.role FROM app_user_role r JOIN app_user u"
                + " ON u.id = r.user_id WHERE u.username = '" + TAKEN + "'"), "the local account is as it was");

        entra.next("0b1e-nopw", "nopw.entra@contoso.com", "No Password", List.of(FakeEntra.RESPONDER));
        Ending made = signIn(new RawSession(base));
        assertTrue(made.signedIn());
        RawSession local = new RawSession(base);
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> refused = local.signIn("nopw.entra@contoso.com", "any-password-" + i);
            assertTrue(refused.statusCode() == 200 && refused.body().contains("not correct")
                    || refused.headers().firstValue("Location").orElse("").contains("login.xhtml"),
                    "a password is never accepted for an Entra ID account");
        }
        assertEquals(0, count("SELECT count(*) FROM app_user WHERE username = 'nopw.entra@contoso.com'"
                + " AND locked_until IS NOT NULL"), "nor does guessing lock it");
        entra.next("0b1e-nopw", "nopw.entra@contoso.com", "No Password", List.of(FakeEntra.RESPONDER));
        assertTrue(signIn(new RawSession(base)).signedIn(), "Entra ID still signs them in");
    }

    @Test
    void signingOutEndsThePortalSessionAndSendsTheBrowserToEntraIdToSignOutThere() {
        FakeEntra entra = SharedPortal.entraSignIn();
        entra.next("0b1e-out", "out.entra@contoso.com", "Out", List.of(FakeEntra.RESPONDER));
        Ending in = signIn(new RawSession(base));
        assertTrue(in.signedIn());
        String home = in.browser().get("index.xhtml").body();
        assertFalse(home.contains("nav:password"), "no password of theirs to change here");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("nav", "nav");
        form.put("nav:signOut", "");
        form.put("jakarta.faces.ViewState", RawSession.viewState(home));
        form.put("primefaces.nonce", RawSession.nonce(home));
        HttpResponse<String> out = in.browser().post("index.xhtml", form, Map.of("Origin", in.browser().origin()));
        // a page that moves on to Entra ID's sign-out (a form may not redirect to another origin: form-action 'self')
        assertEquals(200, out.statusCode(), out.body());
        java.util.regex.Matcher refresh = java.util.regex.Pattern.compile("url=([^\"]+)\"").matcher(out.body());
        assertTrue(refresh.find(), out.body());
        String to = refresh.group(1).replace("&amp;", "&");
        assertTrue(to.startsWith(entra.issuer() + "/endsession?") && to.contains("post_logout_redirect_uri=")
                && to.contains("id_token_hint="), to);
        assertEquals(302, in.browser().get("incidents/list.xhtml").statusCode(), "the portal session has ended");
    }

    private static long count(String query) {
        return TestDatabase.number(DB, query);
    }
}
