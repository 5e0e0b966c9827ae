package com.attest.security;

import jakarta.security.enterprise.credential.Credential;

/**
 * A person Entra ID signed in, handed to the authentication mechanism by the sign-in callback once the ID token
 * passed every check and the account allowed it; never built from anything a client sends.
 */
public final class EntraCredential implements Credential {

    private final SignInResult result;

    public EntraCredential(SignInResult result) {
        if (result == null || !result.signedIn()) {
            throw new IllegalArgumentException("only a completed sign-in");
        }
        this.result = result;
    }

    public SignInResult result() {
        return result;
    }

    @Override
    public boolean isValid() {
        return true;
    }
}
