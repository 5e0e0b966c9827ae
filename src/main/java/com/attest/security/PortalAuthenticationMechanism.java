package com.attest.security;

import com.attest.platform.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Form sign-in for pages, HTTP Basic for the API, and the sign-in with Entra ID its callback completes
 * ({@link EntraCredential}).
 *
 * <p>Pages: the login page hands the credentials over through {@code SecurityContext.authenticate}; the person who
 * signed in is remembered in the session and known again on each of its requests. An unauthenticated request for a
 * protected page is redirected to the login page, which returns the person there afterwards. API ({@code /api/*}):
 * a Basic {@code Authorization} header is checked on each call and creates no session (nothing a cookie could carry
 * on alone); a call without credentials is answered 401, never redirected. Both go through the one identity store,
 * so lockout, throttling and auditing apply alike.
 */
@ApplicationScoped
public class PortalAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login.xhtml";
    /** Session attribute: where the person was going when asked to sign in. */
    public static final String RETURN_TO = "attest.returnTo";
    /** Session attributes: who signed in through the login page, and their roles. */
    private static final String CALLER = "attest.caller";
    private static final String GROUPS = "attest.groups";

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private Clock clock;

    @Inject
    private SignInOutcome outcome;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential == null && isIntake(request)) {
            // intake keys and Entra ID tokens are the endpoint's to check; a delivery (a POST, which the container
            // lets through) gets its headers from the filters, anything the container refuses gets them here
            if (!"POST".equals(request.getMethod())) {
                SecurityHeaders.apply(request, response);
            }
            return context.doNothing();
        }
        // Sign-in redirects and 401s are answered here, before any filter runs.
        SecurityHeaders.apply(request, response);
        if (credential instanceof EntraCredential entra) {
            Set<String> groups = new HashSet<>();
            entra.result().roles().forEach(r -> groups.add(r.name()));
            remember(request.getSession(), entra.result().username(), groups);
            return context.notifyContainerAboutLogin(entra.result().username(), groups);
        }
        if (credential != null) {
            CredentialValidationResult result = identityStores.validate(credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                remember(request.getSession(), result.getCallerPrincipal().getName(), result.getCallerGroups());
            }
            return context.notifyContainerAboutLogin(result);
        }
        boolean api = request.getServletPath().startsWith("/api");
        String authorization = request.getHeader("Authorization");
        if (api && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordCredential basic = decodeBasic(authorization.substring(6).trim());
            if (basic != null) {
                CredentialValidationResult result = identityStores.validate(basic);
                // a first or reset password must be changed on the page before it opens anything
                boolean mustChange = outcome.result() != null && outcome.result().mustChangePassword();
                if (result.getStatus() == CredentialValidationResult.Status.VALID && !mustChange) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
            return challenge(response, context);
        }
        HttpSession session = request.getSession(false);
        String caller = session == null ? null : (String) session.getAttribute(CALLER);
        if (caller != null) {
            @SuppressWarnings("unchecked")
            Set<String> groups = (Set<String>) session.getAttribute(GROUPS);
            return context.notifyContainerAboutLogin(caller, groups);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (api) {
            return challenge(response, context);
        }
        if ("GET".equals(request.getMethod())) {
            String target = request.getRequestURI().substring(request.getContextPath().length());
            String query = request.getQueryString();
            request.getSession().setAttribute(RETURN_TO, query == null ? target : target + "?" + query);
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    /** An alert delivery: in a storm the portal's most frequent request, answered by the intake servlet alone. */
    private static boolean isIntake(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/intake/", request.getContextPath().length());
    }

    /** A sign-in through a page: from now on the session carries the person, checked by {@link SessionGuard}. */
    private void remember(HttpSession session, String caller, Set<String> groups) {
        session.setAttribute(CALLER, caller);
        session.setAttribute(GROUPS, new HashSet<>(groups));
        SessionGuard.signedIn(session, clock.instant());
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Attest\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    private static UsernamePasswordCredential decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null
                    : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
