package com.attest.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.util.List;
import java.util.Locale;

/**
 * Builds the credentials the portal signs in to Entra ID with. Nothing here calls out: a token is requested on first
 * use. {@code httpClient} (null for the default) is how the sign-in requests travel.
 */
public final class AzureCredentials {

    private AzureCredentials() {
    }

    /**
     * An app registration's client-secret credential, signing in at {@code authorityHost} (the public cloud's
     * https://login.microsoftonline.com/ unless a sovereign or private cloud is configured).
     */
    public static ClientSecretCredential credential(String tenantId, String clientId, String clientSecret,
                                                    String authorityHost, boolean instanceDiscovery) {
        return clientSecret(tenantId, clientId, clientSecret, authorityHost, instanceDiscovery, null);
    }

    public static ClientSecretCredential clientSecret(String tenantId, String clientId, String clientSecret,
                                                      String authorityHost, boolean instanceDiscovery,
                                                      HttpClient httpClient) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .authorityHost(authorityHost)
                .tenantId(tenantId)
                .clientId(clientId)
                .clientSecret(clientSecret);
        if (!instanceDiscovery) {
            builder.disableInstanceDiscovery(); // a private cloud's authority that Entra's discovery does not know
        }
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return builder.build();
    }

    /** A certificate credential: a PEM file, or a PFX/PKCS#12 file (.pfx, .p12) with its password. */
    public static TokenCredential certificate(String tenantId, String clientId, String path, String password,
                                              String authorityHost, boolean instanceDiscovery,
                                              HttpClient httpClient) {
        ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
                .authorityHost(authorityHost)
                .tenantId(tenantId)
                .clientId(clientId);
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pfx") || lower.endsWith(".p12")) {
            builder.pfxCertificate(path).clientCertificatePassword(password);
        } else {
            builder.pemCertificate(path);
        }
        if (!instanceDiscovery) {
            builder.disableInstanceDiscovery();
        }
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return builder.build();
    }

    /** The host's managed identity: the system-assigned one when {@code clientIdOrNull} is null. */
    public static ManagedIdentityCredential managedIdentity(String clientIdOrNull) {
        return managedIdentity(clientIdOrNull, null);
    }

    public static ManagedIdentityCredential managedIdentity(String clientIdOrNull, HttpClient httpClient) {
        ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
        if (clientIdOrNull != null && !clientIdOrNull.isBlank()) {
            builder.clientId(clientIdOrNull.strip());
        }
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return builder.build();
    }

    /**
     * The credential of a configured identity.
     *
     * @throws IllegalArgumentException when the identity is not configured (the reason is in the settings' problems)
     */
    static TokenCredential of(AzureIdentity identity, AzureSettings settings, HttpClient httpClient) {
        boolean discovery = settings.instanceDiscovery() && !settings.redirected();
        return switch (identity.kind()) {
            case AzureIdentity.CLIENT_SECRET -> clientSecret(identity.tenantId(), identity.clientId(),
                    settings.secret(identity), settings.authorityHost(), discovery, httpClient);
            case AzureIdentity.CERTIFICATE -> certificate(identity.tenantId(), identity.clientId(),
                    settings.certificatePath(identity), settings.certificatePassword(identity),
                    settings.authorityHost(), discovery, httpClient);
            case AzureIdentity.MANAGED_IDENTITY -> managedIdentity(identity.clientId(), httpClient);
            default -> {
                String prefix = identity.subscriptionId() == null ? "attest.graph."
                        : "attest.azure.subscription." + identity.name() + ".";
                List<String> own = settings.problems().stream().filter(p -> p.startsWith(prefix)).toList();
                throw new IllegalArgumentException("The Azure identity \"" + identity.name() + "\" is not configured"
                        + (own.isEmpty() ? "." : ": " + String.join("; ", own) + "."));
            }
        };
    }
}
