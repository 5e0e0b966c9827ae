package com.attest.oncall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TeamsWebhookChannelTest {

    private static final String PATH = "/workflows/8c1f/triggers/manual/paths/invoke?api-version=1&sig=s3cr3t";
    private static final Duration TIMEOUT = Duration.ofSeconds(10); // ample on a busy machine

    @RegisterExtension
    static WireMockExtension teams = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private TeamsWebhookChannel channel() {
        return new TeamsWebhookChannel(URI.create(teams.baseUrl() + PATH), TIMEOUT);
    }

    private JsonObject sentCard() {
        JsonObject sent = sentMessage();
        return sent.getJsonArray("attachments").getJsonObject(0).getJsonObject("content");
    }

    private JsonObject sentMessage() {
        String body = teams.getAllServeEvents().get(0).getRequest().getBodyAsString();
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void aTriggerPostsAnAdaptiveCardInTheMessageEnvelope() throws Exception {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)
                .withHeader("x-ms-workflow-run-id", "08584612345678901234567890123CU01")));

        Delivery delivery = channel().send(OnCallMessages.trigger());

        assertEquals(new Delivery(202, "08584612345678901234567890123CU01"), delivery);
        teams.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("message")))
                .withRequestBody(matchingJsonPath("$.attachments[0].contentType",
                        equalTo("application/vnd.microsoft.card.adaptive")))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.type", equalTo("AdaptiveCard")))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.version", equalTo("1.4"))));
        JsonObject attachment = sentMessage().getJsonArray("attachments").getJsonObject(0);
        assertTrue(attachment.isNull("contentUrl"), "contentUrl is present and null");
        JsonObject card = sentCard();
        assertEquals("http://adaptivecards.io/schemas/adaptive-card.json", card.getString("$schema"));
        JsonArray body = card.getJsonArray("body");
        JsonObject title = body.getJsonObject(0);
        assertEquals("TextBlock", title.getString("type"));
        assertEquals("P1 · INC-2026-007 · Compromised credentials on vm-web-01", title.getString("text"));
        assertEquals("Attention", title.getString("color"));
        assertEquals("Bolder", title.getString("weight"));
        JsonObject facts = body.getJsonObject(1);
        assertEquals("FactSet", facts.getString("type"));
        assertEquals(List.of("Severity=P1", "Status=Triage", "Source=Defender for Cloud",
                "Detected=2026-03-01 14:05 UTC", "Respond by=2026-03-01 14:35 UTC"), facts(facts));
        JsonObject summary = body.getJsonObject(2);
        assertEquals("Sign-in from an unfamiliar location,\nthen a mass download from the file share.",
                summary.getString("text"));
        assertTrue(summary.getBoolean("wrap"));
        JsonObject action = card.getJsonArray("actions").getJsonObject(0);
        assertEquals("Action.OpenUrl", action.getString("type"));
        assertEquals("Open incident", action.getString("title"));
        assertEquals(OnCallMessages.URL, action.getString("url"));
    }

    @Test
    void onlyP1AndP2CallForAttention() throws Exception {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        channel().send(OnCallMessages.trigger(Severity.P2));
        channel().send(OnCallMessages.trigger(Severity.P3));

        List<JsonObject> titles = teams.getAllServeEvents().stream()
                .map(e -> Json.createReader(new StringReader(e.getRequest().getBodyAsString())).readObject())
                .map(m -> m.getJsonArray("attachments").getJsonObject(0).getJsonObject("content")
                        .getJsonArray("body").getJsonObject(0))
                .toList();
        // served events come newest first
        assertFalse(titles.get(0).containsKey("color"), "P3");
        assertEquals("Attention", titles.get(1).getString("color"), "P2");
    }

    @Test
    void aResolveSendsAResolvedCard() throws Exception {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        channel().send(OnCallMessages.resolve());

        JsonObject card = sentCard();
        JsonObject title = card.getJsonArray("body").getJsonObject(0);
        assertEquals("Resolved · P1 · INC-2026-007 · Compromised credentials on vm-web-01", title.getString("text"));
        assertEquals("Good", title.getString("color"));
        assertEquals(List.of("Severity=P1", "Status=Closed", "Source=Defender for Cloud",
                "Detected=2026-03-01 14:05 UTC"), facts(card.getJsonArray("body").getJsonObject(1)));
        assertEquals(2, card.getJsonArray("body").size(), "no summary on a resolve");
    }

    @Test
    void withoutAnIncidentLinkTheCardHasNoActionAndNoEmptyFacts() throws Exception {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        channel().send(OnCallMessages.titled("Storage account allows public blob access", null));

        JsonObject card = sentCard();
        assertFalse(card.containsKey("actions"));
        assertEquals(List.of("Severity=P3"), facts(card.getJsonArray("body").getJsonObject(1)));
        assertEquals(2, card.getJsonArray("body").size(), "no summary block for an empty summary");
    }

    @Test
    void aLegacyWebhooksOneIsSuccess() throws Exception {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("1")));

        assertEquals(new Delivery(200, null), channel().send(OnCallMessages.trigger()));
    }

    @Test
    void aLegacyWebhooksThrottlingReportedWith200IsRetryable() {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(
                "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 "
                        + "with ContextId tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef.0.")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertEquals(200, failed.httpStatus());
        assertTrue(failed.getMessage().contains("Microsoft Teams endpoint returned HTTP error 429"),
                failed.getMessage());
    }

    @Test
    void aLegacyWebhooksClientErrorReportedWith200IsNotRetryable() {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(
                "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413 "
                        + "with ContextId tcid=0.")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertFalse(failed.retryable());
    }

    @Test
    void aBadRequestIsNotRetryableAndCarriesTheRemoteText() {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"code\":\"InvalidRequestContent\",\n\"message\":\"The input body for "
                        + "trigger 'manual' of type 'Request' did not match its schema definition.\"}}")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertFalse(failed.retryable());
        assertEquals(400, failed.httpStatus());
        assertNull(failed.retryAfter());
        assertTrue(failed.getMessage().startsWith("Microsoft Teams answered HTTP 400: "), failed.getMessage());
        assertTrue(failed.getMessage().contains("did not match its schema definition"), failed.getMessage());
        assertFalse(failed.getMessage().contains("\n"), "one line");
    }

    @Test
    void aLongRemoteTextIsTrimmed() {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404).withBody("x".repeat(5000))));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertFalse(failed.retryable());
        assertEquals("Microsoft Teams answered HTTP 404: ".length() + DeliveryFailed.MAX_REMOTE_TEXT,
                failed.getMessage().length());
    }

    @Test
    void throttlingIsRetryableAfterTheAskedDelay() {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("Too many requests")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertEquals(429, failed.httpStatus());
        assertEquals(Duration.ofSeconds(30), failed.retryAfter());
    }

    @Test
    void aServerErrorIsRetryable() {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel().send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertEquals(502, failed.httpStatus());
        assertTrue(failed.getMessage().contains("Bad Gateway"));
    }

    @Test
    void aRefusedConnectionIsRetryableAndDoesNotShowTheSecret() {
        TeamsWebhookChannel unreachable = new TeamsWebhookChannel(
                URI.create("http://127.0.0.1:" + OnCallMessages.closedPort() + PATH), TIMEOUT);

        DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DeliveryFailed.class, () -> unreachable.send(OnCallMessages.trigger())));

        assertTrue(failed.retryable());
        assertNull(failed.httpStatus());
        assertTrue(failed.getMessage().startsWith("Microsoft Teams at http://127.0.0.1:"), failed.getMessage());
        assertFalse(failed.getMessage().contains("s3cr3t"), failed.getMessage());
    }

    @Test
    void aSlowAnswerTimesOutRetryably() {
        teams.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withFixedDelay(1500)));
        TeamsWebhookChannel impatient = new TeamsWebhookChannel(URI.create(teams.baseUrl() + PATH),
                Duration.ofMillis(300));

        DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DeliveryFailed.class, () -> impatient.send(OnCallMessages.trigger())));

        assertTrue(failed.retryable());
        assertNull(failed.httpStatus());
        assertTrue(failed.getMessage().contains("did not answer in time"), failed.getMessage());
    }

    @Test
    void theWebhookMustBeHttpsExceptOnThisMachine() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new TeamsWebhookChannel(
                URI.create("http://prod-12.westeurope.logic.azure.com" + PATH), TIMEOUT));
        assertEquals("The Teams webhook URL must use https, not http (prod-12.westeurope.logic.azure.com).",
                refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TeamsWebhookChannel(URI.create("/relative"), TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new TeamsWebhookChannel(null, TIMEOUT));
        assertThrows(IllegalArgumentException.class,
                () -> new TeamsWebhookChannel(URI.create("https://example.com/hook"), Duration.ZERO));

        TeamsWebhookChannel channel = new TeamsWebhookChannel(
                URI.create("https://prod-12.westeurope.logic.azure.com:443" + PATH), TIMEOUT);
        assertEquals(Channel.TEAMS, channel.channel());
        assertEquals("TeamsWebhookChannel[https://prod-12.westeurope.logic.azure.com:443]", channel.toString());
    }

    private static List<String> facts(JsonObject factSet) {
        return factSet.getJsonArray("facts").getValuesAs(JsonObject.class).stream()
                .map(f -> f.getString("title") + "=" + f.getString("value"))
                .toList();
    }
}
