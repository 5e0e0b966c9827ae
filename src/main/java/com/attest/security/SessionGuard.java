package com.attest.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;

/**
 * Keeps a session honest after sign-in:
 * <ul>
 *   <li>an account disabled, expired, given other roles, or whose password was reset since this session signed
 *       in loses the session at its next request, not whenever the session would have timed out;</li>
 *   <li>someone signed in with a first or reset password must choose their own before doing anything else:
 *       every page but the password page redirects there until they have.</li>
 * </ul>
 */
@WebFilter(filterName = "sessionGuard")
public class SessionGuard extends HttpFilter {

    static final String SIGNED_IN_AT = "attest.signedInAt";
    static final String MUST_CHANGE = "attest.mustChangePassword";
    public static final String PASSWORD_PAGE = "/account/password.xhtml";
    private static final String LOGIN_PAGE = "/login.xhtml";

    @Inject
    private SignInService signIn;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        Instant signedInAt = session == null ? null : (Instant) session.getAttribute(SIGNED_IN_AT);
        if (signedInAt != null && request.getUserPrincipal() != null
                && !signIn.stillValid(request.getUserPrincipal().getName(), signedInAt, Role.of(request))) {
            request.logout();
            session.invalidate();
            if (request.getServletPath().startsWith("/api")) {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
            }
            return;
        }
        String path = request.getServletPath();
        if (session != null && session.getAttribute(MUST_CHANGE) != null
                && !PASSWORD_PAGE.equals(path) && !LOGIN_PAGE.equals(path) && !path.startsWith("/errors/")) {
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Called at every successful sign-in: from now on this session is checked against the account. */
    static void signedIn(HttpSession session, Instant at) {
        session.setAttribute(SIGNED_IN_AT, at);
    }

    /** The person signed in with a first or reset password: nothing but the password page until changed. */
    public static void requirePasswordChange(HttpSession session) {
        session.setAttribute(MUST_CHANGE, Boolean.TRUE);
    }

    public static boolean isPasswordChangeRequired(HttpSession session) {
        return session != null && session.getAttribute(MUST_CHANGE) != null;
    }

    /** Called when the person changed their own password: the session stays valid. */
    public static void passwordChanged(HttpSession session, Instant at) {
        session.removeAttribute(MUST_CHANGE);
        session.setAttribute(SIGNED_IN_AT, at);
    }
}
