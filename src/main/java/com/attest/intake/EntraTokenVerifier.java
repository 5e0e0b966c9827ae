package com.attest.intake;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the {@code Authorization: Bearer} token that Entra ID issues for an Azure Monitor Action Group's secure
 * webhook call: an RS256 signature by a key of the configured JWK set chosen by {@code kid}, the expiry and
 * not-before times (five minutes' clock skew), a trusted issuer, one of this portal's audiences and the required
 * app role.
 *
 * <p>Keys at a URL are fetched with a two-second timeout and cached for five minutes; a token naming an unknown
 * {@code kid} triggers one early refetch (key rollover), rate-limited to two fetches per 30 seconds. After a
 * successful fetch the cached keys keep serving for up to an hour while the URL is unreachable. Keys from a file
 * or inline JSON are read once, at construction. Thread-safe.
 */
public final class EntraTokenVerifier {

    /** Longest token read at all; Entra's are a few kilobytes. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int HTTP_TIMEOUT_MILLIS = 2_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);
    private static final Duration CACHE_REFRESH_WAIT = Duration.ofSeconds(5);
    private static final Duration REFETCH_MIN_INTERVAL = Duration.ofSeconds(30);
    private static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);
    private static final int MAX_ECHOED_LENGTH = 100;

    private final JWKSource<SecurityContext> keys;
    private final String keysDescription;
    private final Set<String> issuers;
    private final Set<String> audiences;
    private final String requiredRole;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException when the settings are not enabled or incomplete, the JWKS URL is not https
     *                                  (http is allowed for localhost only), or the JWKS file or inline JSON cannot
     *                                  be read
     */
    public EntraTokenVerifier(EntraSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!settings.enabled()) {
            throw new IllegalArgumentException("Entra ID token verification has no JWKS location");
        }
        if (settings.issuers().isEmpty()) {
            throw new IllegalArgumentException("Entra ID token verification needs at least one trusted issuer");
        }
        if (settings.audiences().isEmpty()) {
            throw new IllegalArgumentException("Entra ID token verification needs at least one audience");
        }
        if (settings.requiredRole() == null || settings.requiredRole().isBlank()) {
            throw new IllegalArgumentException("Entra ID token verification needs the required app role");
        }
        this.issuers = settings.issuers();
        this.audiences = settings.audiences();
        this.requiredRole = settings.requiredRole().strip();

        String location = settings.jwksLocation().strip();
        if (location.startsWith("{")) {
            this.keys = new ImmutableJWKSet<>(parseKeys(location, "inline JWKS"));
            this.keysDescription = "inline JWKS";
        } else if (location.contains("://")) {
            this.keys = remoteKeys(httpsUrl(location));
            this.keysDescription = location;
        } else {
            this.keys = new ImmutableJWKSet<>(parseKeys(readFile(location), "JWKS file " + location));
            this.keysDescription = location;
        }
    }

    /**
     * Returns who called, or throws.
     *
     * @param authorizationHeader the request's {@code Authorization} header, null when absent
     * @throws TokenRejected with {@link TokenRejected#forbidden()} true when a valid token lacks the required app
     *                       role, false for any other reason
     */
    public VerifiedCaller verify(String authorizationHeader) {
        SignedJWT jwt = parse(bearerToken(authorizationHeader));
        checkSignature(jwt);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthorized("token claims are malformed");
        }
        checkTimes(claims);
        checkIssuer(claims);
        checkAudience(claims);
        return caller(claims);
    }

    private static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            throw unauthorized("no Authorization header");
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw unauthorized("Authorization scheme is not Bearer");
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw unauthorized("no bearer token after the Bearer scheme");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw unauthorized("token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        return token;
    }

    private static SignedJWT parse(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw unauthorized("token is not a well-formed JWT");
        }
        // Only RS256 is ever accepted, whatever the header asks for: no "none", no HMAC keyed with a public key.
        if (jwt instanceof EncryptedJWT) {
            throw unauthorized("encrypted tokens are not accepted");
        }
        Algorithm alg = jwt.getHeader().getAlgorithm();
        if (!(jwt instanceof SignedJWT signed) || !JWSAlgorithm.RS256.equals(alg)) {
            throw unauthorized("algorithm " + echo(alg.getName()) + " is not accepted, only RS256");
        }
        return signed;
    }

    private void checkSignature(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            throw unauthorized("token names no signing key (kid)");
        }
        RSAKey key = signingKey(kid);
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw unauthorized("signature does not match signing key " + echo(kid));
            }
        } catch (JOSEException e) {
            throw new TokenRejected("signature could not be checked with signing key " + echo(kid), e);
        }
    }

    private RSAKey signingKey(String kid) {
        JWKSelector selector = new JWKSelector(new JWKMatcher.Builder()
                .keyType(KeyType.RSA)
                .keyID(kid)
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(JWSAlgorithm.RS256, null)
                .build());
        List<JWK> found;
        try {
            found = keys.get(selector, null);
        } catch (RateLimitReachedException e) {
            // the keys were fetched moments ago and do not hold this kid
            throw unauthorized("signing key " + echo(kid) + " is not known");
        } catch (KeySourceException e) {
            throw new TokenRejected("signing keys could not be loaded from " + keysDescription, e);
        }
        if (found.isEmpty()) {
            throw unauthorized("signing key " + echo(kid) + " is not known");
        }
        return (RSAKey) found.get(0);
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw unauthorized("token has no expiry (exp)");
        }
        if (now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
            throw unauthorized("token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf.toInstant())) {
            throw unauthorized("token is not valid before " + nbf.toInstant());
        }
    }

    private void checkIssuer(JWTClaimsSet claims) {
        String iss = claims.getIssuer();
        if (iss == null) {
            throw unauthorized("token has no issuer (iss)");
        }
        if (!issuers.contains(iss)) {
            throw unauthorized("issuer " + echo(iss) + " is not trusted");
        }
    }

    private void checkAudience(JWTClaimsSet claims) {
        List<String> aud = claims.getAudience();
        if (aud.isEmpty()) {
            throw unauthorized("token has no audience (aud)");
        }
        if (Collections.disjoint(aud, audiences)) {
            throw unauthorized("audience " + echo(String.join(", ", aud)) + " is not this portal's");
        }
    }

    private VerifiedCaller caller(JWTClaimsSet claims) {
        try {
            String subject = firstPresent(claims.getStringClaim("oid"), claims.getSubject());
            if (subject == null) {
                throw unauthorized("token names no subject (oid or sub)");
            }
            String appId = firstPresent(claims.getStringClaim("appid"), claims.getStringClaim("azp"));
            List<String> listed = claims.getStringListClaim("roles");
            Set<String> roles = listed == null ? Set.of()
                    : listed.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
            if (!roles.contains(requiredRole)) {
                throw new TokenRejected("token lacks the app role " + requiredRole, true);
            }
            return new VerifiedCaller(subject, appId, roles);
        } catch (ParseException e) {
            throw unauthorized("token claims are malformed");
        }
    }

    private static String firstPresent(String first, String second) {
        return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
    }

    private static JWKSource<SecurityContext> remoteKeys(URL url) {
        DefaultResourceRetriever retriever =
                new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT);
        return JWKSourceBuilder.<SecurityContext>create(url, retriever)
                .cache(CACHE_TIME_TO_LIVE.toMillis(), CACHE_REFRESH_WAIT.toMillis())
                .refreshAheadCache(false) // no background threads inside the application server
                .rateLimited(REFETCH_MIN_INTERVAL.toMillis())
                .outageTolerant(OUTAGE_TOLERANCE.toMillis())
                .build();
    }

    private static URL httpsUrl(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("JWKS URL is malformed: " + location, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("JWKS URL must be https: " + location);
        }
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWKS URL is malformed: " + location, e);
        }
    }

    private static String readFile(String location) {
        try {
            return Files.readString(Path.of(location));
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException("JWKS file " + location + " cannot be read", e);
        }
    }

    private static JWKSet parseKeys(String json, String description) {
        try {
            return JWKSet.parse(json).toPublicJWKSet();
        } catch (ParseException e) {
            throw new IllegalArgumentException(description + " is not a valid JWK set", e);
        }
    }

    private static TokenRejected unauthorized(String message) {
        return new TokenRejected(message, false);
    }

    /** A value taken from the token, safe to put in a message or a log line: printable and short. */
    private static String echo(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(MAX_ECHOED_LENGTH)
                .forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (value.codePointCount(0, value.length()) > MAX_ECHOED_LENGTH) {
            sb.append('…');
        }
        return sb.toString();
    }
}
