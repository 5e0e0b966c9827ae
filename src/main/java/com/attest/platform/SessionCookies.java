package com.attest.platform;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Marks the session cookie {@code Secure} whenever people reach the portal over HTTPS ({@code attest.portal.url} is
 * an https address): behind a proxy that ends TLS the portal itself sees plain HTTP and would not know to.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SessionCookies.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String portal = ConfigProvider.getConfig().getOptionalValue("attest.portal.url", String.class).orElse("");
        if (portal.strip().toLowerCase(Locale.ROOT).startsWith("https://")) {
            event.getServletContext().getSessionCookieConfig().setSecure(true);
            LOG.info("The session cookie is Secure: the portal is reached at " + portal.strip());
        }
    }
}
