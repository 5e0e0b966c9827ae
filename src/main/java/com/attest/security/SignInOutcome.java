package com.attest.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * Carries the detailed result of this request's sign-in attempt from the identity store (which may only
 * answer valid or invalid) to the login page, which tells the person what happened.
 */
@RequestScoped
public class SignInOutcome {

    private SignInResult result;

    void set(SignInResult result) {
        this.result = result;
    }

    public SignInResult result() {
        return result;
    }
}
