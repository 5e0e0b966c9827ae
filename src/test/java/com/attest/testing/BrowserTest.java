package com.attest.testing;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every page test on a deployed portal shares: the portal's address and a fresh browser per test. */
@ExtendWith(ArquillianExtension.class)
public abstract class BrowserTest extends WithBrowser {

    @ArquillianResource
    protected URL base;

    @Override
    protected URL base() {
        return base;
    }
}
