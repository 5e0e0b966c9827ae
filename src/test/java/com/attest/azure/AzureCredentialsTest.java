package com.attest.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureCredentialsTest {

    @Test
    void productionCredentialsAreBuiltWithoutCallingOut() {
        assertEquals("com.azure.identity.ClientSecretCredential", AzureCredentials.credential(
                "72f988bf-86f1-41af-91ab-2d7cd011db47", "0c4e9d2a-1b3f-4a5c-8d6e-7f8091a2b3c4", "secret",
                "https://login.microsoftonline.com/", true)
                .getClass().getName());
        assertEquals("com.azure.identity.ManagedIdentityCredential",
                AzureCredentials.managedIdentity(null).getClass().getName());
        assertEquals("com.azure.identity.ManagedIdentityCredential",
                AzureCredentials.managedIdentity("0c4e9d2a-1b3f-4a5c-8d6e-7f8091a2b3c4").getClass().getName());
    }

    @Test
    void eachKindOfIdentityGetsItsCredentialOnce() {
        AzureSettings settings = AzureSettings.of(Map.of(
                "attest.azure.subscriptions", "prod,ops",
                "attest.azure.subscription.prod.id", "3f2a6c1e-8d4b-4c7a-9e21-5b6d7f8a9c0d",
                "attest.azure.subscription.prod.tenant-id", "72f988bf-86f1-41af-91ab-2d7cd011db47",
                "attest.azure.subscription.prod.client-id", "0c4e9d2a-1b3f-4a5c-8d6e-7f8091a2b3c4",
                "attest.azure.subscription.prod.client-secret", "s3cr3t",
                "attest.azure.subscription.ops.id", "8a1c5f3e-2b4d-4e6f-9a0b-1c2d3e4f5a6b",
                "attest.azure.subscription.ops.managed-identity", "true"));
        AzureClients clients = new AzureClients(settings);
        AzureIdentity prod = settings.identities().get(0);
        AzureIdentity ops = settings.identities().get(1);

        assertEquals("com.azure.identity.ClientSecretCredential", clients.credential(prod).getClass().getName());
        assertEquals("com.azure.identity.ManagedIdentityCredential", clients.credential(ops).getClass().getName());
        assertTrue(clients.credential(prod) == clients.credential(prod), "built once");
        IllegalArgumentException graph = assertThrows(IllegalArgumentException.class, clients::graphCredential);
        assertEquals("The Azure identity \"graph\" is not configured.", graph.getMessage());
    }
}
