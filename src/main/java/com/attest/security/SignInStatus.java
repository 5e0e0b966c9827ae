package com.attest.security;

/** How a sign-in attempt ended; only {@link #SIGNED_IN} lets the person in. */
public enum SignInStatus {
    SIGNED_IN,
    BAD_CREDENTIALS,
    LOCKED,
    DISABLED,
    EXPIRED,
    /** The client address failed too often: it waits before any attempt is looked at. */
    THROTTLED,
    /** Local passwords are switched off: people sign in with Entra ID. */
    LOCAL_OFF,
    /** Entra ID signed in someone whose username a local account already has. */
    USERNAME_TAKEN
}
