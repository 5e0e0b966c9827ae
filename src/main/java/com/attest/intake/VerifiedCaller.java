package com.attest.intake;

import java.util.Set;

/**
 * The service principal behind a verified Entra ID token.
 *
 * @param subject the {@code oid} claim, or {@code sub} when the token has no {@code oid}
 * @param appId   the calling application: the {@code appid} claim (v1 tokens) or {@code azp} (v2 tokens); null
 *                when the token carries neither
 * @param roles   the app roles the token grants
 */
public record VerifiedCaller(String subject, String appId, Set<String> roles) {

    public VerifiedCaller {
        roles = Set.copyOf(roles);
    }
}
