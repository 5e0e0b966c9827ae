package com.attest.security;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.PortalClient;
import com.attest.testing.RawSession;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import com.attest.testing.Wait;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlInput;
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
 * What a careful attacker tried against the running portal, each answered: forged view states, foreign origins,
 * CORS-simple uploads, guessing passwords (per account, per unknown name, per client address), malformed API calls,
 * the server's own endpoints, the first sign-in of an auditor with nothing open, forwarded headers. Every refusal is
 * checked to have written nothing. The people are this class's own (named *.defences).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalDefencesIT {

    private static final String DB = SharedPortal.DB;
    private static final String LEAD = "lead.defences";
    private static final String OTHER_LEAD = "lead2.defences";
    private static final String RESPONDER = "rita.defences";
    private static final String AUDITOR = "ann.defences";
    private static final String LOCKED = "locked.defences";
    private static final String FIRST_TIMER = "new.auditor.defences";
    private static final String EVIL = "http://evil.example";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void people() {
        Accounts.create(DB, LEAD, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, OTHER_LEAD, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, RESPONDER, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, LOCKED, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, AUDITOR, PASSWORD, TestClock.today().plusDays(30), "AUDITOR");
        long engagement = TestDatabase.number(DB, "INSERT INTO engagement (name, period_from, period_to, access_from,"
                + " access_to, created_by, created_at) VALUES ('Defences audit', DATE '2001-01-01', DATE '2001-12-31', "
                + TestClock.sql() + " - interval '1 day', " + TestClock.sql() + " + interval '30 days', '" + LEAD
                + "', " + TestClock.sql() + ") RETURNING id");
        TestDatabase.execute(DB, "INSERT INTO engagement_auditor (engagement_id, username) VALUES (" + engagement
                + ", '" + AUDITOR + "')");
        long first = Accounts.create(DB, FIRST_TIMER, PASSWORD, TestClock.today().plusDays(30), "AUDITOR");
        TestDatabase.execute(DB, "UPDATE app_user SET must_change_password = TRUE WHERE id = " + first);
    }

    @Test
    void aForgedEmptyOrForeignViewStateCreatesNoAccountOnAjaxOrFullPostbacks() {
        RawSession lead = RawSession.signedIn(base, LEAD, PASSWORD);
        RawSession other = RawSession.signedIn(base, OTHER_LEAD, PASSWORD);
        String page = lead.get("admin/users.xhtml").body();
        String foreign = RawSession.viewState(other.get("admin/users.xhtml").body());
        long accountChanges = count("SELECT count(*) FROM audit_event WHERE action LIKE 'user.%'");

        // what the page itself sends creates the account: the forged requests below differ only in their state
        HttpResponse<String> genuine = createAccount(lead, "made.defences", RawSession.viewState(page),
                RawSession.nonce(page), true);
        assertEquals(200, genuine.statusCode(), genuine.body());
        assertEquals(1, count("SELECT count(*) FROM app_user WHERE username = 'made.defences'"), genuine.body());
        assertEquals(accountChanges + 1, count("SELECT count(*) FROM audit_event WHERE action LIKE 'user.%'"));

        String[][] forgeries = {{"1:1", null}, {"garbage", null}, {"", null}, {foreign, null},
                {foreign, RawSession.nonce(page)}, {"1:1", "d3Jvbmc="}};
        for (int i = 0; i < forgeries.length; i++) {
            String name = "forged" + i + ".defences";
            HttpResponse<String> ajax = createAccount(lead, name, forgeries[i][0], forgeries[i][1], true);
            String label = "state '" + forgeries[i][0] + "', nonce " + forgeries[i][1] + ": " + ajax.statusCode();
            assertTrue(ajax.statusCode() == 400 || ajax.body().contains("ViewExpiredException"),
                    label + " " + ajax.body());
            HttpResponse<String> full = createAccount(lead, name, forgeries[i][0], forgeries[i][1], false);
            assertTrue(full.statusCode() == 400 || full.headers().firstValue("Location").orElse("")
                    .endsWith("/errors/expired.xhtml"), "full postback, " + label + " " + full.statusCode());
            assertEquals(0, count("SELECT count(*) FROM app_user WHERE username = '" + name + "'"), label);
        }
        assertEquals(accountChanges + 1, count("SELECT count(*) FROM audit_event WHERE action LIKE 'user.%'"),
                "no forged postback reached the trail");
    }

    @Test
    void aForgedViewStateOrAForeignOriginAddsNoTimelineEntry() {
        String ref = incident("Forged postbacks");
        RawSession lead = RawSession.signedIn(base, LEAD, PASSWORD);
        RawSession other = RawSession.signedIn(base, OTHER_LEAD, PASSWORD);
        String page = lead.get("incidents/view.xhtml?ref=" + ref).body();
        String at = inputValue(page, "entryForm:entryAt_input");
        String entries = "SELECT count(*) FROM timeline_entry t JOIN incident i ON i.id = t.incident_id"
                + " WHERE i.reference = '" + ref + "'";
        long before = count(entries);

        HttpResponse<String> genuine = addEntry(lead, ref, at, RawSession.viewState(page), RawSession.nonce(page),
                lead.origin());
        assertEquals(200, genuine.statusCode(), genuine.body());
        assertEquals(before + 1, count(entries), "the page's own request adds the entry");

        String foreign = RawSession.viewState(other.get("incidents/view.xhtml?ref=" + ref).body());
        for (String state : List.of("1:1", "garbage", "", foreign)) {
            HttpResponse<String> forged = addEntry(lead, ref, at, state, null, lead.origin());
            assertTrue(forged.statusCode() == 400 || forged.body().contains("ViewExpiredException"),
                    state + ": " + forged.statusCode());
        }
        HttpResponse<String> evil = addEntry(lead, ref, at, RawSession.viewState(page), RawSession.nonce(page), EVIL);
        assertEquals(403, evil.statusCode(), "a foreign origin with the genuine state and nonce");
        assertEquals(before + 1, count(entries), "nothing forged reached the timeline");
    }

    @Test
    void unsafeRequestsRidingOnTheSessionCookieMustComeFromThePortalsOwnOrigin() {
        String ref = incident("Foreign origins");
        RawSession rita = RawSession.signedIn(base, RESPONDER, PASSWORD);
        String entries = "SELECT count(*) FROM timeline_entry t JOIN incident i ON i.id = t.incident_id"
                + " WHERE i.reference = '" + ref + "'";
        long before = count(entries);
        String entry = "{\"at\":\"" + TestClock.now() + "\",\"text\":\"Entry through the cookie\"}";
        for (Map<String, String> foreign : List.of(Map.of("Origin", EVIL), Map.of("Referer", EVIL + "/page"),
                Map.of("Origin", rita.origin().replaceAll(":(\\d+)$", ":1$1")), // a sibling port of the same host
                Map.of("Origin", "null"))) {
            HttpResponse<String> refused = rita.send("POST", "api/incidents/" + ref + "/timeline", entry,
                    "application/json", foreign);
            assertEquals(403, refused.statusCode(), foreign + " " + refused.body());
            assertTrue(refused.body().contains("\"errors\""), refused.body());
        }
        assertEquals(before, count(entries), "no foreign request wrote");
        HttpResponse<String> own = rita.send("POST", "api/incidents/" + ref + "/timeline", entry, "application/json",
                Map.of("Origin", rita.origin()));
        assertEquals(201, own.statusCode(), own.body());
        assertEquals(before + 1, count(entries));
    }

    @Test
    void uploadsTakeTheFilesBytesNeverATypeAForeignPageMaySendUnasked() {
        String ref = incident("Uploads");
        String files = "SELECT count(*) FROM incident_attachment a JOIN incident i ON i.id = a.incident_id"
                + " WHERE i.reference = '" + ref + "'";
        RawSession rita = RawSession.signedIn(base, RESPONDER, PASSWORD);
        for (String type : List.of("text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            HttpResponse<String> refused = rita.send("POST", "api/incidents/" + ref + "/attachments?name=notes.txt",
                    "collected notes", type, Map.of("Origin", rita.origin()));
            assertEquals(415, refused.statusCode(), type + " " + refused.body());
            assertTrue(refused.body().startsWith("{\"errors\":["), refused.body());
        }
        assertEquals(0, count(files));
        HttpResponse<String> taken = rita.send("POST", "api/incidents/" + ref + "/attachments?name=notes.txt",
                "collected notes", "application/octet-stream", Map.of("Origin", rita.origin()));
        assertEquals(201, taken.statusCode(), taken.body());
        assertEquals(1, count(files));
    }

    @Test
    void aWrongPasswordTellsNothingUnknownNamesLockAlikeAndAnotherLeadUnlocks() {
        String notCorrect = "the username or password is not correct";
        RawSession visitor = new RawSession(base);
        for (int i = 1; i <= 5; i++) {
            String page = loginPage(visitor.signIn(LOCKED, "wrong-passphrase-" + i), visitor);
            assertTrue(page.contains(notCorrect), "attempt " + i + ": " + page);
            assertFalse(page.contains("is locked"), "a wrong password never learns of the lock");
        }
        assertNotNull(TestDatabase.texts(DB, "SELECT locked_until FROM app_user WHERE username = '" + LOCKED + "'")
                .get(0), "five wrong passwords locked the lead");
        assertTrue(loginPage(visitor.signIn(LOCKED, PASSWORD), visitor).contains("is locked"),
                "only the right password learns that the account is locked");

        // a name nobody has: refused in the same words, and locked in the same way
        for (int i = 1; i <= 6; i++) {
            assertTrue(loginPage(visitor.signIn("ghost.defences", PASSWORD), visitor).contains(notCorrect));
        }
        assertEquals(1, count("SELECT count(*) FROM sign_in_throttle WHERE key = 'user:ghost.defences'"
                + " AND blocked_until > " + TestClock.sql()));

        // another lead unlocks the locked one, who then signs in
        try (PortalClient other = PortalClient.signedIn(base, OTHER_LEAD, PASSWORD)) {
            HtmlPage users = other.page("admin/users.xhtml");
            HtmlButton unlock = users.getFirstByXPath("//tr[.//span[@class='username' and text()='" + LOCKED
                    + "']]//button[contains(@id, ':unlock')]");
            assertNotNull(unlock, "the locked account offers Unlock");
            click(unlock);
            other.web().waitForBackgroundJavaScript(5_000);
        }
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'user.unlocked' AND actor = '"
                + OTHER_LEAD + "'"));
        RawSession.signedIn(base, LOCKED, PASSWORD);
    }

    @Test
    void aClientAddressThatKeepsFailingWaitsLongerEachTimeAndOnlyIt() {
        String address = "198.51.100.23";
        Map<String, String> from = Map.of("X-Forwarded-For", address);
        for (int i = 0; i <= SharedPortal.FREE_FAILURES; i++) {
            assertEquals(401, basic("nobody" + (i % 7) + ".defences", "wrong", from).statusCode());
        }
        Instant first = blockedUntil(address);
        assertNotNull(first, "past the free failures the address waits");
        Duration wait = Duration.between(TestClock.now(), first);
        assertTrue(wait.compareTo(Duration.ofSeconds(2)) <= 0, "the first wait is a second: " + wait);
        // while it waits, even the right password is not looked at; another address is not held up
        long throttled = count("SELECT count(*) FROM audit_event WHERE after_state LIKE '%client address throttled%'");
        assertEquals(401, basic(RESPONDER, PASSWORD, from).statusCode());
        assertEquals(throttled + 1,
                count("SELECT count(*) FROM audit_event WHERE after_state LIKE '%client address throttled%'"));
        assertEquals(200, basic(RESPONDER, PASSWORD, Map.of("X-Forwarded-For", "198.51.100.24")).statusCode());
        RawSession page = new RawSession(base);
        String login = page.get("login.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", RESPONDER);
        form.put("login:password", PASSWORD);
        form.put("login:signIn", "");
        form.put("jakarta.faces.ViewState", RawSession.viewState(login));
        form.put("primefaces.nonce", RawSession.nonce(login));
        HttpResponse<String> refused = page.post("login.xhtml", form, Map.of("Origin", page.origin(),
                "X-Forwarded-For", address));
        assertTrue(refused.body().contains("Too many failed sign-ins from your address"), refused.body());

        // once the wait is over, the next failure waits twice as long
        Wait.until("the first wait to pass", Duration.ofSeconds(10), TestClock::now, now -> now.isAfter(first));
        basic("nobody.defences", "wrong", from);
        Duration second = Duration.between(TestClock.now(), blockedUntil(address));
        assertTrue(second.compareTo(Duration.ofSeconds(1)) > 0 && second.compareTo(Duration.ofSeconds(3)) <= 0,
                "the second wait is two seconds: " + second);
    }

    @Test
    void everyApiErrorIsJsonNothingIsCachedAndBasicCallsKeepNoSession() {
        String incident = "{\"title\":\"Bad input\",\"category\":\"OTHER\",\"severity\":\"P3\",\"detectedAt\":\""
                + TestClock.now() + "\"}";
        long incidents = count("SELECT count(*) FROM incident WHERE title = 'Bad input'");
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("malformed JSON 400", raw("POST", "api/incidents", "{\"title\": \"x\",", "application/json", true));
        answers.put("wrong type 400", raw("POST", "api/incidents", incident.replace("\"Bad input\"", "[1, 2]"),
                "application/json", true));
        answers.put("unknown enum 400", raw("POST", "api/incidents", incident.replace("\"P3\"", "\"P9\""),
                "application/json", true));
        answers.put("not signed in 401", raw("GET", "api/notice-templates", null, null, false));
        answers.put("unknown endpoint 404", raw("GET", "api/no-such-thing", null, null, true));
        answers.put("method 405", raw("DELETE", "api/notice-templates", null, null, true));
        answers.put("content type 415", raw("POST", "api/incidents", incident, "text/plain", true));
        answers.put("drawing a sample by GET 405", raw("GET", "api/engagements/1/sample?size=1", null, null, true));
        for (Map.Entry<String, HttpResponse<String>> a : answers.entrySet()) {
            HttpResponse<String> r = a.getValue();
            int status = Integer.parseInt(a.getKey().substring(a.getKey().length() - 3));
            assertEquals(status, r.statusCode(), a.getKey() + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), a.getKey());
            JsonArray errors = TestJson.read(r.body()).getJsonArray("errors");
            JsonObject first = errors.getJsonObject(0);
            assertTrue(first.containsKey("field") && !first.getString("message").isBlank(), a.getKey() + r.body());
            assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"), a.getKey());
        }
        assertTrue(answers.get("unknown enum 400").body().contains("severity"),
                "the field is named: " + answers.get("unknown enum 400").body());
        assertEquals(incidents, count("SELECT count(*) FROM incident WHERE title = 'Bad input'"));

        HttpResponse<String> read = raw("GET", "api/notice-templates", null, null, true);
        assertEquals(200, read.statusCode());
        assertTrue(read.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        for (HttpResponse<String> r : List.of(read, answers.get("unknown enum 400"), answers.get("method 405"))) {
            assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), "a Basic call creates no session: "
                    + r.statusCode() + " " + r.headers().allValues("Set-Cookie"));
        }
    }

    @Test
    void optionsAndTraceAreRefusedEveryAnswerHasOnePolicyAndHealthSaysOnlyUpOrDown() {
        RawSession anyone = new RawSession(base);
        for (String path : List.of("", "login.xhtml", "api/incidents", "resources/attest/attest.css")) {
            for (String method : List.of("OPTIONS", "TRACE")) {
                HttpResponse<String> refused = anyone.send(method, path, null, null, Map.of());
                assertTrue(refused.statusCode() == 403 || refused.statusCode() == 405,
                        method + " /" + path + ": " + refused.statusCode());
            }
        }
        RawSession lead = RawSession.signedIn(base, LEAD, PASSWORD);
        for (String path : List.of("resources/no-such-file.png", "no-such-page.xhtml", "login.xhtml", "api/none")) {
            HttpResponse<String> answer = lead.get(path);
            assertEquals(1, answer.headers().allValues("Content-Security-Policy").size(), path + " "
                    + answer.statusCode() + " " + answer.headers().allValues("Content-Security-Policy"));
        }
        HttpResponse<String> health = anyone.get("health/ready");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertFalse(health.body().matches("(?s).*(version|schema|flyway|V\\d+).*"), health.body());
    }

    @Test
    void theServersOwnMetricsAndApiDescriptionAreTheLeadsAloneAndAuditorsAreLogged() {
        RawSession lead = RawSession.signedIn(base, LEAD, PASSWORD);
        RawSession rita = RawSession.signedIn(base, RESPONDER, PASSWORD);
        RawSession ann = RawSession.signedIn(base, AUDITOR, PASSWORD);
        RawSession anyone = new RawSession(base);
        for (String path : List.of("metrics", "openapi")) {
            assertEquals(200, lead.get(path).statusCode(), "lead " + path);
            assertEquals(403, rita.get(path).statusCode(), "responder " + path);
            assertEquals(403, ann.get(path).statusCode(), "auditor " + path);
            int anonymous = anyone.get(path).statusCode();
            assertTrue(anonymous == 302 || anonymous == 401, "anonymous " + path + ": " + anonymous);
            assertEquals(1, count("SELECT count(*) FROM auditor_access WHERE username = '" + AUDITOR + "' AND path = '/"
                    + path + "' AND status = 403"), "the auditor's request is in the access log");
        }
    }

    @Test
    void anAuditorsFirstSignInWithNothingOpenChoosesAPasswordAndIsToldSo() throws Exception {
        try (PortalClient auditor = new PortalClient(base)) {
            HtmlPage change = auditor.signIn(FIRST_TIMER, PASSWORD);
            assertTrue(change.getUrl().getPath().endsWith("/account/password.xhtml"), change.getUrl().toString());
            ((HtmlInput) change.getElementById("passwordForm:current")).setValue(PASSWORD);
            ((HtmlInput) change.getElementById("passwordForm:password")).setValue("an-auditors-own-passphrase");
            ((HtmlInput) change.getElementById("passwordForm:confirmation")).setValue("an-auditors-own-passphrase");
            change.getHtmlElementById("passwordForm:change").click();
            auditor.web().waitForBackgroundJavaScript(5_000);
            HtmlPage home = auditor.page("");
            assertTrue(home.getUrl().getPath().endsWith("/engagements/ended.xhtml"), home.getUrl().toString());
            assertEquals(200, home.getWebResponse().getStatusCode());
        }
        assertEquals(0, count("SELECT count(*) FROM app_user WHERE username = '" + FIRST_TIMER
                + "' AND must_change_password"), "the password was chosen");
    }

    @Test
    void aForwardedSchemeFromATrustedProxyTurnsOnHstsAndTheSecureCookie() {
        RawSession plain = new RawSession(base);
        HttpResponse<String> direct = plain.get("login.xhtml");
        assertTrue(direct.headers().firstValue("Strict-Transport-Security").isEmpty());
        assertFalse(String.join(";", direct.headers().allValues("Set-Cookie")).contains("Secure"));
        RawSession proxied = new RawSession(base);
        HttpResponse<String> tls = proxied.get("login.xhtml", Map.of("X-Forwarded-Proto", "https"));
        assertTrue(tls.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age="),
                tls.headers().map().toString());
        assertTrue(String.join(";", tls.headers().allValues("Set-Cookie")).contains("Secure"),
                tls.headers().allValues("Set-Cookie").toString());
    }

    // --- helpers ---

    private HttpResponse<String> createAccount(RawSession lead, String username, String viewState, String nonce,
                                               boolean ajax) {
        Map<String, String> form = new LinkedHashMap<>();
        if (ajax) {
            form.put("jakarta.faces.partial.ajax", "true");
            form.put("jakarta.faces.source", "userForm:save");
            form.put("jakarta.faces.partial.execute", "userForm");
            form.put("jakarta.faces.partial.render", "userForm users globalMessages");
            form.put("userForm:save", "userForm:save");
        } else {
            form.put("userForm:save", "");
        }
        form.put("userForm", "userForm");
        form.put("userForm:username", username);
        form.put("userForm:displayName", "Forged " + username);
        form.put("userForm:email", username + "@example.com");
        form.put("userForm:password", "Correct-horse-battery-staple-77");
        form.put("userForm:roles", "RESPONDER");
        form.put("jakarta.faces.ViewState", viewState);
        if (nonce != null) {
            form.put("primefaces.nonce", nonce);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Origin", lead.origin());
        if (ajax) {
            headers.put("Faces-Request", "partial/ajax");
        }
        return lead.post("admin/users.xhtml", form, headers);
    }

    private HttpResponse<String> addEntry(RawSession session, String ref, String at, String viewState, String nonce,
                                          String origin) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", "entryForm:addEntry");
        form.put("jakarta.faces.partial.execute", "entryForm");
        form.put("jakarta.faces.partial.render", "entryForm timeline globalMessages");
        form.put("entryForm:addEntry", "entryForm:addEntry");
        form.put("entryForm", "entryForm");
        form.put("entryForm:entryAt_input", at);
        form.put("entryForm:entryMilestone_input", "");
        form.put("entryForm:corrects", "");
        form.put("entryForm:entryText", "Entry " + viewState.length() + " through the page");
        form.put("jakarta.faces.ViewState", viewState);
        if (nonce != null) {
            form.put("primefaces.nonce", nonce);
        }
        return session.post("incidents/view.xhtml?ref=" + ref, form,
                Map.of("Origin", origin, "Faces-Request", "partial/ajax"));
    }

    /** A P3 reported by the responder; its reference. */
    private String incident(String title) {
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RESPONDER, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P3\",\"detectedAt\":\""
                        + TestClock.now().minusSeconds(600) + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        return TestJson.read(reported.body()).getString("reference");
    }

    private HttpResponse<String> raw(String method, String path, String body, String type, boolean signed) {
        RawSession caller = new RawSession(base);
        Map<String, String> headers = new LinkedHashMap<>();
        if (signed) {
            headers.put("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((LEAD + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return caller.send(method, path, body, type, headers);
    }

    private HttpResponse<String> basic(String username, String password, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new RawSession(base).send("GET", "api/notice-templates", null, null, all);
    }

    private static Instant blockedUntil(String address) {
        List<String> until = TestDatabase.texts(DB, "SELECT to_char(blocked_until AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM sign_in_throttle WHERE key = 'addr:" + address + "'");
        return until.isEmpty() || until.get(0) == null ? null : Instant.parse(until.get(0));
    }

    /** The login page a sign-in answered with (following the portal's redirect back to it, if any). */
    private static String loginPage(HttpResponse<String> answer, RawSession session) {
        if (answer.statusCode() == 302) {
            String to = answer.headers().firstValue("Location").orElse("");
            return to.contains("login.xhtml") ? session.get("login.xhtml").body() : "signed in: " + to;
        }
        return answer.body();
    }

    private static String inputValue(String html, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + java.util.regex.Pattern.quote(name)
                + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            m = java.util.regex.Pattern.compile("value=\"([^\"]*)\"[^>]*name=\"" + java.util.regex.Pattern.quote(name)
                    + "\"").matcher(html);
            assertTrue(m.find(), "no input " + name);
        }
        return m.group(1);
    }

    private static void click(HtmlButton button) {
        try {
            button.click();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query) {
        return TestDatabase.number(DB, query);
    }
}
