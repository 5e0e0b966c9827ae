package com.attest.intake;

import static com.attest.intake.EntraTokens.ACTION_GROUPS_APP_ID;
import static com.attest.intake.EntraTokens.AUDIENCE;
import static com.attest.intake.EntraTokens.ISSUER;
import static com.attest.intake.EntraTokens.ISSUER_V2;
import static com.attest.intake.EntraTokens.ROLE;
import static com.attest.intake.EntraTokens.SERVICE_PRINCIPAL_ID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntraTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-28T05:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static EntraTokens entra;
    private static EntraTokens impostor;
    private static EntraTokens rolledOver;
    private static EntraTokenVerifier verifier;

    @BeforeAll
    static void keys() {
        entra = new EntraTokens();
        impostor = new EntraTokens(entra.kid());
        rolledOver = new EntraTokens();
        verifier = new EntraTokenVerifier(entra.settings(), CLOCK);
    }

    @Test
    void acceptsAValidTokenFromInlineKeys() {
        VerifiedCaller caller = verifier.verify("Bearer " + entra.token(NOW));

        assertEquals(new VerifiedCaller(SERVICE_PRINCIPAL_ID, ACTION_GROUPS_APP_ID, Set.of(ROLE)), caller);
        assertEquals(caller, verifier.verify("bearer " + entra.token(NOW)));
    }

    @Test
    void acceptsAV2TokenNamingTheCallerBySubAndAzp() {
        JWTClaimsSet claims = EntraTokens.claims(ISSUER_V2, AUDIENCE, Set.of(ROLE, "Other.Read"), NOW.plusSeconds(600))
                .claim("oid", null).subject("c0ffee00-0000-4000-8000-000000000002")
                .claim("appid", null).claim("azp", "c0ffee00-0000-4000-8000-000000000001")
                .build();

        VerifiedCaller caller = verifier.verify("Bearer " + entra.sign(claims));

        assertEquals("c0ffee00-0000-4000-8000-000000000002", caller.subject());
        assertEquals("c0ffee00-0000-4000-8000-000000000001", caller.appId());
        assertEquals(Set.of(ROLE, "Other.Read"), caller.roles());
    }

    @Test
    void refusesASignatureByAnotherKeyUnderTheSameKid() {
        String token = impostor.token(NOW);

        TokenRejected e = rejected(verifier, "Bearer " + token);

        assertEquals("signature does not match signing key " + entra.kid(), e.getMessage());
        assertFalse(e.getMessage().contains(token));
    }

    @Test
    void refusesAnUnknownKid() {
        assertEquals("signing key " + rolledOver.kid() + " is not known",
                rejected(verifier, "Bearer " + rolledOver.token(NOW)).getMessage());
    }

    @Test
    void refusesAnUnsignedToken() {
        String token = new PlainJWT(EntraTokens.claims(ISSUER, AUDIENCE, Set.of(ROLE), NOW.plusSeconds(600)).build())
                .serialize();

        assertEquals("algorithm none is not accepted, only RS256", rejected(verifier, "Bearer " + token).getMessage());
    }

    @Test
    void refusesHs256KeyedWithThePublicKey() throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(entra.kid())
                .build();
        SignedJWT jwt = new SignedJWT(header,
                EntraTokens.claims(ISSUER, AUDIENCE, Set.of(ROLE), NOW.plusSeconds(600)).build());
        jwt.sign(new MACSigner(entra.key().toRSAPublicKey().getEncoded()));

        assertEquals("algorithm HS256 is not accepted, only RS256",
                rejected(verifier, "Bearer " + jwt.serialize()).getMessage());
    }

    @Test
    void refusesAnotherRsaAlgorithmEvenWithTheRightKey() throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(entra.kid()).build();
        SignedJWT jwt = new SignedJWT(header,
                EntraTokens.claims(ISSUER, AUDIENCE, Set.of(ROLE), NOW.plusSeconds(600)).build());
        jwt.sign(new RSASSASigner(entra.key()));

        assertEquals("algorithm PS256 is not accepted, only RS256",
                rejected(verifier, "Bearer " + jwt.serialize()).getMessage());
    }

    @Test
    void refusesAnExpiredToken() {
        String token = entra.token(ISSUER, AUDIENCE, Set.of(ROLE), NOW.minus(Duration.ofMinutes(6)));

        assertEquals("token expired at 2026-11-28T04:54:00Z", rejected(verifier, "Bearer " + token).getMessage());
    }

    @Test
    void refusesATokenWithoutExpiry() {
        JWTClaimsSet claims = EntraTokens.claims(ISSUER, AUDIENCE, Set.of(ROLE), NOW.plusSeconds(600))
                .expirationTime(null).build();

        assertEquals("token has no expiry (exp)", rejected(verifier, "Bearer " + entra.sign(claims)).getMessage());
    }

    @Test
    void refusesATokenNotYetValid() {
        JWTClaimsSet claims = EntraTokens.claims(ISSUER, AUDIENCE, Set.of(ROLE), NOW.plus(Duration.ofHours(1)))
                .notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(6)))).build();

        assertEquals("token is not valid before 2026-11-28T05:06:00Z",
                rejected(verifier, "Bearer " + entra.sign(claims)).getMessage());
    }

    @Test
    void allowsFiveMinutesOfClockSkewEitherWay() {
        String justExpired = entra.token(ISSUER, AUDIENCE, Set.of(ROLE), NOW.minus(Duration.ofMinutes(4)));
        String almostValid = entra.sign(EntraTokens.claims(ISSUER, AUDIENCE, Set.of(ROLE), NOW.plusSeconds(3600))
                .notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(4)))).build());

        assertEquals(SERVICE_PRINCIPAL_ID, verifier.verify("Bearer " + justExpired).subject());
        assertEquals(SERVICE_PRINCIPAL_ID, verifier.verify("Bearer " + almostValid).subject());
    }

    @Test
    void refusesAnUntrustedIssuer() {
        String token = entra.token("https://evil/", AUDIENCE, Set.of(ROLE), NOW.plusSeconds(600));

        assertEquals("issuer https://evil/ is not trusted", rejected(verifier, "Bearer " + token).getMessage());
    }

    @Test
    void refusesAnotherAudience() {
        String token = entra.token(ISSUER, "api://other", Set.of(ROLE), NOW.plusSeconds(600));

        assertEquals("audience api://other is not this portal's", rejected(verifier, "Bearer " + token).getMessage());
    }

    @Test
    void forbidsAValidTokenWithoutTheRole() {
        String otherRole = entra.token(ISSUER, AUDIENCE, Set.of("Other.Read"), NOW.plusSeconds(600));
        String noRoles = entra.sign(EntraTokens.claims(ISSUER, AUDIENCE, Set.of(), NOW.plusSeconds(600))
                .claim("roles", null).build());

        for (String token : new String[] {otherRole, noRoles}) {
            TokenRejected e = assertThrows(TokenRejected.class, () -> verifier.verify("Bearer " + token));
            assertTrue(e.forbidden());
            assertEquals("token lacks the app role ActionGroupsSecureWebhook", e.getMessage());
        }
    }

    @Test
    void refusesMissingOrOtherAuthorization() {
        assertEquals("no Authorization header", rejected(verifier, null).getMessage());
        assertEquals("no Authorization header", rejected(verifier, " ").getMessage());
        assertEquals("Authorization scheme is not Bearer", rejected(verifier, "Basic YWxlcnQ6c2VjcmV0").getMessage());
        assertEquals("Authorization scheme is not Bearer", rejected(verifier, entra.token(NOW)).getMessage());
        assertEquals("no bearer token after the Bearer scheme", rejected(verifier, "Bearer").getMessage());
        assertEquals("no bearer token after the Bearer scheme", rejected(verifier, "Bearer   ").getMessage());
    }

    @Test
    void refusesGarbage() {
        for (String garbage : new String[] {"not-a-jwt", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30", "x\r\ny"}) {
            TokenRejected e = rejected(verifier, "Bearer " + garbage);
            assertEquals("token is not a well-formed JWT", e.getMessage());
        }
    }

    @Test
    void refusesAnOverLongTokenBeforeParsingIt() {
        String token = entra.sign(EntraTokens.claims(ISSUER, AUDIENCE, Set.of(ROLE), NOW.plusSeconds(600))
                .claim("padding", "x".repeat(EntraTokenVerifier.MAX_TOKEN_LENGTH)).build());

        assertEquals("token is longer than 16384 characters", rejected(verifier, "Bearer " + token).getMessage());
        assertEquals("token is longer than 16384 characters",
                rejected(verifier, "Bearer " + "a".repeat(EntraTokenVerifier.MAX_TOKEN_LENGTH + 1)).getMessage());
    }

    @Test
    void fetchesKeysOverHttpOnceAndCachesThem() throws IOException {
        try (JwksServer server = new JwksServer(entra.jwks())) {
            EntraTokenVerifier remote = new EntraTokenVerifier(EntraTokens.settings(server.url()), CLOCK);

            for (int i = 0; i < 3; i++) {
                assertEquals(SERVICE_PRINCIPAL_ID, remote.verify("Bearer " + entra.token(NOW)).subject());
            }
            assertEquals(1, server.fetches());
        }
    }

    @Test
    void refetchesKeysOnceWhenTheyRollOver() throws IOException {
        try (JwksServer server = new JwksServer(entra.jwks())) {
            EntraTokenVerifier remote = new EntraTokenVerifier(EntraTokens.settings(server.url()), CLOCK);
            remote.verify("Bearer " + entra.token(NOW));

            server.serve(rolledOver.jwks());

            assertEquals(SERVICE_PRINCIPAL_ID, remote.verify("Bearer " + rolledOver.token(NOW)).subject());
            assertEquals(2, server.fetches());
            assertEquals("signing key " + entra.kid() + " is not known",
                    rejected(remote, "Bearer " + entra.token(NOW)).getMessage());
            assertEquals(2, server.fetches(), "a third fetch within the rate limit");
        }
    }

    @Test
    void refusesTokensWhenTheKeysCannotBeLoaded() throws IOException {
        String url;
        try (JwksServer server = new JwksServer(entra.jwks())) {
            url = server.url();
        }
        EntraTokenVerifier remote = new EntraTokenVerifier(EntraTokens.settings(url), CLOCK);

        TokenRejected e = rejected(remote, "Bearer " + entra.token(NOW));

        assertEquals("signing keys could not be loaded from " + url, e.getMessage());
    }

    @Test
    void readsKeysFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("jwks.json"), EntraTokens.jwks(rolledOver, entra));
        EntraTokenVerifier fromFile = new EntraTokenVerifier(EntraTokens.settings(file.toString()), CLOCK);

        assertEquals(SERVICE_PRINCIPAL_ID, fromFile.verify("Bearer " + entra.token(NOW)).subject());
        assertEquals(SERVICE_PRINCIPAL_ID, fromFile.verify("Bearer " + rolledOver.token(NOW)).subject());
    }

    @Test
    void refusesUnusableSettingsAtConstruction(@TempDir Path dir) {
        assertFalse(EntraTokens.settings(" ").enabled());
        assertTrue(EntraTokens.settings("https://login.microsoftonline.com/t/discovery/v2.0/keys").enabled());
        new EntraTokenVerifier(EntraTokens.settings("https://login.microsoftonline.com/t/discovery/v2.0/keys"), CLOCK);
        new EntraTokenVerifier(EntraTokens.settings("http://localhost:8080/keys"), CLOCK);

        for (String location : new String[] {"", "http://login.microsoftonline.com/t/discovery/v2.0/keys",
                "ftp://example.com/keys", "{\"keys\": 1}", dir.resolve("missing.json").toString()}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new EntraTokenVerifier(EntraTokens.settings(location), CLOCK), location);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new EntraTokenVerifier(new EntraSettings(entra.jwks(), Set.of(), Set.of(AUDIENCE), ROLE), CLOCK));
        assertThrows(IllegalArgumentException.class,
                () -> new EntraTokenVerifier(new EntraSettings(entra.jwks(), Set.of(ISSUER), Set.of(), ROLE), CLOCK));
        assertThrows(IllegalArgumentException.class,
                () -> new EntraTokenVerifier(new EntraSettings(entra.jwks(), Set.of(ISSUER), Set.of(AUDIENCE), " "),
                        CLOCK));
    }

    private static TokenRejected rejected(EntraTokenVerifier verifier, String header) {
        TokenRejected e = assertThrows(TokenRejected.class, () -> verifier.verify(header));
        assertFalse(e.forbidden(), e.getMessage());
        return e;
    }

    /** Serves a JWKS on an ephemeral loopback port, counting fetches. */
    private static final class JwksServer implements AutoCloseable {
        private final HttpServer server;
        private final AtomicReference<String> body;
        private final AtomicInteger fetches = new AtomicInteger();

        JwksServer(String jwks) throws IOException {
            body = new AtomicReference<>(jwks);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.createContext("/keys", exchange -> {
                fetches.incrementAndGet();
                byte[] bytes = body.get().getBytes(UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
        }

        void serve(String jwks) {
            body.set(jwks);
        }

        int fetches() {
            return fetches.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
