package com.attest.security;

import java.util.Set;

/**
 * Who an ID token from Entra ID, checked in full (signature, issuer, audience, lifetime, nonce), says signed in: the
 * tenant and object id that name them for good, the username and name to show, and the roles its claim gives.
 */
public record EntraIdentity(String tenantId, String objectId, String username, String displayName, String email,
                            Set<Role> roles, String idToken) {
}
