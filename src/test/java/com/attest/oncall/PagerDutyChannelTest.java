package com.attest.oncall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.incident.Severity;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PagerDutyChannelTest {

    private static final String KEY = "R0ut1ngKeyR0ut1ngKeyR0ut1ngKey12";
    private static final String PATH = "/v2/enqueue";
    private static final Duration TIMEOUT = Duration.ofSeconds(10); // ample on a busy machine
    private static final String ACCEPTED =
            "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"INC-2026-007\"}";

    @RegisterExtension
    static WireMockExtension pagerDuty =
            WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private PagerDutyChannel channel() {
        return new PagerDutyChannel(URI.create(pagerDuty.baseUrl() + PATH), KEY, TIMEOUT);
    }

    private JsonObject sentEvent() {
        String body = pagerDuty.getAllServeEvents().get(0).getRequest().getBodyAsString();
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void aTriggerSendsTheEventsApiV2Event() throws Exception {
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(ACCEPTED)));

        Delivery delivery = channel().send(OnCallMessages.trigger());

        assertEquals(new Delivery(202, "INC-2026-007"), delivery);
        pagerDuty.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {
                          "routing_key": "%s",
                          "event_action": "trigger",
                          "dedup_key": "INC-2026-007",
                          "payload": {
                            "summary": "[P1] INC-2026-007 Compromised credentials on vm-web-01",
                            "source": "attest",
                            "severity": "critical",
                            "timestamp": "2026-03-01T14:05:09Z",
                            "component": "Defender for Cloud",
                            "custom_details": {
                              "reference": "INC-2026-007",
                              "status": "Triage",
                              "source": "Defender for Cloud",
                              "detected_at": "2026-03-01T14:05:09Z",
                              "respond_by": "2026-03-01T14:35:09Z",
                              "summary": "Sign-in from an unfamiliar location,\\nthen a mass download from the file \
                        share."
                            }
                          },
                          "links": [{"href": "%s", "text": "Incident in Attest"}],
                          "client": "Attest",
                          "client_url": "%s"
                        }""".formatted(KEY, OnCallMessages.URL, OnCallMessages.URL))));
    }

    @Test
    void aResolveSendsOnlyTheKeys() throws Exception {
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withBody(ACCEPTED)));

        assertEquals(new Delivery(202, "INC-2026-007"), channel().send(OnCallMessages.resolve()));

        pagerDuty.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
                "{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\"INC-2026-007\"}")));
    }

    @Test
    void severitiesMapToPagerDutys() throws Exception {
        assertEquals("critical", PagerDutyChannel.severity(Severity.P1));
        assertEquals("error", PagerDutyChannel.severity(Severity.P2));
        assertEquals("warning", PagerDutyChannel.severity(Severity.P3));
        assertEquals("info", PagerDutyChannel.severity(Severity.P4));
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withBody(ACCEPTED)));

        channel().send(OnCallMessages.trigger(Severity.P4));

        assertEquals("info", sentEvent().getJsonObject("payload").getString("severity"));
    }

    @Test
    void withoutALinkTheEventHasNoLinksAndTheSummaryIsCutAt1024() throws Exception {
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withBody(ACCEPTED)));

        channel().send(OnCallMessages.titled("Exposed storage\naccount " + "x".repeat(2000), null));

        JsonObject event = sentEvent();
        assertFalse(event.containsKey("links"));
        assertFalse(event.containsKey("client_url"));
        assertEquals("Attest", event.getString("client"));
        JsonObject payload = event.getJsonObject("payload");
        String summary = payload.getString("summary");
        assertEquals(1024, summary.length());
        assertTrue(summary.startsWith("[P3] INC-2026-008 Exposed storage account xxx"), summary);
        assertTrue(summary.endsWith("…"));
        assertFalse(payload.containsKey("timestamp"));
        assertFalse(payload.containsKey("component"));
        assertEquals(Json.createObjectBuilder().add("reference", "INC-2026-008").build(),
                payload.getJsonObject("custom_details"));
    }

    @Test
    void anAnswerWithoutBodyStillReportsTheDedupKey() throws Exception {
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        assertEquals(new Delivery(202, "INC-2026-007"), channel().send(OnCallMessages.trigger()));
    }

    @Test
    void anInvalidEventIsNotRetryableAndNamesTheErrors() {
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody(
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"'payload.summary' is missing or blank\",\"'routing_key' is invalid\"]}")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertFalse(failed.retryable());
        assertEquals(400, failed.httpStatus());
        assertEquals("PagerDuty answered HTTP 400: Event object is invalid: 'payload.summary' is missing or blank; "
                + "'routing_key' is invalid", failed.getMessage());
    }

    @Test
    void throttlingIsRetryableAfterTheAskedDelay() {
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")
                .withBody("{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too "
                        + "quickly. Please retry later.\"}")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertEquals(429, failed.httpStatus());
        assertEquals(Duration.ofSeconds(12), failed.retryAfter());
        assertTrue(failed.getMessage().contains("arriving too quickly"), failed.getMessage());
    }

    @Test
    void aRetryAfterDateIsReadAsTheTimeUntilThen() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(61));
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", inAMinute)));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertTrue(failed.retryAfter().getSeconds() >= 55 && failed.retryAfter().getSeconds() <= 61,
                failed.retryAfter().toString());
        assertEquals(Duration.ZERO, DeliveryFailed.parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertNull(DeliveryFailed.parseRetryAfter("soon"));
    }

    @Test
    void aServerErrorIsRetryable() {
        pagerDuty.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("upstream failure")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertEquals(500, failed.httpStatus());
        assertEquals("PagerDuty answered HTTP 500: upstream failure", failed.getMessage());
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        PagerDutyChannel unreachable = new PagerDutyChannel(
                URI.create("http://localhost:" + OnCallMessages.closedPort() + PATH), KEY, TIMEOUT);

        DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DeliveryFailed.class, () -> unreachable.send(OnCallMessages.trigger())));

        assertTrue(failed.retryable());
        assertNull(failed.httpStatus());
        assertFalse(failed.getMessage().contains(KEY));
    }

    @Test
    void theRoutingKeyIsCheckedAndNeverShown() {
        String shortKey = KEY.substring(1);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> new PagerDutyChannel(null, shortKey, TIMEOUT));
        assertEquals("A PagerDuty routing key is 32 letters and digits; the one given is not (31 characters).",
                tooShort.getMessage());
        String badKey = KEY.substring(1) + "-";
        assertFalse(assertThrows(IllegalArgumentException.class, () -> new PagerDutyChannel(null, badKey, TIMEOUT))
                .getMessage().contains(badKey.substring(0, 8)));
        assertThrows(IllegalArgumentException.class, () -> new PagerDutyChannel(null, null, TIMEOUT));
        assertThrows(IllegalArgumentException.class,
                () -> new PagerDutyChannel(URI.create("http://events.pagerduty.com/v2/enqueue"), KEY, TIMEOUT));

        PagerDutyChannel production = new PagerDutyChannel(null, KEY, TIMEOUT);
        assertEquals(Channel.PAGERDUTY, production.channel());
        assertEquals("PagerDutyChannel[https://events.pagerduty.com]", production.toString());
    }
}
