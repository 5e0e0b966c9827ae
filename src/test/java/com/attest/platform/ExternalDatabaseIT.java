package com.attest.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.dev.PayaraProcess;
import com.attest.testing.FakeEntra;
import com.attest.testing.PortalClient;
import com.attest.testing.RawSession;
import com.attest.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Production mode: Payara Micro started the way an operator starts it, the database named only by
 * {@code ATTEST_DB_URL}, {@code ATTEST_DB_USER} and {@code ATTEST_DB_PASSWORD} in the environment, and no
 * {@code ATTEST_ADMIN_PASSWORD}: the first start prints a random admin password once, the next does not. It starts
 * Payara itself, so it runs among the tests with servers of their own, not on the shared portal.
 */
@Tag("own-servers")
class ExternalDatabaseIT {

    private static final String DB = "external_it";
    private static final String DB_USER = "attest_app";
    private static final String DB_PASSWORD = "Ext-db-passw0rd";
    private static final String OWN_PASSWORD = "the-admins-own-passphrase";
    private static final Pattern PRINTED = Pattern.compile("password: (\\S{20})");

    @Test
    void runsOnAnExternalDatabaseFromTheEnvironmentWithNoDefaultPassword() throws Exception {
        try (Connection c = TestDatabase.connect("postgres")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            c.createStatement().execute("DROP ROLE IF EXISTS " + DB_USER);
            c.createStatement().execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "'");
            c.createStatement().execute("CREATE DATABASE " + DB + " OWNER " + DB_USER);
        }
        Map<String, String> env = Map.of(
                "ATTEST_DB_URL", TestDatabase.server().jdbcUrl(DB),
                "ATTEST_DB_USER", DB_USER,
                "ATTEST_DB_PASSWORD", DB_PASSWORD,
                "ATTEST_PASSWORD_ITERATIONS", "10000",
                "ATTEST_DOCUMENTS_REPOSITORY", java.nio.file.Files.createTempDirectory("attest-documents").toString());

        String adminPassword;
        try (PayaraProcess first = PayaraProcess.start(env, List.of("-Xmx768m"))) {
            Matcher printed = PRINTED.matcher(first.log());
            assertTrue(printed.find(), "the first start prints the admin password");
            adminPassword = printed.group(1);
            assertFalse(printed.find(), "printed once");

            HttpResponse<String> health = PortalClient.api(first.base(), "health/ready", null, null);
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body()); // UP only once the schema is migrated
            // the printed password opens only the change-password page, not the API
            assertEquals(401, PortalClient.api(first.base(), "api/audit/verify", "admin", adminPassword).statusCode());
            try (PortalClient lead = new PortalClient(first.base())) {
                HtmlPage change = lead.signIn("admin", adminPassword);
                assertTrue(change.getUrl().getPath().endsWith("/account/password.xhtml"), change.getUrl().toString());
                ((HtmlInput) change.getElementById("passwordForm:current")).setValue(adminPassword);
                ((HtmlInput) change.getElementById("passwordForm:password")).setValue(OWN_PASSWORD);
                ((HtmlInput) change.getElementById("passwordForm:confirmation")).setValue(OWN_PASSWORD);
                change.getHtmlElementById("passwordForm:change").click();
                lead.web().waitForBackgroundJavaScript(5_000);
            }
            assertEquals(200, PortalClient.api(first.base(), "api/audit/verify", "admin", OWN_PASSWORD).statusCode());
        }
        // the schema and the admin live in the external database, owned by the configured user
        try (Connection c = DriverManager.getConnection(TestDatabase.server().jdbcUrl(DB), DB_USER, DB_PASSWORD);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM app_user WHERE username = 'admin' AND must_change_password")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the admin has chosen their own password");
        }

        // the operator moves everyone to Entra ID and switches local passwords off
        FakeEntra entra = new FakeEntra().start();
        Map<String, String> entraOnly = new java.util.HashMap<>(env);
        for (String line : entra.config()) {
            String key = line.substring(0, line.indexOf('='));
            entraOnly.put(key.toUpperCase().replace('.', '_').replace('-', '_'), line.substring(key.length() + 1));
        }
        entraOnly.put("ATTEST_SIGNIN_LOCAL", "false");
        try (PayaraProcess second = PayaraProcess.start(entraOnly, List.of("-Xmx768m"))) {
            assertFalse(PRINTED.matcher(second.log()).find(), "a later start prints no password");
            assertEquals(401, PortalClient.api(second.base(), "api/audit/verify", "admin", OWN_PASSWORD).statusCode(),
                    "a local password opens nothing, the API included");
            RawSession browser = new RawSession(second.base());
            String login = browser.get("login.xhtml").body();
            assertTrue(login.contains("Sign in with Microsoft") && !login.contains("login:password"), login);
            entra.next("0b1e-ops", "ops.lead@contoso.com", "Ops Lead", List.of(FakeEntra.LEAD));
            String authorize = browser.get("signin/entra").headers().firstValue("Location").orElseThrow();
            String callback = browser.get(authorize).headers().firstValue("Location").orElseThrow();
            assertTrue(browser.get(callback).body().contains("Signed in."));
            assertEquals(200, browser.get("admin/users.xhtml").statusCode(), "a lead signs in through Entra ID");
        } finally {
            entra.stop();
        }
    }

}
