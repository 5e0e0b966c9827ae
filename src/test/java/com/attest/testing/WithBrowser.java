package com.attest.testing;

import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A browser for each test, starting as a fresh one does ({@link Browser#forTest}), pointed at the portal the test
 * class runs on ({@link #base()}).
 */
public abstract class WithBrowser {

    protected Browser browser;

    /** The portal's address. */
    protected abstract URL base();

    @BeforeEach
    void openBrowser() {
        browser = Browser.forTest(base());
    }

    @AfterEach
    void closeBrowser() {
        browser.release();
    }
}
