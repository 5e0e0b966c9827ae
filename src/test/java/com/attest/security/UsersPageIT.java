package com.attest.security;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.BrowserTest;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User administration by the compliance lead, and the new people signing in, in headless Chromium. */
@RunAsClient
class UsersPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String VICTOR = "victor.users";
    private static final String RHEA = "rhea.users";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, VICTOR, PASSWORD, null, "RESPONDER");
        Accounts.create(DB, RHEA, PASSWORD, null, "RESPONDER");
    }

    @Test
    void leadCreatesAResponderWhoThenSignsIn() {
        long usersBefore = count("SELECT count(*) FROM app_user");
        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.open("admin/users.xhtml");
        browser.click("users:newUser");

        // everything wrong at once: each field says what is wrong, nothing is saved
        browser.type("userForm:username", "admin");
        browser.type("userForm:displayName", "<script>alert('x')</script>");
        browser.type("userForm:email", "not-an-email");
        browser.type("userForm:password", "short");
        browser.click("userForm:save");
        browser.waitForText("Username 'admin' is already taken.");
        browser.screenshot("users-create-errors");
        String text = browser.text();
        assertTrue(text.contains("E-mail is not a valid address"), text);
        assertTrue(text.contains("Choose at least one role."), text);
        assertTrue(text.contains("Password must be at least 12 characters long."), text);
        assertEquals(usersBefore, count("SELECT count(*) FROM app_user"), "nothing half-saved");

        browser.type("userForm:username", "Rita.Responder");
        browser.type("userForm:displayName", "Rita Responder");
        browser.type("userForm:email", "rita@example.com");
        browser.tick("userForm:roles:1");
        browser.type("userForm:password", "first-password-rita");
        browser.click("userForm:save");
        browser.waitForText("User rita.responder created.");
        assertTrue(browser.text().contains("Rita Responder"));
        assertFalse(browser.text().contains("alert('x')"), "the rejected script never reached the table");
        browser.screenshot("users-created");
        assertEquals(1, count("SELECT count(*) FROM app_user u JOIN app_user_role r ON r.user_id = u.id"
                + " WHERE u.username = 'rita.responder' AND r.role = 'RESPONDER' AND u.must_change_password"));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'user.created' AND actor = 'admin'"
                + " AND after_state LIKE '%rita.responder%'"));
        browser.signOut();

        // the new responder must choose their own password first
        browser.signIn("rita.responder", "first-password-rita");
        browser.waitForText("You must choose a new password");
        assertEquals("/account/password.xhtml", browser.path());
        browser.open("index.xhtml");
        assertEquals("/account/password.xhtml", browser.path(), "no way around it");
        browser.type("passwordForm:current", "first-password-rita");
        browser.type("passwordForm:password", "ritas-own-passphrase");
        browser.type("passwordForm:confirmation", "ritas-own-passphrase");
        browser.click("passwordForm:change");
        browser.waitForText("Welcome, rita.responder.");
        assertFalse(browser.text().contains("Users"));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'user.password-changed'"
                + " AND actor = 'rita.responder'"));
    }

    @Test
    void leadDisablesOneAccountAndResetsAnothersPassword() {
        browser.signIn("admin", Deployments.ADMIN_PASSWORD).waitForText("Welcome, admin.");
        browser.open("admin/users.xhtml");
        int victorRow = row(VICTOR);
        browser.click("users:table:" + victorRow + ":disable");
        browser.waitForText("User " + VICTOR + " disabled.");
        assertEquals(1, count("SELECT count(*) FROM app_user WHERE username = '" + VICTOR + "' AND NOT enabled"));

        browser.click("users:table:" + row("admin") + ":disable");
        browser.waitForText("You cannot disable your own account.");

        // rhea also becomes an auditor: the role change needs an access date, and is audited before/after
        int rheaRow = row(RHEA);
        browser.click("users:table:" + rheaRow + ":edit");
        browser.tick("userForm:roles:2");
        browser.click("userForm:save");
        browser.waitForText("Access until is required for auditors");
        browser.typeDate("userForm:accessUntil_input", TestClock.today().plusDays(90).toString());
        browser.click("userForm:save");
        browser.waitForText("User " + RHEA + " saved.");
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'user.roles-changed'"
                + " AND entity_id = (SELECT id::text FROM app_user WHERE username = '" + RHEA + "')"
                + " AND before_state LIKE '%\"roles\":[\"RESPONDER\"]%'"
                + " AND after_state LIKE '%\"roles\":[\"AUDITOR\",\"RESPONDER\"]%'"));

        browser.click("users:table:" + rheaRow + ":reset");
        browser.type("resetForm:password", "too-short");
        browser.click("resetForm:resetPassword");
        browser.waitForText("Password must be at least 12 characters long.");
        browser.type("resetForm:password", "temporary-for-rhea");
        browser.click("resetForm:resetPassword");
        browser.waitForText("Password of " + RHEA + " reset");
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'user.password-reset'"
                + " AND entity_id = (SELECT id::text FROM app_user WHERE username = '" + RHEA + "')"));
        browser.signOut();

        browser.signIn(VICTOR, PASSWORD);
        browser.waitForText("this account is disabled");
        browser.signIn(RHEA, "temporary-for-rhea");
        browser.waitForText("You must choose a new password");
    }

    /**
     * The table row index of a username (the table is ordered by username). One script reads every row: the shared
     * portal's table lists the accounts of every test.
     */
    private int row(String username) {
        Object index = browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#users\\\\:table_data span.username')).findIndex(c => c.textContent.trim() === arguments[0]);",
                username);
        int i = ((Number) index).intValue();
        if (i < 0) {
            throw new AssertionError("no row for " + username);
        }
        return i;
    }

    private static long count(String query) {
        return TestDatabase.number(DB, query);
    }
}
