package com.attest.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureSettingsTest {

    private static final String PROD = "3f2a6c1e-8d4b-4c7a-9e21-5b6d7f8a9c0d";
    private static final String DEV = "8a1c5f3e-2b4d-4e6f-9a0b-1c2d3e4f5a6b";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String CLIENT = "0c4e9d2a-1b3f-4a5c-8d6e-7f8091a2b3c4";

    @Test
    void subscriptionsWorkspacesAndGraphFromConfiguration(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("dev.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> config = new HashMap<>();
        config.put("attest.azure.subscriptions", " prod , dev ");
        config.put("attest.azure.subscription.prod.id", PROD.toUpperCase());
        config.put("attest.azure.subscription.prod.tenant-id", TENANT);
        config.put("attest.azure.subscription.prod.client-id", CLIENT);
        config.put("attest.azure.subscription.prod.client-secret", "very-secret-value");
        config.put("attest.azure.subscription.dev.id", DEV);
        config.put("attest.azure.subscription.dev.tenant-id", "contoso.onmicrosoft.com");
        config.put("attest.azure.subscription.dev.client-id", CLIENT);
        config.put("attest.azure.subscription.dev.certificate-path", pem.toString());
        config.put("attest.azure.workspaces", "sentinel");
        config.put("attest.azure.workspace.sentinel.id", "B7C1E2D3-4F5A-4B6C-8D7E-9F0A1B2C3D4E");
        config.put("attest.azure.workspace.sentinel.subscription", "prod");
        config.put("attest.graph.tenant-id", TENANT);
        config.put("attest.graph.client-id", CLIENT);
        config.put("attest.graph.client-secret", "graph-secret-value");
        Map<String, String> env = Map.of("ATTEST_AZURE_SUBSCRIPTION_PROD_CLIENT_SECRET", "very-secret-value");

        AzureSettings settings = AzureSettings.of(config::get, env::get);

        assertEquals(List.of(), settings.problems());
        assertEquals(List.of(
                new AzureIdentity("prod", PROD, TENANT, "client secret", CLIENT,
                        "ATTEST_AZURE_SUBSCRIPTION_PROD_CLIENT_SECRET"),
                new AzureIdentity("dev", DEV, "contoso.onmicrosoft.com", "certificate", CLIENT,
                        "attest.azure.subscription.dev.certificate-path")), settings.identities());
        assertEquals("prod", settings.subscription(PROD.toUpperCase()).orElseThrow().name());
        assertEquals(Optional.empty(), settings.subscription("11111111-2222-3333-4444-555555555555"));
        assertEquals(List.of(new Workspace("sentinel", "b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e", PROD)),
                settings.workspaces());
        assertEquals("sentinel", settings.workspace("B7C1E2D3-4F5A-4B6C-8D7E-9F0A1B2C3D4E").orElseThrow().name());
        assertEquals(new AzureIdentity("graph", null, TENANT, "client secret", CLIENT, "attest.graph.client-secret"),
                settings.graphIdentity());
        assertFalse(settings.redirected());
        assertEquals(3, settings.maxRetries());
        assertEquals(Duration.ofMillis(800), settings.retryDelay());
        assertEquals(Duration.ofSeconds(60), settings.timeout());
        assertEquals("very-secret-value", settings.secret(settings.identities().get(0)));
        String shown = settings + " " + settings.identities() + " " + settings.graphIdentity();
        assertFalse(shown.contains("very-secret-value") || shown.contains("graph-secret-value"), shown);
    }

    @Test
    void mistakesAreListedInWords() {
        Map<String, String> config = new HashMap<>();
        config.put("attest.azure.subscriptions", "prod,dev,ops,bad name,twin");
        config.put("attest.azure.subscription.prod.id", "not-a-guid");
        config.put("attest.azure.subscription.dev.id", DEV);
        config.put("attest.azure.subscription.dev.client-secret", "x");
        config.put("attest.azure.subscription.dev.managed-identity", "true");
        config.put("attest.azure.subscription.ops.id", PROD);
        config.put("attest.azure.subscription.ops.client-secret", "x");
        config.put("attest.azure.subscription.ops.client-id", "client");
        config.put("attest.azure.subscription.twin.id", DEV.toUpperCase());
        config.put("attest.azure.workspaces", "w1,w2");
        config.put("attest.azure.workspace.w1.id", "nope");
        config.put("attest.azure.workspace.w2.id", DEV);
        config.put("attest.azure.workspace.w2.subscription", "staging");
        config.put("attest.azure.retry.max-retries", "many");
        config.put("attest.azure.timeout-seconds", "0");
        config.put("attest.azure.redirect", "localhost:8089");

        AzureSettings settings = AzureSettings.of(config);

        assertEquals(List.of(
                "attest.azure.retry.max-retries must be a whole number from 0 to 10; 3 is used",
                "attest.azure.timeout-seconds must be a number of seconds from 0.01 to 3600; 60 is used",
                "attest.azure.redirect must be a base URL such as http://localhost:8089; it is ignored",
                "attest.azure.subscription.prod.id is not a GUID",
                "attest.azure.subscription.dev.client-secret, certificate-path and managed-identity exclude each "
                        + "other: set one",
                "attest.azure.subscription.ops.client-id is not a GUID",
                "attest.azure.subscription.ops.tenant-id is missing",
                "attest.azure.subscriptions: \"bad name\" is not a usable name (letters, digits, - and _)",
                "attest.azure.subscription.twin.id names a subscription already configured under another name",
                "attest.azure.workspace.w1.id is not a GUID",
                "attest.azure.workspace.w2.subscription \"staging\" is not among attest.azure.subscriptions"),
                settings.problems());
        assertEquals(List.of("not configured", "not configured"),
                settings.identities().stream().map(AzureIdentity::kind).toList());
        assertEquals("not configured", settings.graphIdentity().kind());
        assertFalse(settings.redirected());
        assertTrue(settings.workspaces().isEmpty());
    }

    @Test
    void aManagedIdentityNeedsNoSecret() {
        AzureSettings settings = AzureSettings.of(Map.of(
                "attest.azure.subscriptions", "prod",
                "attest.azure.subscription.prod.id", PROD,
                "attest.azure.subscription.prod.managed-identity", "true",
                "attest.azure.subscription.prod.client-id", CLIENT,
                "attest.graph.managed-identity", "true",
                "attest.graph.client-secret", "left over",
                "attest.azure.redirect", "http://localhost:8089/"));

        assertEquals(List.of(), settings.problems());
        assertEquals(new AzureIdentity("prod", PROD, null, "managed identity", CLIENT, null),
                settings.identities().get(0));
        assertEquals("managed identity", settings.graphIdentity().kind());
        assertTrue(settings.redirected());
        assertEquals("http://localhost:8089", settings.redirect().toString());
    }
}
