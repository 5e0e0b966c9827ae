package com.attest.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** What a request says about itself through proxies, believed only from the trusted ones. */
@ResourceLock("Forwarded.trusted")
class ForwardedTest {

    @AfterEach
    void forget() {
        Forwarded.trust("");
    }

    /** A request from {@code peer} over {@code scheme} with these headers. */
    private static HttpServletRequest request(String peer, String scheme, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ForwardedTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getScheme" -> scheme;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getServerName" -> "portal.internal";
                    case "getServerPort" -> 8080;
                    default -> null;
                });
    }

    @Test
    void headersFromAnUntrustedPeerAreIgnored() {
        Forwarded.trust("10.0.0.0/24");
        HttpServletRequest direct = request("203.0.113.9", "http", Map.of("X-Forwarded-For", "198.51.100.1",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "attest.contoso.com", "Host", "portal:8080"));
        assertEquals("203.0.113.9", Forwarded.clientAddress(direct));
        assertFalse(Forwarded.isSecure(direct));
        assertEquals("portal:8080", Forwarded.host(direct));
    }

    @Test
    void aTrustedProxyIsBelievedAndTheClientIsTheLastHopBeforeTheProxies() {
        Forwarded.trust("10.0.0.0/24, 192.168.1.7");
        HttpServletRequest proxied = request("10.0.0.4", "http", Map.of(
                "X-Forwarded-For", "6.6.6.6, 198.51.100.1, 192.168.1.7", "X-Forwarded-Proto", "https, http",
                "X-Forwarded-Host", "attest.contoso.com"));
        assertEquals("198.51.100.1", Forwarded.clientAddress(proxied), "the address a client wrote itself is not it");
        assertTrue(Forwarded.isSecure(proxied));
        assertEquals("attest.contoso.com", Forwarded.host(proxied));
    }

    @Test
    void namesAreNeverLookedUpAndABadEntryIsRefused() {
        Forwarded.trust("10.0.0.0/8");
        assertFalse(Forwarded.trusted("localhost"));
        assertFalse(Forwarded.trusted("proxy.internal"));
        assertTrue(Forwarded.trusted("10.1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> Forwarded.trust("proxy.internal"));
    }
}
