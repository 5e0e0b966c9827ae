package com.attest.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A local stand-in for the on-call channels: a Teams webhook at {@code /teams} and the PagerDuty Events API at
 * {@code /pagerduty}. Every P1 or P2 any test opens pages through them, so by default they refuse with a client error
 * (not retried, and no "on-call notified" entry lands on that test's incident); a test of paging stubs the answers
 * it wants after {@link #reset()}, or has {@code /pagerduty} answer as PagerDuty does ({@link #actLikePagerDuty()}).
 */
public final class FakeOnCall {

    /** The alerts PagerDuty would hold, once {@link #actLikePagerDuty()} was called. */
    public final PagerDutyEvents pagerDuty = new PagerDutyEvents();

    public final WireMockServer server = new WireMockServer(options().dynamicPort().extensions(pagerDuty));

    public FakeOnCall start() {
        server.start();
        base();
        return this;
    }

    /** Forgets the stubs, scenario states and requests another test class left. */
    public FakeOnCall reset() {
        server.resetAll();
        pagerDuty.clear();
        base();
        return this;
    }

    /**
     * {@code /pagerduty} answers as PagerDuty's Events API v2 does, alerts deduplicated by dedup_key while open (see
     * {@link PagerDutyEvents}); the alerts it holds are in {@link #pagerDuty}.
     */
    public FakeOnCall actLikePagerDuty() {
        return actLikePagerDuty(0);
    }

    /** The same, each event answered after {@code millis} (as a distant service would: pages spend time in flight). */
    public FakeOnCall actLikePagerDuty(int millis) {
        server.stubFor(post(urlPathEqualTo("/pagerduty")).willReturn(aResponse()
                .withTransformers(PagerDutyEvents.NAME).withFixedDelay(millis)));
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
