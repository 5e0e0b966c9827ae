package com.attest.security;

import java.time.Instant;
import java.util.Set;

/** The outcome of one sign-in attempt, as the login page and the identity store need it. */
public record SignInResult(SignInStatus status, String username, Set<Role> roles, boolean mustChangePassword,
                           Instant lockedUntil) {

    static SignInResult refused(SignInStatus status, Instant lockedUntil) {
        return new SignInResult(status, null, Set.of(), false, lockedUntil);
    }

    public boolean signedIn() {
        return status == SignInStatus.SIGNED_IN;
    }
}
