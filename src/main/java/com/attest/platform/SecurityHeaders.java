package com.attest.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers every response carries. The Content-Security-Policy is the one declared as
 * {@code primefaces.CSP_POLICY} in web.xml: on Faces pages PrimeFaces sends it with a per-request script
 * nonce appended, everywhere else it is sent as it stands.
 */
public final class SecurityHeaders {

    public static final String CSP_PARAM = "primefaces.CSP_POLICY";

    private SecurityHeaders() {
    }

    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (isFacesPage(request)) {
            response.setHeader("Cache-Control", "no-store");
        } else {
            response.setHeader("Content-Security-Policy",
                    request.getServletContext().getInitParameter(CSP_PARAM).trim());
        }
    }

    private static boolean isFacesPage(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.endsWith(".xhtml") || "/".equals(path) || path.isEmpty();
    }
}
