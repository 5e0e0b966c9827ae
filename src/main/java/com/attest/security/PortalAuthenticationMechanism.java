package com.attest.security;

import com.attest.platform.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Form sign-in for pages, HTTP Basic for the API.
 *
 * <p>Pages: the login page hands the credentials over through {@code SecurityContext.authenticate}; an
 * unauthenticated request for a protected page is redirected to the login page, which returns the person
 * there afterwards. API ({@code /api/*}): a Basic {@code Authorization} header is checked on each call; a
 * call without one is answered 401, never redirected. Both go through the one identity store, so lockout
 * and auditing apply alike.
 */
@ApplicationScoped
@AutoApplySession
public class PortalAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login.xhtml";
    /** Session attribute: where the person was going when asked to sign in. */
    public static final String RETURN_TO = "attest.returnTo";

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private Clock clock;

    @Inject
    private SignInOutcome outcome;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // Sign-in redirects and 401s are answered here, before any filter runs.
        SecurityHeaders.apply(request, response);
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return signedIn(request, context.notifyContainerAboutLogin(identityStores.validate(credential)));
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/intake/")) {
            return context.doNothing(); // intake keys and Entra ID tokens are the endpoint's to check
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
                    return signedIn(request, context.notifyContainerAboutLogin(result));
                }
            }
            return challenge(response, context);
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

    private AuthenticationStatus signedIn(HttpServletRequest request, AuthenticationStatus status) {
        if (status == AuthenticationStatus.SUCCESS) {
            SessionGuard.signedIn(request.getSession(), clock.instant());
        }
        return status;
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
