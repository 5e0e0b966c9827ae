package com.attest.intake;

/**
 * An Authorization header that does not let the caller in. The message says why, without the token itself.
 * {@link #forbidden()} tells a genuine token lacking the required role (403) from every other refusal (401).
 */
public class TokenRejected extends RuntimeException {

    private final boolean forbidden;

    public TokenRejected(String message, boolean forbidden) {
        super(message);
        this.forbidden = forbidden;
    }

    TokenRejected(String message, Throwable cause) {
        super(message, cause);
        this.forbidden = false;
    }

    /** True when the token could not be checked because the signing keys were unreachable: try again later. */
    public boolean keysUnavailable() {
        return getCause() != null;
    }

    /** True when the token is valid but lacks the required app role; the caller is known, the act is not allowed. */
    public boolean forbidden() {
        return forbidden;
    }
}
