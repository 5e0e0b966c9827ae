package com.attest.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * Microsoft Entra ID for sign-in, played by a real OpenID Connect provider in the test JVM (mock-oauth2-server:
 * discovery, authorize, token and JWKS endpoints, RS256-signed ID tokens carrying the nonce of the request). The
 * portal's client code talks to it exactly as it would to login.microsoftonline.com. Who signs in next is queued with
 * {@link #next}: the claims the ID token of the next code redeemed will carry (a second factor among them, as the
 * portal under test requires one).
 */
public final class FakeEntra {

    public static final String ISSUER_ID = "entra";
    public static final String CLIENT_ID = "attest-portal";
    public static final String CLIENT_SECRET = "client-secret-for-tests";
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    /** The app roles the shared portal maps to its roles. */
    public static final String LEAD = "Attest.Lead";
    public static final String RESPONDER = "Attest.Responder";
    public static final String AUDITOR = "Attest.Auditor";

    private final MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config());

    public FakeEntra start() {
        server.start(0);
        return this;
    }

    public void stop() {
        server.shutdown();
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The portal's configuration for sign-in with this provider. */
    public String[] config() {
        return new String[]{
            "attest.signin.entra.issuer=" + issuer(),
            "attest.signin.entra.client-id=" + CLIENT_ID,
            "attest.signin.entra.client-secret=" + CLIENT_SECRET,
            "attest.signin.entra.roles=COMPLIANCE_LEAD=" + LEAD + ",RESPONDER=" + RESPONDER + ",AUDITOR=" + AUDITOR,
            "attest.signin.entra.require-mfa=true"};
    }

    /** The next ID token: a member of the tenant with these app roles. */
    public void next(String objectId, String username, String name, List<String> roles) {
        next(objectId, username, name, roles, Map.of(), 3600);
    }

    /**
     * The next ID token, with {@code extra} claims on top (which may replace standard ones: {@code aud}, {@code tid},
     * {@code amr}…) and a lifetime of {@code seconds} (negative: already expired).
     */
    public void next(String objectId, String username, String name, List<String> roles, Map<String, Object> extra,
                     long seconds) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("oid", objectId);
        claims.put("tid", TENANT);
        claims.put("preferred_username", username);
        claims.put("name", name);
        claims.put("roles", roles);
        claims.put("amr", List.of("pwd", "mfa"));
        claims.putAll(extra);
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, objectId, "JWT", null, claims, seconds));
    }
}
