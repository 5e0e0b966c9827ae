package com.attest.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a change that a foreign page could have sent in the person's name: an unsafe request (not GET, HEAD or
 * OPTIONS) that rides on the session cookie must come from the portal's own origin — its {@code Origin} header, or
 * when a browser sent none its {@code Referer}, names this scheme, host and port. Requests that carry their own
 * credentials (Basic, bearer, intake keys) prove themselves and are not asked. {@code SameSite=Strict} alone does
 * not cover a sibling port or subdomain; this does.
 */
@WebFilter(filterName = "sameOrigin")
public class SameOriginFilter extends HttpFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE.contains(request.getMethod()) || request.getHeader("Authorization") != null
                || request.getRequestedSessionId() == null || sameOrigin(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    /** Whether the request names the portal's own origin (or names none at all, as non-browser clients do). */
    static boolean sameOrigin(HttpServletRequest request) {
        String claimed = request.getHeader("Origin");
        if (claimed == null || claimed.isBlank()) {
            String referer = request.getHeader("Referer");
            if (referer == null || referer.isBlank()) {
                return true;
            }
            claimed = origin(referer);
        }
        return own(request).equals(normalise(claimed));
    }

    /** This request's own origin, as the browser that sent it saw it. */
    private static String own(HttpServletRequest request) {
        return normalise(Forwarded.scheme(request) + "://" + Forwarded.host(request));
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Lower case, without the scheme's default port. */
    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.startsWith("http://") && o.endsWith(":80")) {
            return o.substring(0, o.length() - 3);
        }
        if (o.startsWith("https://") && o.endsWith(":443")) {
            return o.substring(0, o.length() - 4);
        }
        return o;
    }
}
