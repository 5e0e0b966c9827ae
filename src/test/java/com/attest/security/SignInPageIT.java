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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sign-in page and role-based navigation, in headless Chromium. */
@RunAsClient
class SignInPageIT extends BrowserTest {

    private static final String DB = SharedPortal.DB;
    private static final String RESPONDER = "responder.signin";
    private static final String AUDITOR = "auditor.signin";
    private static final String LOCKED_OUT = "locked.out.signin";

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, RESPONDER, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, AUDITOR, PASSWORD, TestClock.today().plusDays(30));
        Accounts.create(DB, LOCKED_OUT, PASSWORD, null, "RESPONDER");
    }

    @Test
    void leadSignsInSeesEverythingAndSignsOut() {
        browser.open("admin/users.xhtml");
        assertEquals("/login.xhtml", browser.path(), "a protected page asks for sign-in first");
        browser.type("login:username", "admin");
        browser.type("login:password", Deployments.ADMIN_PASSWORD);
        browser.click("login:signIn");
        browser.waitForText("Users");
        assertEquals("/admin/users.xhtml", browser.path(), "back where the lead was going");
        assertTrue(browser.present("nav:menu"));
        assertTrue(browser.present("nav:audit") && browser.present("nav:users"), "the audit and settings menus");
        browser.menu("auditMenu", "audit");
        browser.waitFor(d -> browser.path().endsWith("/audit/trail.xhtml"));
        assertEquals("admin", browser.visible("signedInAs").getText());
        browser.screenshot("users-page");
        browser.signOut();
        browser.open("index.xhtml");
        assertEquals("/login.xhtml", browser.path(), "signed out means signed out");
    }

    @Test
    void navigationShowsEachRoleOnlyWhatItMayUse() {
        browser.signIn(RESPONDER, PASSWORD).waitForText("Welcome, " + RESPONDER + ".");
        browser.screenshot("home-responder");
        assertFalse(browser.present("nav:settingsMenu"), "no settings for a responder");
        assertFalse(browser.present("nav:auditMenu"), "nor the evidence register and audit trail");
        browser.open("admin/users.xhtml");
        assertTrue(browser.text().contains("Your role does not give access to this page."));
        browser.open("index.xhtml");
        browser.signOut();

        // an auditor lands on their engagements; the whole audit trail spans every period, so it is not theirs
        browser.signIn(AUDITOR, PASSWORD).waitForText("The engagements open to you now");
        assertTrue(browser.present("nav:evidence") && browser.present("nav:engagements"));
        assertFalse(browser.present("nav:audit"));
        assertFalse(browser.present("nav:settingsMenu"));
        browser.open("audit/trail.xhtml");
        browser.waitForText("Your role does not give access to this page.");
        browser.screenshot("auditor-home");
    }

    @Test
    void wrongPasswordIsRefusedAndFiveLockTheAccountWhichOnlyTheRightPasswordLearns() {
        browser.signIn(LOCKED_OUT, "not-the-password");
        browser.waitForText("the username or password is not correct");
        assertEquals("/login.xhtml", browser.path());
        browser.screenshot("sign-in-failed");
        for (int i = 2; i <= 5; i++) {
            browser.signIn(LOCKED_OUT, "not-the-password-" + i);
        }
        // a wrong password learns nothing about the account, not even that it is now locked
        browser.waitForText("the username or password is not correct");
        assertFalse(browser.text().contains("locked"));
        browser.signIn(LOCKED_OUT, PASSWORD);
        browser.waitForText("This account is locked");
        browser.screenshot("sign-in-locked");
    }
}
