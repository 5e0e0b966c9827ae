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
        if (Forwarded.isSecure(request)) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/api/") || isFacesPage(path)) {
            // pages and API answers hold evidence and personal data: never kept by a browser or proxy
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        if (!isFacesPage(path)) {
            response.setHeader("Content-Security-Policy",
                    request.getServletContext().getInitParameter(CSP_PARAM).trim());
        }
    }

    /** Whether {@code path} (below the context root) is a Faces page, which PrimeFaces sends its own policy for. */
    public static boolean isFacesPage(String path) {
        return path.endsWith(".xhtml") || "/".equals(path) || path.isEmpty();
    }
}
