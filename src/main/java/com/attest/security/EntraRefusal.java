package com.attest.security;

/**
 * Why a sign-in with Entra ID did not sign anyone in. The {@link Reason} is what the person is told (the login page
 * has a message for each); the detail goes to the audit trail and the server log, never to the page.
 */
public class EntraRefusal extends RuntimeException {

    /** What the login page says; its name in lower case is the page's {@code signin} parameter. */
    public enum Reason {
        /** The state is unknown, used, from another browser, or older than ten minutes. */
        STALE,
        /** Entra ID answered with an error (the person cancelled, or is not assigned to the application). */
        PROVIDER,
        /** The code could not be redeemed or the ID token did not pass every check. */
        TOKEN,
        /** The token gives none of the portal's roles. */
        NO_ROLE,
        /** A second factor was required and the token does not show one. */
        MFA,
        /** A local account already has the username the token carries. */
        USERNAME,
        /** The token carries no username the portal can use. */
        NO_USERNAME,
        /** The account is disabled in the portal. */
        DISABLED,
        /** The account's access period has ended. */
        EXPIRED,
        /** Sign-in with Entra ID is not configured. */
        OFF;

        public String parameter() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public EntraRefusal(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public EntraRefusal(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
