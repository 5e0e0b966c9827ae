package com.attest.testing;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every page test shares: the deployed portal's address and a fresh browser per test. */
@ExtendWith(ArquillianExtension.class)
public abstract class BrowserTest {

    @ArquillianResource
    protected URL base;

    protected Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser(base);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }
}
