package com.attest.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Someone signed in with a first or reset password must choose their own before doing anything else:
 * every page but the password page (and its resources) redirects there until they have.
 */
@WebFilter(filterName = "passwordChange", urlPatterns = "*.xhtml")
public class PasswordChangeFilter extends HttpFilter {

    static final String MUST_CHANGE = "attest.mustChangePassword";
    static final String PASSWORD_PAGE = "/account/password.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        String path = request.getServletPath();
        if (session != null && session.getAttribute(MUST_CHANGE) != null
                && !PASSWORD_PAGE.equals(path) && !"/login.xhtml".equals(path)) {
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    static void passwordChanged(HttpSession session) {
        session.removeAttribute(MUST_CHANGE);
    }
}
