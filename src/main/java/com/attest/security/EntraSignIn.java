package com.attest.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Sign-in with Microsoft Entra ID by OpenID Connect's authorization-code flow: the provider's endpoints and keys
 * from its discovery document; each sign-in with its own state, nonce and PKCE verifier, bound to the browser that
 * began it; the code redeemed with the client's secret; the ID token's signature, issuer, audience, lifetime and
 * nonce checked before any claim is read. Roles come from the configured claim, mapped by {@link EntraRoles}.
 */
@ApplicationScoped
public class EntraSignIn {

    private static final Logger LOG = Logger.getLogger(EntraSignIn.class.getName());
    private static final int TIMEOUT_MILLIS = 10_000;
    /** How long the provider's discovery document is trusted before it is read again. */
    private static final Duration DISCOVERY_LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where to send the browser, and the value of the cookie that binds the sign-in to it. */
    public record Start(URI authorization, String browserValue) {
    }

    @Inject
    private EntraSettings settings;

    @Inject
    private EntraSignInStore store;

    @Inject
    private Clock clock;

    private volatile Provider provider;

    /** The provider as discovered: its metadata and a validator holding its signing keys (re-read on a new key). */
    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant readAt) {
    }

    /**
     * Begins a sign-in for the browser that asked: records its state, nonce and verifier, and answers where to send
     * it ({@code redirectUri} being this portal's callback as the browser reaches it).
     */
    public Start begin(String redirectUri, String returnTo) {
        if (!settings.isOn()) {
            throw new EntraRefusal(EntraRefusal.Reason.OFF, "sign-in with Entra ID is not configured");
        }
        OIDCProviderMetadata metadata = provider().metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String browser = random();
        store.begin(state.getValue(), new EntraSignInStore.Pending(nonce.getValue(), verifier.getValue(),
                EntraSignInStore.hash(browser), redirectUri, returnTo, clock.instant()));
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), new ClientID(settings.clientId()), URI.create(redirectUri))
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .responseMode(ResponseMode.QUERY)
                .build();
        return new Start(request.toURI(), browser);
    }

    /**
     * Finishes the sign-in the callback names: the state must be one this portal began in this browser, less than
     * ten minutes ago, and not used before.
     *
     * @return who signed in, and where they were going
     * @throws EntraRefusal saying why nobody is signed in
     */
    public Finished complete(String state, String code, String error, String browserValue) {
        EntraSignInStore.Pending pending = store.take(state).orElseThrow(() -> new EntraRefusal(
                EntraRefusal.Reason.STALE, "unknown or used state"));
        if (!pending.browserHash().equals(EntraSignInStore.hash(browserValue))) {
            throw new EntraRefusal(EntraRefusal.Reason.STALE, "the state was begun in another browser");
        }
        if (clock.instant().isAfter(pending.createdAt().plus(EntraSignInStore.LIFETIME))) {
            throw new EntraRefusal(EntraRefusal.Reason.STALE, "the sign-in took longer than ten minutes");
        }
        if (error != null && !error.isEmpty()) {
            throw new EntraRefusal(EntraRefusal.Reason.PROVIDER, "Entra ID answered " + error);
        }
        if (code == null || code.isEmpty()) {
            throw new EntraRefusal(EntraRefusal.Reason.PROVIDER, "no code in the callback");
        }
        Redeemed redeemed = redeem(code, pending);
        return new Finished(identity(redeemed.claims(), redeemed.idToken()), pending.returnTo());
    }

    /** The outcome of a completed sign-in. */
    public record Finished(EntraIdentity identity, String returnTo) {
    }

    /** Where to send the browser to sign out of Entra ID too, or null when the provider names no such place. */
    public URI endSession(String idToken, String afterwards) {
        if (!settings.isOn()) {
            return null;
        }
        try {
            URI end = provider().metadata().getEndSessionEndpointURI();
            if (end == null) {
                return null;
            }
            StringBuilder uri = new StringBuilder(end.toString()).append(end.getQuery() == null ? '?' : '&')
                    .append("post_logout_redirect_uri=").append(encode(afterwards));
            if (idToken != null) {
                uri.append("&id_token_hint=").append(encode(idToken));
            }
            return URI.create(uri.toString());
        } catch (RuntimeException e) {
            LOG.warning("Entra ID sign-out address unknown: " + e.getMessage());
            return null;
        }
    }

    /** The ID token as it came, and its claims once checked. */
    private record Redeemed(IDTokenClaimsSet claims, String idToken) {
    }

    private Redeemed redeem(String code, EntraSignInStore.Pending pending) {
        Provider p = provider();
        ClientID client = new ClientID(settings.clientId());
        ClientAuthentication authentication = settings.clientSecret() == null ? null
                : new ClientSecretBasic(client, new Secret(settings.clientSecret()));
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create(pending.redirectUri()), new CodeVerifier(pending.codeVerifier()));
        TokenRequest request = authentication == null
                ? new TokenRequest(p.metadata().getTokenEndpointURI(), client, grant)
                : new TokenRequest(p.metadata().getTokenEndpointURI(), authentication, grant);
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            HTTPResponse answer = http.send();
            TokenResponse response = OIDCTokenResponseParser.parse(answer);
            if (!response.indicatesSuccess()) {
                TokenErrorResponse refused = response.toErrorResponse();
                throw new EntraRefusal(EntraRefusal.Reason.TOKEN, "the token endpoint refused the code: "
                        + refused.getErrorObject().getCode() + " " + refused.getErrorObject().getDescription());
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
            IDTokenClaimsSet claims = p.validator().validate(idToken, new Nonce(pending.nonce()));
            return new Redeemed(claims, idToken.serialize());
        } catch (EntraRefusal refusal) {
            throw refusal;
        } catch (Exception e) {
            throw new EntraRefusal(EntraRefusal.Reason.TOKEN, "the ID token did not pass: " + e.getMessage(), e);
        }
    }

    /** Who the checked claims name, with the roles the configured claim gives. */
    EntraIdentity identity(IDTokenClaimsSet claims, String idToken) {
        String objectId = firstNonBlank(claims.getStringClaim("oid"), claims.getSubject().getValue());
        String tenantId = firstNonBlank(claims.getStringClaim("tid"), claims.getIssuer().getValue());
        String username = AccountForm.normalizeUsername(firstNonBlank(claims.getStringClaim("preferred_username"),
                claims.getStringClaim("email"), claims.getStringClaim("upn")));
        if (username.isEmpty() || !username.matches("[a-z0-9][a-z0-9._@-]{2,63}")) {
            throw new EntraRefusal(EntraRefusal.Reason.NO_USERNAME, "no usable username in the token: '"
                    + username + "'");
        }
        String email = firstNonBlank(claims.getStringClaim("email"),
                username.contains("@") ? username : null, username + "@invalid");
        String name = firstNonBlank(claims.getStringClaim("name"), username);
        List<String> values = strings(claims, settings.claim());
        Set<Role> roles = settings.roles().of(values);
        if (roles.isEmpty()) {
            throw new EntraRefusal(EntraRefusal.Reason.NO_ROLE, username + " has no portal role in '"
                    + settings.claim() + "': " + values);
        }
        if (settings.requireMfa()) {
            List<String> methods = strings(claims, "amr").stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
            if (settings.mfaMethods().stream().map(m -> m.toLowerCase(Locale.ROOT)).noneMatch(methods::contains)) {
                throw new EntraRefusal(EntraRefusal.Reason.MFA, username + " signed in without a second factor: amr "
                        + methods);
            }
        }
        return new EntraIdentity(tenantId, objectId, username, name.length() > 200 ? name.substring(0, 200) : name,
                email.length() > 254 ? email.substring(0, 254) : email, roles, idToken);
    }

    /** The provider's metadata and keys, discovered once and again twice a day (or after a failure). */
    private Provider provider() {
        Provider p = provider;
        if (p == null || clock.instant().isAfter(p.readAt().plus(DISCOVERY_LIFETIME))) {
            synchronized (this) {
                p = provider;
                if (p == null || clock.instant().isAfter(p.readAt().plus(DISCOVERY_LIFETIME))) {
                    p = discover();
                    provider = p;
                }
            }
        }
        return p;
    }

    private Provider discover() {
        try {
            Issuer issuer = new Issuer(settings.issuer());
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer, TIMEOUT_MILLIS, TIMEOUT_MILLIS);
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()),
                    JWSAlgorithm.RS256, metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, 512 * 1024));
            return new Provider(metadata, validator, clock.instant());
        } catch (Exception e) {
            throw new EntraRefusal(EntraRefusal.Reason.TOKEN, "Entra ID's discovery document at "
                    + settings.issuer() + " could not be read: " + e.getMessage(), e);
        }
    }

    /** A claim's values: a list of strings, or one string, or none. */
    private static List<String> strings(IDTokenClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value instanceof List<?> list) {
            return list.stream().filter(v -> v != null).map(Object::toString).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
