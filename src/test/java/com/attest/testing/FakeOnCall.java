package com.attest.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A local stand-in for the on-call channels: a Teams webhook at {@code /teams} and the PagerDuty Events API at
 * {@code /pagerduty}. Every P1 or P2 any test opens pages through them, so by default they refuse with a client error
 * (not retried, and no "on-call notified" entry lands on that test's incident); a test of paging stubs the answers
 * it wants after {@link #reset()}.
 */
public final class FakeOnCall {

    public final WireMockServer server = new WireMockServer(options().dynamicPort());

    public FakeOnCall start() {
        server.start();
        base();
        return this;
    }

    /** Forgets the stubs, scenario states and requests another test class left. */
    public FakeOnCall reset() {
        server.resetAll();
        base();
        return this;
    }

    private void base() {
        server.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"invalid event\",\"message\":\"No test of on-call paging is running.\"}")));
    }

    public String url() {
        return "http://localhost:" + server.port();
    }

    public void stop() {
        server.stop();
    }
}
