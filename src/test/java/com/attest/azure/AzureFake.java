package com.attest.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Azure on a local WireMock: the portal's real SDK clients reach it through attest.azure.redirect, and sign
 * in at its token endpoint with a client secret.
 */
final class AzureFake {

    static final String SUBSCRIPTION = "3f2a6c1e-8d4b-4c7a-9e21-5b6d7f8a9c0d";
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "0c4e9d2a-1b3f-4a5c-8d6e-7f8091a2b3c4";
    static final String SECRET = "prod-client-secret-value";
    static final String GRAPH_TENANT = "5e3f1a2b-4c6d-4e8f-9a0b-1c2d3e4f5a6b";
    static final String GRAPH_CLIENT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String GRAPH_SECRET = "graph-client-secret-value";
    static final String WORKSPACE = "b7c1e2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    static final String TOKEN = "fake-access-token";

    private AzureFake() {
    }

    /** Configuration for a portal whose every Azure request goes to {@code fake}; zero-delay retries. */
    static Map<String, String> config(WireMockExtension fake, int maxRetries, String timeoutSeconds) {
        Map<String, String> config = new TreeMap<>();
        config.put("attest.azure.subscriptions", "prod");
        config.put("attest.azure.subscription.prod.id", SUBSCRIPTION.toUpperCase());
        config.put("attest.azure.subscription.prod.tenant-id", TENANT);
        config.put("attest.azure.subscription.prod.client-id", CLIENT);
        config.put("attest.azure.subscription.prod.client-secret", SECRET);
        config.put("attest.azure.workspaces", "sentinel");
        config.put("attest.azure.workspace.sentinel.id", WORKSPACE);
        config.put("attest.azure.workspace.sentinel.subscription", "prod");
        config.put("attest.graph.tenant-id", GRAPH_TENANT);
        config.put("attest.graph.client-id", GRAPH_CLIENT);
        config.put("attest.graph.client-secret", GRAPH_SECRET);
        config.put("attest.graph.base-url", fake.baseUrl() + "/v1.0");
        config.put("attest.azure.retry.max-retries", Integer.toString(maxRetries));
        config.put("attest.azure.retry.delay-ms", "0");
        config.put("attest.azure.timeout-seconds", timeoutSeconds);
        config.put("attest.azure.poll-interval-seconds", "0.05");
        config.put("attest.azure.redirect", fake.baseUrl());
        return config;
    }

    /** Entra ID's token endpoint for both tenants. */
    static void tokenEndpoint(WireMockExtension fake) {
        for (String tenant : List.of(TENANT, GRAPH_TENANT)) {
            fake.stubFor(post(urlPathEqualTo("/" + tenant + "/oauth2/v2.0/token"))
                    .withRequestBody(containing("grant_type=client_credentials"))
                    .willReturn(json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                            + "\"access_token\":\"" + TOKEN + "\"}")));
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ms-request-id", "req-" + Integer.toHexString(body.hashCode()))
                .withHeader("x-ms-correlation-request-id", "corr-" + Integer.toHexString(body.hashCode()))
                .withBody(body);
    }

    /** Azure Resource Manager's error body. */
    static ResponseDefinitionBuilder armError(int status, String code, String message) {
        return json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    /** A CallLog that keeps what it is given. */
    static final class Calls implements CallLog {
        final List<AzureCall> calls = new CopyOnWriteArrayList<>();

        @Override
        public void record(AzureCall call) {
            calls.add(call);
        }

        List<String> lines() {
            return calls.stream().map(c -> c.method() + " " + c.url() + " " + c.status()).toList();
        }
    }
}
