package com.attest.testing;

import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh browser for each test, pointed at the portal the test class runs on ({@link #base()}). */
public abstract class WithBrowser {

    protected Browser browser;

    /** The portal's address. */
    protected abstract URL base();

    @BeforeEach
    void openBrowser() {
        browser = new Browser(base());
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }
}
