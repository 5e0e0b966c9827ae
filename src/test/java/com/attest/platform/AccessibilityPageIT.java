package com.attest.platform;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.audit.Sha256;
import com.attest.testing.Accounts;
import com.attest.testing.AlertSamples;
import com.attest.testing.IntakeDeliveries;
import com.attest.testing.BrowserTest;
import com.attest.testing.Incidents;
import com.attest.testing.PortalClient;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import com.attest.testing.TestJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The key pages as their people use them: axe-core finds no serious or critical accessibility violation on any of
 * them, and the pages a responder opens on a phone (home, the incident list, an incident, its review) fit a 390 px and
 * a 768 px window without sideways scrolling or a card cut off. Screenshots of each are left in target/screenshots.
 */
@RunAsClient
class AccessibilityPageIT extends BrowserTest {

    private static final String VM = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
            + "rg-production-west/providers/Microsoft.Compute/virtualMachines/vm-web-frontend-0001";
    private static final String DB = SharedPortal.DB;
    private static final String LEAD = "lena.a11y";
    private static final String RITA = "rita.a11y";
    private static final String ANN = "ann.a11y";
    private static final String KEY = "atk_a11y-key-for-tests-00000000000000000000000";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        TestDatabase.execute(DB, "INSERT INTO intake_key (source, name, prefix, key_hash, created_at, created_by)"
                + " VALUES ('AZURE_MONITOR', 'accessibility test', '" + KEY.substring(0, 10) + "', '"
                + Sha256.hex(KEY) + "', " + TestClock.sql() + ", 'admin')");
        Accounts.create(DB, LEAD, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    }

    @Test
    void keyPagesHaveNoSeriousOrCriticalAccessibilityViolation() throws Exception {
        String ref = Incidents.resolved(base, RITA, PASSWORD,
                "Brute force against vm-web-a11y-with-a-rather-long-name-01", VM);
        long review = TestJson.read(PortalClient.api(base, "api/pirs/incident/" + ref, RITA, PASSWORD).body())
                .getJsonNumber("id").longValue();
        long engagement = TestDatabase.number(DB, "SELECT id FROM engagement WHERE name = 'Audit by " + ANN + "'");

        long request = TestJson.read(PortalClient.post(base, "api/requests", ANN, PASSWORD, "{\"engagement\":"
                + engagement + ",\"title\":\"The IR policy in force during the period\",\"due\":\""
                + TestClock.today().plusDays(7) + "\"}").body()).getJsonNumber("id").longValue();

        Map<String, List<String>> found = new LinkedHashMap<>();
        browser.open("login.xhtml");
        browser.waitForText("Sign in");
        check(found, "login");

        browser.signIn(LEAD, PASSWORD).waitForText("Welcome, " + LEAD + ".");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "index.xhtml");
        pages.put("incident-list", "incidents/list.xhtml?state=all");
        pages.put("incident", "incidents/view.xhtml?ref=" + ref);
        pages.put("new-incident", "incidents/new.xhtml");
        pages.put("review", "pirs/view.xhtml?id=" + review);
        pages.put("notice-templates", "notices/templates.xhtml");
        pages.put("users", "admin/users.xhtml");
        pages.put("evidence-register", "evidence/register.xhtml");
        pages.put("control-health", "controls/overview.xhtml");
        pages.put("detection-pipeline", "detection/pipeline.xhtml");
        pages.put("detection-repair", "detection/repair.xhtml?subscription=" + com.attest.testing.FakeAzure.SUBSCRIPTION
                + "&resourceGroup=rg-soc");
        pages.put("packs", "packs/list.xhtml");
        pages.put("engagement", "engagements/view.xhtml?id=" + engagement);
        pages.put("auditor-request", "engagements/request.xhtml?id=" + request);
        pages.put("unmatched-azure-items", "engagements/unmatched.xhtml");
        pages.put("audit-trail", "audit/trail.xhtml");
        pages.put("runbooks", "runbooks/list.xhtml");
        pages.put("sentinel", "sentinel/incidents.xhtml");
        pages.put("intake", "admin/intake.xhtml");
        pages.put("on-call", "admin/oncall.xhtml");
        pages.put("notices", "notices/templates.xhtml");
        pages.put("exercises", "exercises/list.xhtml");
        pages.put("new-exercise", "exercises/new.xhtml");
        pages.put("calendar", "admin/calendar.xhtml");
        pages.put("customers", "customers/list.xhtml");
        pages.put("approvals", "actions/approvals.xhtml");
        pages.put("action-prepare", "incidents/action.xhtml?ref=" + ref + "&type=collect-entra-audit");
        pages.put("alert-payload", "incidents/payload.xhtml?id=" + deliveredPayload());
        for (Map.Entry<String, String> page : pages.entrySet()) {
            browser.open(page.getValue());
            browser.visible("content-title");
            check(found, page.getKey());
        }
        // the lead's settings and registers read on a phone too
        browser.width(390);
        for (String page : List.of("admin/intake.xhtml", "admin/oncall.xhtml", "evidence/register.xhtml",
                "audit/trail.xhtml")) {
            browser.open(page);
            browser.visible("content-title");
            browser.screenshot("narrow-" + page.replace('/', '-').replace(".xhtml", "") + "-390");
            browser.overflow().forEach(o -> found.computeIfAbsent(page + " at 390 px", k -> new ArrayList<>()).add(o));
        }
        browser.width(1280);
        // a page showing what just happened (the global messages), saving the window unchanged
        browser.open("admin/intake.xhtml");
        browser.click("windowForm:saveWindow");
        browser.waitForText("Correlation window set to");
        check(found, "a-message-shown");
        browser.signOut();

        browser.signIn(ANN, PASSWORD).waitForText("The engagements open to you now");
        check(found, "auditor-home");
        browser.open("engagements/view.xhtml?id=" + engagement);
        browser.visible("content-title");
        check(found, "auditor-engagement");
        browser.open("engagements/request.xhtml?id=" + request);
        browser.visible("content-title");
        check(found, "auditor-request");

        List<String> report = new ArrayList<>();
        found.forEach((page, violations) -> violations.forEach(v -> report.add(page + ": " + v)));
        assertTrue(report.isEmpty(), report.size() + " serious or critical violations:\n" + String.join("\n", report));
    }

    @Test
    void aResponderReadsHerIncidentOnAPhoneAndATabletWithoutScrollingSideways() {
        String ref = Incidents.resolved(base, RITA, PASSWORD,
                "Impossible travel sign-in for a.very.long.user.name@contoso.example.com", VM);
        long review = TestJson.read(PortalClient.api(base, "api/pirs/incident/" + ref, RITA, PASSWORD).body())
                .getJsonNumber("id").longValue();
        browser.signIn(RITA, PASSWORD).waitForText("Welcome, " + RITA + ".");
        List<String> report = new ArrayList<>();
        for (int width : new int[]{390, 768, 1280}) {
            browser.width(width);
            for (String[] page : new String[][]{{"home", "index.xhtml"},
                    {"incident-list", "incidents/list.xhtml?state=all"},
                    {"incident", "incidents/view.xhtml?ref=" + ref},
                    {"review", "pirs/view.xhtml?id=" + review},
                    {"unmatched-azure-items", "engagements/unmatched.xhtml"}}) {
                browser.open(page[1]);
                browser.visible("content-title");
                browser.screenshot("narrow-" + page[0] + "-" + width);
                browser.overflow().forEach(o -> report.add(page[0] + " at " + width + " px: " + o));
                if (width == 390) {
                    browser.accessibilityViolations().forEach(v -> report.add(page[0] + " at 390 px: " + v));
                }
            }
        }
        assertTrue(report.isEmpty(), String.join("\n", report));
    }

    @Test
    void aResponderWorksHerIncidentByKeyboardAloneAndSeesWhereSheIs() {
        com.attest.testing.Runbooks.approveSeed(base); // declaring pins it: a checklist to tick
        String ref = declaredIncident("Malware on a build agent, handled by keyboard");
        // signed in with the keyboard alone: Tab to the user name, type, Tab, type the password, Enter
        browser.open("login.xhtml");
        WebElement username = tabUntil(browser.visible("login:username"), 20);
        username.sendKeys(RITA);
        username.sendKeys(Keys.TAB);
        WebElement password = browser.driver().switchTo().activeElement();
        assertEquals("login:password", password.getAttribute("id"), "Tab goes from the user name to the password");
        password.sendKeys(PASSWORD, Keys.ENTER);
        browser.waitForText("Welcome, " + RITA + ".");
        browser.open("incidents/view.xhtml?ref=" + ref);
        browser.visible("content-title");

        // Tab from the top of the page reaches the step button; it shows where the focus is; Enter presses it
        WebElement advance = browser.visible("stepForm:advance");
        WebElement focused = tabUntil(advance, 80);
        String outline = (String) browser.driver().executeScript(
                "var s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow;",
                focused);
        assertTrue(!outline.startsWith("none 0px none") && !outline.equals("none 0px none"),
                "the focused button shows no focus: " + outline);
        focused.sendKeys(Keys.ENTER);
        try {
            browser.waitFor(d -> browser.visible("statusTag").getText().equals("Contained"));
        } finally {
            browser.screenshot("keyboard-after-enter");
        }

        // a checklist item ticked with Space
        WebElement done = browser.driver().findElements(By.cssSelector("[id$=':done']")).get(0);
        String doneId = done.getAttribute("id");
        browser.driver().executeScript("arguments[0].focus();", done);
        browser.driver().switchTo().activeElement().sendKeys(Keys.SPACE);
        browser.waitFor(d -> !browser.present(doneId) || browser.text().contains("1 / "));
        browser.screenshot("keyboard-incident");

        // on to resolved, each step pressed with Enter; resolving with items open, the reason typed first
        for (String next : List.of("Eradicated", "Recovered", "Resolved")) {
            if (next.equals("Resolved")) {
                WebElement reason = browser.visible("stepForm:openWorkReason");
                browser.driver().executeScript("arguments[0].focus();", reason);
                browser.driver().switchTo().activeElement().sendKeys("Handled from the build system's own runbook");
                browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            }
            WebElement step = browser.visible("stepForm:advance");
            browser.driver().executeScript("arguments[0].focus();", step);
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.waitFor(d -> browser.visible("statusTag").getText().equals(next));
        }
        assertTrue(browser.visible("timeline:entries").getText().contains("Resolved with work open:"));
        browser.screenshot("keyboard-resolved");
    }

    private WebElement tabUntil(WebElement target, int most) {
        // from the top of the page, nothing focused (a click somewhere could press something)
        browser.driver().executeScript("if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);");
        for (int i = 0; i < most; i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement active = browser.driver().switchTo().activeElement();
            if (active.equals(target)) {
                return active;
            }
        }
        throw new AssertionError("Tab never reached " + target.getAttribute("id"));
    }

    /** One Azure Monitor alert delivered through intake and processed: the id of its kept payload. */
    private long deliveredPayload() throws Exception {
        JsonObject alert = TestJson.read(new String(AlertSamples.read("monitor/metric-fired.json"),
                StandardCharsets.UTF_8));
        JsonObject essentials = Json.createObjectBuilder(alert.getJsonObject("data").getJsonObject("essentials"))
                .add("alertId", "/subscriptions/00000000-1111-2222-3333-444444444444/providers/"
                        + "Microsoft.AlertsManagement/alerts/a11ya11y-a11y-4a11-8a11-a11ya11ya11y").build();
        byte[] body = Json.createObjectBuilder(alert).add("data", Json.createObjectBuilder(alert.getJsonObject("data"))
                .add("essentials", essentials)).build().toString().getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> sent = IntakeDeliveries.settled(http, http.send(HttpRequest.newBuilder(
                URI.create(base + "api/intake/azure-monitor")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-Intake-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()), KEY);
        assertEquals(202, sent.statusCode(), sent.body());
        return TestDatabase.number(DB, "SELECT id FROM alert_payload WHERE sha256 = '" + Sha256.hex(body) + "'");
    }

    private void check(Map<String, List<String>> found, String page) {
        browser.screenshot("a11y-" + page);
        List<String> violations = new ArrayList<>(browser.accessibilityViolations());
        Number placeholders = (Number) browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "'.ui-button-text')).filter(function (t) { return t.textContent === 'ui-button'; }).length;");
        if (placeholders.intValue() > 0) {
            violations.add(placeholders + " button(s) whose text is \"ui-button\"");
        }
        if (!violations.isEmpty()) {
            found.put(page, violations);
        }
    }

    private String declaredIncident(String title) {
        Instant at = TestClock.now().minusSeconds(3600);
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"CRYPTOMINER\",\"severity\":\"P2\","
                        + "\"detectedAt\":\"" + at + "\",\"resources\":[\"/subscriptions/00000000-0000-0000-0000-000000000000"
                        + "/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-build-agent-0001\"]}");
        assertEquals(201, reported.statusCode(), reported.body());
        String ref = TestJson.read(reported.body()).getString("reference");
        long version = TestJson.read(reported.body()).getJsonNumber("version").longValue();
        assertEquals(200, PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + version + ",\"owner\":\"" + RITA + "\",\"at\":\"" + at.plusSeconds(60) + "\"}")
                .statusCode());
        return ref;
    }
}
