package com.attest.audit;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
 * The audit trail: what gets recorded, the hash chain, the database refusing changes, and verification
 * naming the first row that was altered or removed behind the application's back. The trail is the whole shared
 * portal's: every row this class alters or removes is put back exactly as it was.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditTrailIT {

    private static final String DB = SharedPortal.DB;
    private static final String AUDITOR = "auditor.audit";
    private static final String LENA = "lena.audit";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.auditor(DB, AUDITOR, PASSWORD, TestClock.today().plusDays(60));
        Accounts.create(DB, LENA, PASSWORD, TestClock.today().plusDays(60), "COMPLIANCE_LEAD");
    }

    @Test
    void firstStartCreatedTheAdminAndRecordedIt() throws SQLException {
        assertEquals(1, count("SELECT count(*) FROM app_user u JOIN app_user_role r ON r.user_id = u.id"
                + " WHERE u.username = 'admin' AND r.role = 'COMPLIANCE_LEAD' AND NOT u.must_change_password"));
        try (Connection c = TestDatabase.connect(DB); ResultSet rs = c.createStatement().executeQuery(
                "SELECT actor, entity_type, after_state, prev_hash FROM audit_event WHERE action = 'user.created'"
                        + " ORDER BY id LIMIT 1")) {
            assertTrue(rs.next());
            assertEquals("system", rs.getString(1));
            assertEquals("User", rs.getString(2));
            assertTrue(rs.getString(3).contains("\"username\":\"admin\""), rs.getString(3));
            assertFalse(rs.getString(3).contains("PBKDF2"), "no password hash in the trail");
        }
    }

    @Test
    void signInsAreChainedAndTheChainVerifies() throws SQLException {
        try (PortalClient c = PortalClient.signedIn(base, "admin", Deployments.ADMIN_PASSWORD)) {
            assertTrue(c.page("index.xhtml").asNormalizedText().contains("Welcome, admin."));
        }
        try (PortalClient c = new PortalClient(base)) {
            c.signIn("admin", "wrong-password-here");
        }
        assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'auth.signed-in' AND actor = 'admin'") >= 1);
        assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'auth.sign-in-failed'"
                + " AND after_state LIKE '%wrong password%' AND client_address IS NOT NULL") >= 1);
        // every row links to the one before it
        assertEquals(0, count("""
                SELECT count(*) FROM audit_event e
                JOIN audit_event p ON p.id = (SELECT max(id) FROM audit_event WHERE id < e.id)
                WHERE e.prev_hash <> p.hash"""));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE prev_hash = repeat('0', 64)"));

        // what other tests left for the evidence register is registered (and audited) now, not during the check
        assertEquals(200, PortalClient.post(base, "api/evidence/register", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        HttpResponse<String> verify = PortalClient.api(base, "api/audit/verify", AUDITOR, PASSWORD);
        assertEquals(200, verify.statusCode());
        jakarta.json.JsonObject result = json(verify.body());
        assertTrue(result.getBoolean("intact"), verify.body());
        // the verification itself ran after the auditor's sign-in was recorded: every row up to it was checked
        assertEquals(count("SELECT count(*) FROM audit_event WHERE occurred_at <= TIMESTAMPTZ '"
                + result.getString("verifiedAt") + "'"), result.getJsonNumber("rowsChecked").longValue());
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAuditRows() throws SQLException {
        try (Connection c = TestDatabase.connect(DB); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE audit_event SET actor = 'mallory'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_event"));
            assertThrows(SQLException.class, () -> s.execute("TRUNCATE audit_event"));
        }
    }

    @Test
    void tamperingIsDetectedAndTheFirstBrokenRowNamed() throws Exception {
        // a few more rows so the altered one sits in the middle
        PortalClient.signedIn(base, AUDITOR, PASSWORD).close();
        try (PortalClient stranger = new PortalClient(base)) {
            stranger.signIn(AUDITOR, "not-my-password-1");
        }
        List<Long> ids = ids();
        long altered = ids.get(ids.size() / 2);
        String originalActor = value("SELECT actor FROM audit_event WHERE id = " + altered);

        behindTheApplicationsBack("UPDATE audit_event SET actor = 'mallory' WHERE id = " + altered);
        try {
            jakarta.json.JsonObject broken =
                    json(PortalClient.api(base, "api/audit/verify", AUDITOR, PASSWORD).body());
            assertFalse(broken.getBoolean("intact"));
            assertEquals(altered, broken.getJsonNumber("firstBrokenId").longValue());
            assertTrue(broken.getString("problem").contains("altered"), broken.toString());

            // the compliance lead sees the same on the page (an auditor verifies through the API: the whole trail
            // spans every audit period, so its page is not theirs)
            try (PortalClient c = PortalClient.signedIn(base, LENA, PASSWORD)) {
                HtmlPage trail = c.page("audit/trail.xhtml");
                HtmlPage verified = trail.getHtmlElementById("trail:verify").click();
                c.web().waitForBackgroundJavaScript(5_000);
                String text = verified.asNormalizedText();
                assertTrue(text.contains("Chain broken at row " + altered), text);
            }
        } finally {
            // put it back, so the trail is whole again for every other test
            behindTheApplicationsBack("UPDATE audit_event SET actor = '" + originalActor + "' WHERE id = " + altered);
        }
        assertTrue(json(PortalClient.api(base, "api/audit/verify", AUDITOR, PASSWORD).body()).getBoolean("intact"));
        ids = ids();
        long removed = ids.get(ids.size() / 3);
        long next = ids.get(ids.size() / 3 + 1);
        behindTheApplicationsBack("CREATE TABLE removed_row AS SELECT * FROM audit_event WHERE id = " + removed);
        behindTheApplicationsBack("DELETE FROM audit_event WHERE id = " + removed);
        try {
            jakarta.json.JsonObject gap = json(PortalClient.api(base, "api/audit/verify", AUDITOR, PASSWORD).body());
            assertFalse(gap.getBoolean("intact"));
            assertEquals(next, gap.getJsonNumber("firstBrokenId").longValue());
            assertTrue(gap.getString("problem").contains("removed"), gap.toString());
        } finally {
            behindTheApplicationsBack("INSERT INTO audit_event SELECT * FROM removed_row");
            TestDatabase.execute(DB, "DROP TABLE removed_row");
        }
        // restored exactly as it was, the chain holds again
        assertTrue(json(PortalClient.api(base, "api/audit/verify", AUDITOR, PASSWORD).body()).getBoolean("intact"));
    }

    /** What an attacker with database-owner rights could do: switch the guard off, change, switch it on. */
    private static void behindTheApplicationsBack(String statement) throws SQLException {
        try (Connection c = TestDatabase.connect(DB); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
            s.execute(statement);
            s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
        }
    }

    private static jakarta.json.JsonObject json(String body) {
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static List<Long> ids() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = TestDatabase.connect(DB);
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM audit_event ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static String value(String query) throws SQLException {
        try (Connection c = TestDatabase.connect(DB); ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(String query) throws SQLException {
        return Long.parseLong(value(query));
    }

}
