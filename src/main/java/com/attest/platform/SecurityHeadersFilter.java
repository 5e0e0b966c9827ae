package com.attest.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts {@link SecurityHeaders} on every response that reaches the application, and answers {@code OPTIONS} and
 * {@code TRACE} with 405: the portal serves no cross-origin requests and echoes nothing back. A request that reached a
 * trusted proxy over HTTPS gets its cookies marked {@code Secure}, though the portal itself saw plain HTTP: the
 * container sets the session cookie beyond any wrapper's reach, so the headers are put right once the request is
 * handled and before the answer leaves (every sign-in answers with a short redirect or page, so the cookie of a
 * signed-in session is always among them).
 */
@WebFilter(filterName = "securityHeaders")
public class SecurityHeadersFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(request, response);
        if ("OPTIONS".equals(request.getMethod()) || "TRACE".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        chain.doFilter(request, response);
        if (!request.isSecure() && Forwarded.isSecure(request) && !response.isCommitted()) {
            secureCookies(response);
        }
    }

    private static void secureCookies(HttpServletResponse response) {
        List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
        if (cookies.stream().allMatch(SecurityHeadersFilter::isSecure)) {
            return;
        }
        for (int i = 0; i < cookies.size(); i++) {
            String cookie = isSecure(cookies.get(i)) ? cookies.get(i) : cookies.get(i) + "; Secure";
            if (i == 0) {
                response.setHeader("Set-Cookie", cookie);
            } else {
                response.addHeader("Set-Cookie", cookie);
            }
        }
    }

    private static boolean isSecure(String cookie) {
        for (String attribute : cookie.split(";")) {
            if (attribute.strip().equalsIgnoreCase("Secure")) {
                return true;
            }
        }
        return false;
    }
}
