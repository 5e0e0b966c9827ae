package com.attest.azure;

import java.io.Serializable;

/**
 * Who the portal is in Azure for one subscription (or for Microsoft Graph): never holds the secret itself.
 *
 * @param name           the configured name, e.g. "prod" ("graph" for the Microsoft Graph identity)
 * @param subscriptionId the subscription's id (a GUID), null for the Microsoft Graph identity
 * @param tenantId       the Entra ID tenant
 * @param kind           "client secret", "certificate", "managed identity" or "not configured"
 * @param clientId       the app registration's (or user-assigned managed identity's) client id, or null
 * @param secretSource   where the secret comes from: the environment variable or configuration key (for a
 *                       certificate, the key naming its file), never the value; null when there is none
 */
public record AzureIdentity(String name, String subscriptionId, String tenantId, String kind, String clientId,
                            String secretSource) implements Serializable {

    public static final String CLIENT_SECRET = "client secret";
    public static final String CERTIFICATE = "certificate";
    public static final String MANAGED_IDENTITY = "managed identity";
    public static final String NOT_CONFIGURED = "not configured";

    /** False when nothing to sign in with is configured. */
    public boolean configured() {
        return !NOT_CONFIGURED.equals(kind);
    }
}
