package com.attest.intake.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class AlertDeliveryAuthenticationTest {

    private static HttpServletRequest request(String method, String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(AlertDeliveryAuthenticationTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    default -> null;
                });
    }

    @Test
    void aPostToAnIntakeEndpointIsADelivery() {
        for (String endpoint : new String[]{"azure-monitor", "defender", "sentinel"}) {
            assertTrue(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/intake/" + endpoint), ""));
            assertTrue(AlertDeliveryAuthentication.isDelivery(request("POST", "/attest/api/intake/" + endpoint),
                    "/attest"));
        }
    }

    @Test
    void everythingElseTakesTheRegisteredAuthentication() {
        // another method: the container refuses it, and the mechanism puts the portal's headers on the refusal
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("GET", "/api/intake/azure-monitor"), ""));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("PUT", "/api/intake/defender"), ""));
        // a delivery's status, the keys, another API, a page
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/intake/deliveries/12"), ""));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/intake/azure-monitor/x"), ""));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/intake/"), ""));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/incidents"), ""));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/intake.xhtml"), ""));
        // the endpoint's path under another application, or outside this one
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/api/intake/sentinel"), "/attest"));
        assertFalse(AlertDeliveryAuthentication.isDelivery(request("POST", "/other/api/intake/sentinel"), "/attest"));
    }
}
