package com.attest.security.web;

import com.attest.platform.Forwarded;
import com.attest.security.EntraCredential;
import com.attest.security.EntraRefusal;
import com.attest.security.EntraSignIn;
import com.attest.security.PortalAuthenticationMechanism;
import com.attest.security.SignInResult;
import com.attest.security.SignInService;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Sign-in with Microsoft Entra ID. {@code /signin/entra} begins it: a cookie only this browser holds binds the
 * sign-in to it (SameSite=Lax, so that it comes back with Microsoft's redirect, which the session cookie, Strict,
 * does not), and the browser goes to Microsoft. {@code /signin/entra/callback} finishes it: the code is redeemed and
 * the ID token checked, the account made or brought in line, and a new session begun. The session cookie is sent
 * only on requests the portal's own pages start, so the callback answers with a page that moves on by itself.
 * Whatever goes wrong ends on the sign-in page with a message that names no detail (those go to the audit trail).
 */
@WebServlet(name = "entraSignIn", urlPatterns = {EntraSignInServlet.START, EntraSignInServlet.CALLBACK})
public class EntraSignInServlet extends HttpServlet {

    public static final String START = "/signin/entra";
    static final String CALLBACK = "/signin/entra/callback";
    /** Session attribute: the ID token the session began with, the hint for signing out of Entra ID. */
    public static final String ID_TOKEN = "attest.entra.idToken";
    private static final String BROWSER_COOKIE = "attest_entra";
    private static final Logger LOG = Logger.getLogger(EntraSignInServlet.class.getName());

    @Inject
    private EntraSignIn entra;

    @Inject
    private SignInService signIn;

    @Inject
    private SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        try {
            if (CALLBACK.equals(request.getServletPath())) {
                finish(request, response);
            } else {
                begin(request, response);
            }
        } catch (EntraRefusal refusal) {
            LOG.info(() -> "Entra ID sign-in refused (" + refusal.reason() + "): " + refusal.getMessage());
            signIn.entraRefused(refusal.reason().parameter() + ": " + refusal.getMessage());
            toLogin(request, response, refusal.reason());
        }
    }

    private void begin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        String returnTo = session == null ? null : (String) session.getAttribute(PortalAuthenticationMechanism.RETURN_TO);
        EntraSignIn.Start start = entra.begin(base(request) + CALLBACK, LoginBacking.isSafe(returnTo) ? returnTo : null);
        response.addHeader("Set-Cookie", cookie(request, start.browserValue(), 600));
        response.sendRedirect(start.authorization().toString());
    }

    private void finish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.addHeader("Set-Cookie", cookie(request, "", 0));
        EntraSignIn.Finished finished = entra.complete(request.getParameter("state"), request.getParameter("code"),
                request.getParameter("error"), browserValue(request));
        SignInResult result = signIn.entra(finished.identity());
        if (!result.signedIn()) {
            toLogin(request, response, switch (result.status()) {
                case DISABLED -> EntraRefusal.Reason.DISABLED;
                case EXPIRED -> EntraRefusal.Reason.EXPIRED;
                default -> EntraRefusal.Reason.USERNAME;
            });
            return;
        }
        HttpSession before = request.getSession(false);
        if (before != null) {
            before.invalidate(); // whatever the browser had, it begins afresh
        }
        AuthenticationStatus status = security.authenticate(request, response,
                AuthenticationParameters.withParams().newAuthentication(true).credential(new EntraCredential(result)));
        if (status != AuthenticationStatus.SUCCESS) {
            throw new EntraRefusal(EntraRefusal.Reason.TOKEN, "the container refused the signed-in person");
        }
        request.getSession().setAttribute(ID_TOKEN, finished.identity().idToken());
        String target = request.getContextPath()
                + (LoginBacking.isSafe(finished.returnTo()) ? finished.returnTo() : "/");
        onwards(response, target);
    }

    /** A page that moves on to the portal by itself: a navigation the portal's own page starts carries the session. */
    private static void onwards(HttpServletResponse response, String target) throws IOException {
        String escaped = target.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="UTF-8"><title>Signed in · Attest</title>
                <meta http-equiv="refresh" content="0;url=%s"></head>
                <body><main><p>Signed in. <a href="%s">Continue to Attest</a></p></main></body></html>
                """.formatted(escaped, escaped));
    }

    private static void toLogin(HttpServletRequest request, HttpServletResponse response, EntraRefusal.Reason reason)
            throws IOException {
        response.sendRedirect(request.getContextPath() + PortalAuthenticationMechanism.LOGIN_PAGE + "?signin="
                + reason.parameter());
    }

    /** The portal as this browser reaches it (through a trusted proxy, its scheme and host). */
    private static String base(HttpServletRequest request) {
        return Forwarded.scheme(request) + "://" + Forwarded.host(request) + request.getContextPath();
    }

    private static String browserValue(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (BROWSER_COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static String cookie(HttpServletRequest request, String value, int maxAge) {
        return BROWSER_COOKIE + "=" + value + "; Path=" + request.getContextPath() + START + "; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Lax" + (Forwarded.isSecure(request) ? "; Secure" : "");
    }
}
