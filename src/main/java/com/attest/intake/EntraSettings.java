package com.attest.intake;

import java.util.Set;

/**
 * What an Entra ID token must show before an Azure Monitor Action Group's secure webhook call is let in.
 *
 * @param jwksLocation where the signing keys are: an https URL such as
 *                     {@code https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys}, a file path, or
 *                     inline JSON starting with <code>{</code>; blank when secure webhooks are not configured
 * @param issuers      trusted {@code iss} values, e.g. {@code https://sts.windows.net/{tenant}/} (v1 tokens)
 *                     and {@code https://login.microsoftonline.com/{tenant}/v2.0} (v2 tokens)
 * @param audiences    this portal's app registration: its app id URI and/or client id
 * @param requiredRole the app role granted to the Action Group's service principal,
 *                     e.g. {@code ActionGroupsSecureWebhook}
 */
public record EntraSettings(String jwksLocation, Set<String> issuers, Set<String> audiences, String requiredRole) {

    public EntraSettings {
        issuers = issuers == null ? Set.of() : Set.copyOf(issuers);
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
    }

    /** Whether secure webhook tokens are to be checked at all. */
    public boolean enabled() {
        return jwksLocation != null && !jwksLocation.isBlank();
    }
}
