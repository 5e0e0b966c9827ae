package com.attest.intake;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Stands in for Entra ID in tests: an RSA signing key, its public JWKS, and tokens shaped like those an Azure
 * Monitor Action Group sends to a secure webhook.
 */
public final class EntraTokens {

    public static final String TENANT = "3f2b8c1e-5d7a-4e9b-a6c0-1d2e3f4a5b6c";
    public static final String ISSUER = "https://sts.windows.net/" + TENANT + "/";
    public static final String ISSUER_V2 = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
    public static final String AUDIENCE = "api://attest-portal";
    public static final String ROLE = "ActionGroupsSecureWebhook";
    /** The Azure Monitor Action Groups first-party application. */
    public static final String ACTION_GROUPS_APP_ID = "461e8683-5575-4561-ac7f-899cc907d62a";
    public static final String SERVICE_PRINCIPAL_ID = "9c1d2f0e-3b4a-4c5d-8e6f-7a8b9c0d1e2f";

    private final RSAKey key;

    /** A fresh 2048-bit key with a random kid. */
    public EntraTokens() {
        this(UUID.randomUUID().toString());
    }

    /** A fresh 2048-bit key with the given kid. */
    public EntraTokens(String kid) {
        try {
            this.key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String kid() {
        return key.getKeyID();
    }

    /** The key pair, private part included. */
    public RSAKey key() {
        return key;
    }

    /** The JWKS JSON with this public key only. */
    public String jwks() {
        return jwks(this);
    }

    /** The JWKS JSON with the public keys of all of them. */
    public static String jwks(EntraTokens... signers) {
        return new JWKSet(Arrays.stream(signers).<JWK>map(s -> s.key.toPublicJWK()).toList()).toString();
    }

    /** Settings trusting this key (inline JWKS) and this class's issuers, audience and role. */
    public EntraSettings settings() {
        return settings(jwks());
    }

    /** Settings trusting the keys at a JWKS location, with this class's issuers, audience and role. */
    public static EntraSettings settings(String jwksLocation) {
        return new EntraSettings(jwksLocation, Set.of(ISSUER, ISSUER_V2), Set.of(AUDIENCE), ROLE);
    }

    /** A token like Entra's, valid from an hour before expiry, carrying the given app roles. */
    public String token(String issuer, String audience, Set<String> roles, Instant expiresAt) {
        return sign(claims(issuer, audience, roles, expiresAt).build());
    }

    /** A valid token for {@link #settings()} that expires an hour after {@code now}. */
    public String token(Instant now) {
        return token(ISSUER, AUDIENCE, Set.of(ROLE), now.plus(Duration.ofHours(1)));
    }

    /** The claims of an Entra v1 app-only token, to adjust before {@link #sign}. */
    public static JWTClaimsSet.Builder claims(String issuer, String audience, Set<String> roles, Instant expiresAt) {
        Instant issuedAt = expiresAt.minus(Duration.ofHours(1));
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(SERVICE_PRINCIPAL_ID)
                .claim("oid", SERVICE_PRINCIPAL_ID)
                .claim("appid", ACTION_GROUPS_APP_ID)
                .claim("tid", TENANT)
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
    }

    /** The claims signed RS256 with this key, its kid in the header. */
    public String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
