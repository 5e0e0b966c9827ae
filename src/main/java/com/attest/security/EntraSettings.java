package com.attest.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How people sign in: with Microsoft Entra ID (OpenID Connect) when {@code attest.signin.entra.issuer} is set, with a
 * local username and password unless {@code attest.signin.local} is false. A mistake in the configuration stops the
 * start rather than signing people in with roles nobody meant.
 */
@ApplicationScoped
public class EntraSettings {

    @Inject
    @ConfigProperty(name = "attest.signin.entra.issuer", defaultValue = " ")
    private String issuer;

    @Inject
    @ConfigProperty(name = "attest.signin.entra.client-id", defaultValue = " ")
    private String clientId;

    @Inject
    @ConfigProperty(name = "attest.signin.entra.client-secret", defaultValue = " ")
    private String clientSecret;

    @Inject
    @ConfigProperty(name = "attest.signin.entra.claim", defaultValue = "roles")
    private String claim;

    @Inject
    @ConfigProperty(name = "attest.signin.entra.roles", defaultValue = " ")
    private String roleMap;

    @Inject
    @ConfigProperty(name = "attest.signin.entra.require-mfa", defaultValue = "false")
    private boolean requireMfa;

    @Inject
    @ConfigProperty(name = "attest.signin.entra.mfa-methods", defaultValue = "mfa")
    private String mfaMethods;

    @Inject
    @ConfigProperty(name = "attest.signin.local", defaultValue = "true")
    private boolean local;

    private EntraRoles roles;

    @PostConstruct
    void check() {
        roles = EntraRoles.parse(roleMap);
        if (isOn() && clientId.isBlank()) {
            throw new IllegalStateException("attest.signin.entra.client-id is required with attest.signin.entra.issuer");
        }
        String c = claim.strip().toLowerCase(Locale.ROOT);
        if (!c.equals("roles") && !c.equals("groups")) {
            throw new IllegalStateException("attest.signin.entra.claim must be roles or groups, not " + claim);
        }
        if (!isOn() && !local) {
            throw new IllegalStateException("attest.signin.local=false needs Entra ID sign-in "
                    + "(attest.signin.entra.issuer): nobody could sign in");
        }
    }

    /** Whether people may sign in with Entra ID. */
    public boolean isOn() {
        return !issuer.isBlank();
    }

    /** Whether local usernames and passwords are accepted (the login form and HTTP Basic). */
    public boolean localSignIn() {
        return local;
    }

    public String issuer() {
        return issuer.strip();
    }

    public String clientId() {
        return clientId.strip();
    }

    /** The client secret, or null for a client that proves itself by PKCE alone. */
    public String clientSecret() {
        return clientSecret.isBlank() ? null : clientSecret.strip();
    }

    /** The claim whose values give roles: {@code roles} (app roles) or {@code groups}. */
    public String claim() {
        return claim.strip().toLowerCase(Locale.ROOT);
    }

    public EntraRoles roles() {
        return roles;
    }

    /** Whether the ID token must show that a second factor was used ({@code amr}). */
    public boolean requireMfa() {
        return requireMfa;
    }

    /** The {@code amr} values that count as a second factor. */
    public List<String> mfaMethods() {
        return Arrays.stream(mfaMethods.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }
}
