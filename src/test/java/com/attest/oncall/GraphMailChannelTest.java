package com.attest.oncall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
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
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.ConnectException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

class GraphMailChannelTest {

    private static final String SENDER = "soc-alerts@contoso.com";
    /** Kiota percent-encodes the @ of the mailbox in the path; Graph reads both forms. */
    private static final String PATH = "/v1.0/users/soc-alerts%40contoso.com/sendMail";
    private static final List<String> ON_CALL = List.of("oncall@contoso.com", "secops.lead@contoso.com");
    private static final Duration TIMEOUT = Duration.ofSeconds(10); // ample on a busy machine
    private static final TokenCredential TOKEN =
            request -> Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Built once: the first Graph client in a JVM takes seconds. */
    private static GraphMailChannel channel;

    @BeforeAll
    static void buildChannel() {
        channel = new GraphMailChannel(TOKEN, graph.baseUrl() + "/v1.0", SENDER, ON_CALL, TIMEOUT);
    }

    /**
     * The sendMail body as the SDK writes it. Its action parameters are PascalCase ("Message", "SaveToSentItems"),
     * as in Graph's metadata; Graph reads them case-insensitively.
     */
    private static JsonObject sentMail() {
        String body = graph.getAllServeEvents().get(0).getRequest().getBodyAsString();
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void sendMailCarriesTheTokenAndTheMessage() throws Exception {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)
                .withHeader("request-id", "5d9a8c0e-1f62-4a8b-9d8e-2b1f0c3e4a57")));

        Delivery delivery = channel.send(OnCallMessages.trigger());

        assertEquals(new Delivery(202, "5d9a8c0e-1f62-4a8b-9d8e-2b1f0c3e4a57"), delivery);
        graph.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer test-token"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.Message.subject",
                        equalTo("[P1] INC-2026-007 Compromised credentials on vm-web-01")))
                .withRequestBody(matchingJsonPath("$.Message.body.contentType", equalToIgnoreCase("HTML")))
                .withRequestBody(matchingJsonPath("$.Message.importance", equalToIgnoreCase("high")))
                .withRequestBody(matchingJsonPath("$.SaveToSentItems", equalTo("true"))));
        JsonObject message = sentMail().getJsonObject("Message");
        assertEquals(ON_CALL, message.getJsonArray("toRecipients").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getJsonObject("emailAddress").getString("address")).toList());
        String html = message.getJsonObject("body").getString("content");
        assertTrue(html.contains("P1 · INC-2026-007 · Compromised credentials on vm-web-01"), html);
        assertTrue(html.contains("<th align=\"left\">Respond by</th><td>2026-03-01 14:35 UTC</td>"), html);
        assertTrue(html.contains("Sign-in from an unfamiliar location,<br>then a mass download"), html);
        assertTrue(html.contains("<a href=\"" + OnCallMessages.URL + "\">"), html);
    }

    @Test
    void aMailerSendsToNamedPeopleWithTheToken() throws Exception {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withHeader("request-id", "r-1")));
        GraphMailChannel mailer = GraphMailChannel.mailer(TOKEN, graph.baseUrl() + "/v1.0", SENDER, TIMEOUT);

        Delivery delivery = mailer.send(List.of("dana@contoso.com"), "PIR for INC-2026-007 due\nin 2 days",
                "<p>Due 2026-03-06</p>");

        assertEquals(new Delivery(202, "r-1"), delivery);
        graph.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer test-token"))
                .withRequestBody(matchingJsonPath("$.Message.toRecipients[0].emailAddress.address",
                        equalTo("dana@contoso.com")))
                .withRequestBody(matchingJsonPath("$.Message.body.content", equalTo("<p>Due 2026-03-06</p>"))));
        assertEquals("PIR for INC-2026-007 due in 2 days", sentMail().getJsonObject("Message").getString("subject"));
        assertThrows(IllegalArgumentException.class, () -> mailer.send(List.of(), "s", "b"));
        assertThrows(IllegalArgumentException.class, () -> mailer.send(List.of("not-an-address"), "s", "b"));
        assertFalse(assertThrows(DeliveryFailed.class, () -> mailer.send(OnCallMessages.trigger())).retryable(),
                "a mailer has no on-call recipients");
    }

    @Test
    void theBodyEscapesWhatTheIncidentSays() throws Exception {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        channel.send(OnCallMessages.titled("<script>alert(\"x\")</script> & 'friends'",
                "https://attest.example.com/incidents/INC-2026-008?a=1&b=\"2\""));

        JsonObject message = sentMail().getJsonObject("Message");
        String html = message.getJsonObject("body").getString("content");
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;"), html);
        assertTrue(html.contains("href=\"https://attest.example.com/incidents/INC-2026-008?a=1&amp;b=&quot;2&quot;\""),
                html);
        assertEquals("[P3] INC-2026-008 <script>alert(\"x\")</script> & 'friends'", message.getString("subject"));
        assertFalse(message.containsKey("importance"), "P3 is not urgent");
    }

    @Test
    void aResolveIsAPlainMessage() throws Exception {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        channel.send(OnCallMessages.resolve());

        JsonObject message = sentMail().getJsonObject("Message");
        assertEquals("Resolved: [P1] INC-2026-007 Compromised credentials on vm-web-01", message.getString("subject"));
        assertFalse(message.containsKey("importance"));
        assertFalse(message.getJsonObject("body").getString("content").contains("Respond by"));
    }

    @Test
    void aRefusedMessageIsNotRetryableAndCarriesGraphsError() {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ErrorInvalidRecipients\",\"message\":\"At least one recipient "
                        + "is not valid., Recipient 'oncall@contoso.com' is not resolved.\"}}")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel.send(OnCallMessages.trigger()));

        assertFalse(failed.retryable());
        assertEquals(400, failed.httpStatus());
        assertEquals("Microsoft Graph answered HTTP 400: ErrorInvalidRecipients: At least one recipient is not valid., "
                + "Recipient 'oncall@contoso.com' is not resolved.", failed.getMessage());
    }

    @Test
    void aMissingPermissionIsNotRetryable() {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ErrorAccessDenied\",\"message\":\"Access is denied. Check "
                        + "credentials and try again.\"}}")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel.send(OnCallMessages.trigger()));

        assertFalse(failed.retryable());
        assertEquals(403, failed.httpStatus());
        assertTrue(failed.getMessage().contains("ErrorAccessDenied: Access is denied."), failed.getMessage());
    }

    @Test
    void throttlingIsRetryableAfterGraphsDelayAndTheSdkDoesNotRetryItself() {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ApplicationThrottled\",\"message\":\"Application is over its "
                        + "MailboxConcurrency limit.\"}}")));

        DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DeliveryFailed.class, () -> channel.send(OnCallMessages.trigger())));

        assertTrue(failed.retryable());
        assertEquals(429, failed.httpStatus());
        assertEquals(Duration.ofSeconds(7), failed.retryAfter());
        assertTrue(failed.getMessage().contains("MailboxConcurrency"), failed.getMessage());
        graph.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void unavailabilityIsRetryable() {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3")));

        DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DeliveryFailed.class, () -> channel.send(OnCallMessages.trigger())));

        assertTrue(failed.retryable());
        assertEquals(503, failed.httpStatus());
        assertEquals(Duration.ofSeconds(3), failed.retryAfter());
        graph.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aServerErrorIsRetryable() {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Something went wrong.\"}}")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel.send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertEquals(500, failed.httpStatus());
        assertNull(failed.retryAfter());
    }

    @Test
    void aGatewayErrorWithoutJsonKeepsItsStatus() {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad Gateway</body></html>")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel.send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertEquals(502, failed.httpStatus());
        assertEquals("Microsoft Graph answered HTTP 502: <html><body>Bad Gateway</body></html>", failed.getMessage());
    }

    @Test
    void theTokenGoesToTheBaseUrlsHost() throws Exception {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));
        GraphMailChannel byAddress = new GraphMailChannel(TOKEN, "http://127.0.0.1:" + graph.getPort() + "/v1.0/",
                SENDER, ON_CALL, TIMEOUT);

        byAddress.send(OnCallMessages.trigger());

        graph.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void aSlowAnswerTimesOutRetryably() {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withFixedDelay(1500)));
        GraphMailChannel impatient = new GraphMailChannel(TOKEN, graph.baseUrl() + "/v1.0", SENDER, ON_CALL,
                Duration.ofMillis(300));

        DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DeliveryFailed.class, () -> impatient.send(OnCallMessages.trigger())));

        assertTrue(failed.retryable());
        assertNull(failed.httpStatus());
        assertTrue(failed.getMessage().contains("did not answer in time"), failed.getMessage());
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        GraphMailChannel unreachable = new GraphMailChannel(TOKEN,
                "http://localhost:" + OnCallMessages.closedPort() + "/v1.0", SENDER, ON_CALL, TIMEOUT);

        DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DeliveryFailed.class, () -> unreachable.send(OnCallMessages.trigger())));

        assertTrue(failed.retryable(), failed.getMessage());
        assertNull(failed.httpStatus());
        assertTrue(failed.getMessage().startsWith("Microsoft Graph at http://localhost:"), failed.getMessage());
    }

    @Test
    void aCredentialThatFailsIsAConfigurationErrorAndSendsNothing() {
        TokenCredential rejected = request -> Mono.error(new ClientAuthenticationException(
                "AADSTS7000215: Invalid client secret provided.", null));
        GraphMailChannel misconfigured = new GraphMailChannel(rejected, graph.baseUrl() + "/v1.0", SENDER, ON_CALL,
                TIMEOUT);

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> misconfigured.send(OnCallMessages.trigger()));

        assertFalse(failed.retryable());
        assertNull(failed.httpStatus());
        assertEquals("No request was sent to Microsoft Graph: ClientAuthenticationException: AADSTS7000215: "
                + "Invalid client secret provided.", failed.getMessage());
        graph.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnreachableTokenEndpointIsRetryable() {
        TokenCredential offline = request -> Mono.error(new ClientAuthenticationException(
                "Failed to acquire a token", null, new ConnectException("Connection refused")));
        GraphMailChannel cutOff = new GraphMailChannel(offline, graph.baseUrl() + "/v1.0", SENDER, ON_CALL, TIMEOUT);

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> cutOff.send(OnCallMessages.trigger()));

        assertTrue(failed.retryable());
        assertEquals("No request was sent to Microsoft Graph: ConnectException: Connection refused",
                failed.getMessage());
        graph.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void addressesAndTheBaseUrlAreChecked() {
        assertEquals("At least one on-call e-mail recipient is needed.", assertThrows(IllegalArgumentException.class,
                () -> new GraphMailChannel(TOKEN, null, SENDER, List.of())).getMessage());
        assertEquals("Not an e-mail address: \"oncall@contoso\".", assertThrows(IllegalArgumentException.class,
                () -> new GraphMailChannel(TOKEN, null, SENDER, List.of("oncall@contoso"))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new GraphMailChannel(TOKEN, null, SENDER, List.of("a@contoso.com", "Eve <eve@contoso.com>")));
        assertThrows(IllegalArgumentException.class, () -> new GraphMailChannel(TOKEN, null, "soc alerts", ON_CALL));
        assertThrows(IllegalArgumentException.class,
                () -> new GraphMailChannel(TOKEN, "http://graph.microsoft.com/v1.0", SENDER, ON_CALL));
        assertThrows(IllegalArgumentException.class, () -> new GraphMailChannel(null, null, SENDER, ON_CALL));

        GraphMailChannel byObjectId = new GraphMailChannel(TOKEN, null,
                "8a1c5f3e-2b4d-4e6f-9a0b-1c2d3e4f5a6b", List.of("oncall@contoso.com"));
        assertEquals(Channel.EMAIL, byObjectId.channel());
        assertEquals("GraphMailChannel[https://graph.microsoft.com, from 8a1c5f3e-2b4d-4e6f-9a0b-1c2d3e4f5a6b, "
                + "to [oncall@contoso.com]]", byObjectId.toString());
    }

    @Test
    void severityDecidesImportance() throws Exception {
        graph.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        channel.send(OnCallMessages.trigger(Severity.P2));

        assertEquals("high", sentMail().getJsonObject("Message").getString("importance"));
    }
}
