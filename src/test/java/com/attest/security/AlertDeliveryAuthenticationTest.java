package com.attest.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Only a delivery — a POST the container mapped below /api/intake/ — skips the mechanism. */
class AlertDeliveryAuthenticationTest {

    private static HttpServletRequest request(String method, String servletPath, String pathInfo) {
        return (HttpServletRequest) Proxy.newProxyInstance(AlertDeliveryAuthenticationTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    default -> null;
                });
    }

    @Test
    void deliveriesToTheIntakeEndpoints() {
        assertTrue(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/intake/azure-monitor", null)));
        assertTrue(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/intake/sentinel", null)));
        assertTrue(AlertDeliveryAuthentication.isDelivery(request("POST", "/api", "/intake/no-such-source")));
    }

    @Test
    void notOtherMethodsNorOtherPaths() {
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("GET", "/api", "/intake/deliveries/7")));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("PUT", "/api/intake/defender", null)));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api", "/incidents")));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api", null)));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/admin/users.xhtml", null)));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api", "/intakes")));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/intakex", null)));
    }
}
