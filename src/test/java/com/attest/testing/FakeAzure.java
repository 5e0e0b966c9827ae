package com.attest.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A local stand-in for Entra ID, Azure Resource Manager, Key Vault, Log Analytics and Microsoft Graph: the portal's
 * real SDK clients reach it through the {@code attest.azure.redirect} transport (Graph through its base URL).
 */
public final class FakeAzure {

    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    public static final String OTHER_SUBSCRIPTION = "99999999-8888-7777-6666-555555555555";
    public static final String WORKSPACE = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    public static final String CLIENT_ID = "0c4e9d2a-1b3f-4a5c-8d6e-7f8091a2b3c4";
    public static final String CLIENT_SECRET = "fake-client-secret-for-tests";
    public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.fake-access-token";

    /** The Sentinel workspace the portal is configured with ("soc"): its SecurityInsights provider path. */
    public static final String SENTINEL = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-soc/providers/"
            + "Microsoft.OperationalInsights/workspaces/law-soc-it/providers/Microsoft.SecurityInsights";

    /** The Logic App playbook whose run history the portal is configured to collect. */
    public static final String PLAYBOOK = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-soc/providers/"
            + "Microsoft.Logic/workflows/logic-sentinel-notify";

    /** Microsoft Sentinel's incidents, with state. */
    public final FakeSentinel sentinel = new FakeSentinel();
    /** Action groups and workflow automations, with state (a repair's PUT is what a later check reads). */
    public final FakeArmResources resources = new FakeArmResources();
    public final WireMockServer server = new WireMockServer(options().dynamicPort().extensions(sentinel,
            resources));

    private static final java.util.Map<WireMockServer, FakeAzure> OWNERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The fake Azure that runs {@code server}. */
    public static FakeAzure of(WireMockServer server) {
        return OWNERS.get(server);
    }

    public FakeAzure start() {
        OWNERS.put(server, this);
        server.start();
        base();
        return this;
    }

    /**
     * Forgets every stub, scenario state and request another test class left, keeping the fake Entra ID and the 404
     * for anything unknown: a class that uses the fake starts from here and adds the resources it needs.
     */
    public FakeAzure reset() {
        server.resetAll();
        sentinel.clear();
        resources.clear();
        base();
        return this;
    }

    private void base() {
        // Entra ID: the token endpoint and the metadata MSAL may ask for
        server.stubFor(post(urlPathMatching("/[^/]+/oauth2/v2.0/token")).willReturn(okJson(
                "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"" + TOKEN
                        + "\"}")));
        server.stubFor(get(urlPathMatching("/[^/]+/v2.0/.well-known/openid-configuration")).willReturn(okJson(
                "{\"token_endpoint\":\"https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/token\","
                        + "\"authorization_endpoint\":\"https://login.microsoftonline.com/" + TENANT
                        + "/oauth2/v2.0/authorize\",\"issuer\":\"https://login.microsoftonline.com/" + TENANT
                        + "/v2.0\"}")));
        // Microsoft Sentinel (SecurityInsights): served with state by the fake's extension
        server.stubFor(any(urlPathMatching("/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
                + "Microsoft\\.OperationalInsights/workspaces/[^/]+/providers/Microsoft\\.SecurityInsights/.*"))
                .atPriority(5).willReturn(aResponse().withTransformers(FakeSentinel.NAME)));
        // anything not stubbed is a 404 in Azure's shape, so a stray call shows as a failure, not a hang
        server.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withHeader("x-ms-request-id", "unmatched")
                .withBody("{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"No such resource in the fake.\"}}")));
    }

    public String url() {
        return "http://localhost:" + server.port();
    }

    /** The portal's configuration for one subscription "prod" and one workspace, with fast retries and timeouts. */
    public String[] config() {
        return new String[] {
            "attest.azure.redirect=" + url(),
            "attest.azure.subscriptions=prod",
            "attest.azure.subscription.prod.id=" + SUBSCRIPTION,
            "attest.azure.subscription.prod.tenant-id=" + TENANT,
            "attest.azure.subscription.prod.client-id=" + CLIENT_ID,
            "attest.azure.subscription.prod.client-secret=" + CLIENT_SECRET,
            "attest.azure.workspaces=sentinel",
            "attest.azure.workspace.sentinel.id=" + WORKSPACE,
            "attest.azure.workspace.sentinel.subscription=prod",
            "attest.azure.sentinel-workspaces=soc",
            "attest.azure.sentinel.soc.subscription=prod",
            "attest.azure.sentinel.soc.resource-group=rg-soc",
            "attest.azure.sentinel.soc.workspace=law-soc-it",
            "attest.azure.playbooks=" + PLAYBOOK,
            // collected on demand by the tests that need it, never behind another test's back
            "attest.azure.collection.nightly=false",
            "attest.azure.retry.max-retries=1",
            "attest.azure.retry.delay-ms=0",
            "attest.azure.timeout-seconds=2",
            "attest.graph.tenant-id=" + TENANT,
            "attest.graph.client-id=" + CLIENT_ID,
            "attest.graph.client-secret=" + CLIENT_SECRET,
            "attest.graph.base-url=" + url() + "/v1.0",
        };
    }

    public void stop() {
        server.stop();
    }
}
