package com.attest.oncall;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Checks on the addresses and settings a channel is built with. */
final class Endpoints {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private Endpoints() {
    }

    /**
     * An absolute https URL; plain http only on this machine (localhost, 127.0.0.1, [::1]). Messages name the host
     * only: webhook URLs carry their secret in the path or query.
     */
    static URI requireHttps(URI url, String what) {
        if (url == null) {
            throw new IllegalArgumentException(what + " is missing.");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(what + " must be an absolute https URL.");
        }
        if (scheme.equals("http") && !isLoopback(url)) {
            throw new IllegalArgumentException(what + " must use https, not http (" + url.getHost() + ").");
        }
        return url;
    }

    static boolean isLoopback(URI url) {
        return url.getHost() != null && LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT));
    }

    /** Scheme, host and port: what may be shown of an endpoint. */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    static Duration requireTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, not " + timeout + ".");
        }
        return timeout;
    }
}
