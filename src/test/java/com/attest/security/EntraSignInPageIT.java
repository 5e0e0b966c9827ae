package com.attest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.BrowserTest;
import com.attest.testing.FakeEntra;
import com.attest.testing.SharedPortal;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with Microsoft in headless Chromium, one person per role: the button on the sign-in page, Entra ID (the
 * provider in the test JVM) and back, the portal as that role sees it, and signing out of both.
 */
@RunAsClient
class EntraSignInPageIT extends BrowserTest {

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    private void signInWithMicrosoft() {
        browser.open("incidents/list.xhtml");
        assertEquals("/login.xhtml", browser.path());
        browser.click("entra");
        browser.waitFor(d -> !browser.path().startsWith("/signin/") && !browser.path().equals("/login.xhtml")
                ? Boolean.TRUE : null);
    }

    @Test
    void aLeadSignsInWithMicrosoftAdministersAndSignsOutOfBoth() {
        SharedPortal.entraSignIn().next("0b1e-page-lead", "lea.entrapage@contoso.com", "Lea Lead",
                List.of(FakeEntra.LEAD));
        signInWithMicrosoft();
        assertEquals("/incidents/list.xhtml", browser.path(), "back where she was going");
        assertEquals("lea.entrapage@contoso.com", browser.visible("signedInAs").getText());
        assertTrue(browser.present("nav:users"), "the lead's settings menu");
        assertFalse(browser.present("nav:password"), "no password of hers to change here");
        browser.open("admin/users.xhtml");
        browser.waitForText("Entra ID");
        browser.screenshot("entra-users");
        browser.signOut();
        browser.waitFor(d -> browser.path().equals("/login.xhtml") ? Boolean.TRUE : null);
        browser.open("index.xhtml");
        assertEquals("/login.xhtml", browser.path(), "signed out of the portal");
    }

    @Test
    void aResponderSignsInWithMicrosoftAndSeesNoAdministration() {
        SharedPortal.entraSignIn().next("0b1e-page-resp", "rob.entrapage@contoso.com", "Rob Responder",
                List.of(FakeEntra.RESPONDER));
        signInWithMicrosoft();
        assertEquals("rob.entrapage@contoso.com", browser.visible("signedInAs").getText());
        assertFalse(browser.present("nav:users"));
        browser.screenshot("entra-responder");
    }

    @Test
    void aGuestAuditorSignsInWithMicrosoftAndIsToldNothingIsOpenYet() {
        SharedPortal.entraSignIn().next("0b1e-page-guest", "ada@fabrikam.com", "Ada Auditor (Fabrikam)",
                List.of(FakeEntra.AUDITOR));
        signInWithMicrosoft();
        assertEquals("/engagements/ended.xhtml", browser.path());
        browser.screenshot("entra-guest-auditor");
    }

    @Test
    void aRefusedSignInSaysWhyOnTheSignInPage() {
        SharedPortal.entraSignIn().next("0b1e-page-none", "nora.entrapage@contoso.com", "Nora", List.of("Other"));
        browser.open("login.xhtml");
        browser.click("entra");
        browser.waitForText("has no role in Attest");
        assertEquals("/login.xhtml", browser.path());
        browser.screenshot("entra-no-role");
    }
}
