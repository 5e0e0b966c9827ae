package com.attest.azure;

import static com.attest.azure.AzureFake.SUBSCRIPTION;
import static com.attest.azure.AzureFake.armError;
import static com.attest.azure.AzureFake.json;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.oncall.SentinelWriter;
import com.attest.oncall.WriteBackCall;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The write-backs to a linked Sentinel incident, request by request: owner and Active (GET, then PUT with If-Match
 * and the whole incident), closing with the classification and its comment (PUT under the portal's comment id),
 * nothing written when Sentinel already says so, a 412 answered by reading again, Azure's refusal kept with the calls.
 */
class SentinelWriteBackTest {

    static final String WS = SentinelApiTest.WS;
    static final String NAME = SentinelApiTest.NAME;
    static final String INCIDENT = SentinelApiTest.INCIDENT;
    static final String TARGET = INCIDENT.toLowerCase();
    static final String COMMENT = "5b0f8d2e-3c4a-4e6b-9a1d-7f2e8c9b0a1d";

    @RegisterExtension
    static WireMockExtension fake = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static SentinelWriter writer;

    @BeforeAll
    static void clients() {
        Map<String, String> config = new TreeMap<>(AzureFake.config(fake, 0, "1.5"));
        config.put("attest.azure.sentinel-workspaces", "soc");
        config.put("attest.azure.sentinel.soc.subscription", "prod");
        config.put("attest.azure.sentinel.soc.resource-group", "rg-security");
        config.put("attest.azure.sentinel.soc.workspace", "law-soc2-prod");
        AzureClients clients = new AzureClients(AzureSettings.of(config));
        writer = new SentinelWriter(clients, new SentinelApi(clients));
    }

    @BeforeEach
    void signIn() {
        fake.resetAll();
        AzureFake.tokenEndpoint(fake);
    }

    @Test
    void ownerAndActiveAreWrittenOverTheIncidentAsReadWithItsEtag() throws Exception {
        fake.stubFor(get(urlPathEqualTo(INCIDENT)).willReturn(json(200,
                SentinelApiTest.incident(NAME, 42, "New", "a1", null))));
        fake.stubFor(put(urlPathEqualTo(INCIDENT)).willReturn(json(200,
                SentinelApiTest.incident(NAME, 42, "Active", "a2", "rita@contoso.com"))));
        String body = SentinelWriter.body(Json.createObjectBuilder().add("owner", Json.createObjectBuilder()
                .add("assignedTo", "rita@contoso.com").add("userPrincipalName", "rita@contoso.com"))
                .add("status", "Active").build(), null, null);
        SentinelWriter.Outcome outcome = writer.write(TARGET, body);

        fake.verify(putRequestedFor(urlPathEqualTo(INCIDENT)).withQueryParam("api-version", equalTo("2024-03-01"))
                .withHeader("If-Match", equalTo("\"a1\""))
                .withRequestBody(equalToJson("{\"etag\":\"\\\"a1\\\"\",\"properties\":{\"title\":\"Suspicious sign-in"
                        + " from a new country\",\"description\":\"\",\"severity\":\"High\",\"status\":\"Active\","
                        + "\"owner\":{\"assignedTo\":\"rita@contoso.com\",\"userPrincipalName\":\"rita@contoso.com\"},"
                        + "\"labels\":[]}}")));
        assertEquals(List.of("GET 200 null \"a1\"", "PUT 200 \"a1\" \"a2\""), lines(outcome.calls()));
        assertTrue(outcome.summary().contains("written (etag \"a1\" → \"a2\")"), outcome.summary());
    }

    @Test
    void closingCarriesTheClassificationAndAddsTheCommentUnderThePortalsId() throws Exception {
        fake.stubFor(get(urlPathEqualTo(INCIDENT)).willReturn(json(200,
                SentinelApiTest.incident(NAME, 42, "Active", "a1", "rita@contoso.com"))));
        fake.stubFor(put(urlPathEqualTo(INCIDENT)).willReturn(json(200,
                SentinelApiTest.incident(NAME, 42, "Closed", "a2", "rita@contoso.com"))));
        fake.stubFor(put(urlPathEqualTo(INCIDENT + "/comments/" + COMMENT)).willReturn(json(200,
                "{\"name\":\"" + COMMENT + "\",\"properties\":{\"message\":\"m\"}}")));
        String body = SentinelWriter.body(Json.createObjectBuilder().add("status", "Closed")
                .add("classification", "TruePositive").add("classificationReason", "SuspiciousActivity")
                .add("classificationComment", "Resolved in Attest as INC-2026-001").build(), COMMENT,
                "Resolved in Attest as INC-2026-001 (TruePositive, SuspiciousActivity): https://attest/incidents/"
                        + "view.xhtml?ref=INC-2026-001");
        writer.write(TARGET, body);
        fake.verify(putRequestedFor(urlPathEqualTo(INCIDENT)).withHeader("If-Match", equalTo("\"a1\""))
                .withRequestBody(equalToJson("{\"properties\":{\"status\":\"Closed\",\"classification\":"
                        + "\"TruePositive\",\"classificationReason\":\"SuspiciousActivity\",\"classificationComment\":"
                        + "\"Resolved in Attest as INC-2026-001\"}}", true, true)));
        fake.verify(putRequestedFor(urlPathEqualTo(INCIDENT + "/comments/" + COMMENT))
                .withQueryParam("api-version", equalTo("2024-03-01"))
                .withRequestBody(equalToJson("{\"properties\":{\"message\":\"Resolved in Attest as INC-2026-001"
                        + " (TruePositive, SuspiciousActivity): https://attest/incidents/view.xhtml?ref=INC-2026-001"
                        + "\"}}")));
    }

    @Test
    void nothingIsWrittenWhenSentinelAlreadySaysSoAndALinkIsOnlyAComment() throws Exception {
        fake.stubFor(get(urlPathEqualTo(INCIDENT)).willReturn(json(200,
                SentinelApiTest.incident(NAME, 42, "Active", "a1", "rita@contoso.com"))));
        fake.stubFor(put(urlPathEqualTo(INCIDENT + "/comments/" + COMMENT)).willReturn(json(200, "{}")));
        SentinelWriter.Outcome same = writer.write(TARGET, SentinelWriter.body(Json.createObjectBuilder()
                .add("owner", Json.createObjectBuilder().add("assignedTo", "RITA@contoso.com")
                        .add("userPrincipalName", "RITA@contoso.com")).add("status", "Active").build(), null, null));
        assertEquals(List.of("GET 200 null \"a1\""), lines(same.calls()));
        assertTrue(same.summary().startsWith("already so in Sentinel"), same.summary());
        fake.verify(0, putRequestedFor(urlPathEqualTo(INCIDENT)));

        SentinelWriter.Outcome link = writer.write(TARGET, SentinelWriter.body(null, COMMENT,
                "Tracked in Attest as INC-2026-001"));
        assertEquals(1, link.calls().size());
        assertEquals("PUT", link.calls().get(0).method());
        assertTrue(link.calls().get(0).url().endsWith("/comments/" + COMMENT + "?api-version=2024-03-01"));
    }

    @Test
    void a412IsAnsweredByReadingAgainAndWritingOverTheFreshRead() throws Exception {
        fake.stubFor(get(urlPathEqualTo(INCIDENT)).inScenario("etag").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, SentinelApiTest.incident(NAME, 42, "New", "a1", null))));
        fake.stubFor(put(urlPathEqualTo(INCIDENT)).inScenario("etag").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(armError(412, "PreconditionFailed", "The etag does not match")).willSetStateTo("moved"));
        fake.stubFor(get(urlPathEqualTo(INCIDENT)).inScenario("etag").whenScenarioStateIs("moved")
                .willReturn(json(200, SentinelApiTest.incident(NAME, 42, "New", "b7", "sam@contoso.com"))));
        fake.stubFor(put(urlPathEqualTo(INCIDENT)).inScenario("etag").whenScenarioStateIs("moved")
                .willReturn(json(200, SentinelApiTest.incident(NAME, 42, "Active", "b8", "rita@contoso.com"))));
        SentinelWriter.Outcome outcome = writer.write(TARGET, SentinelWriter.body(SentinelApiStub.owner(), null,
                null));
        assertEquals(List.of("GET 200 null \"a1\"", "PUT 412 \"a1\" null", "GET 200 null \"b7\"",
                "PUT 200 \"b7\" \"b8\""), lines(outcome.calls()));
        fake.verify(putRequestedFor(urlPathEqualTo(INCIDENT)).withHeader("If-Match", equalTo("\"b7\"")));
    }

    @Test
    void azuresRefusalIsKeptWithTheCallsAndAnUnconfiguredWorkspaceIsNotRetried() {
        fake.stubFor(get(urlPathEqualTo(INCIDENT)).willReturn(armError(403, "AuthorizationFailed",
                "The client does not have authorization to perform action 'Microsoft.SecurityInsights/incidents/read'")));
        SentinelWriter.Failed refused = assertThrows(SentinelWriter.Failed.class, () -> writer.write(TARGET,
                SentinelWriter.body(SentinelApiStub.owner(), null, null)));
        assertFalse(refused.failure().retryable());
        assertTrue(refused.getMessage().contains("does not have authorization"), refused.getMessage());
        assertEquals(List.of("GET 403 null null"), lines(refused.calls()));

        fake.stubFor(get(urlPathEqualTo(INCIDENT)).willReturn(armError(429, "TooManyRequests", "Slow down")
                .withHeader("Retry-After", "7")));
        SentinelWriter.Failed throttled = assertThrows(SentinelWriter.Failed.class, () -> writer.write(TARGET,
                SentinelWriter.body(SentinelApiStub.owner(), null, null)));
        assertTrue(throttled.failure().retryable());
        assertEquals(java.time.Duration.ofSeconds(7), throttled.failure().retryAfter());

        fake.stubFor(get(urlPathEqualTo(INCIDENT)).willReturn(json(200,
                SentinelApiTest.incident(NAME, 42, "New", "a1", null)).withFixedDelay(4000)));
        SentinelWriter.Failed timedOut = assertThrows(SentinelWriter.Failed.class, () -> writer.write(TARGET,
                SentinelWriter.body(SentinelApiStub.owner(), null, null)));
        assertTrue(timedOut.failure().retryable(), timedOut.getMessage());
        assertEquals(List.of("GET 0 null null"), lines(timedOut.calls()));

        SentinelWriter.Failed elsewhere = assertThrows(SentinelWriter.Failed.class, () -> writer.write(
                "/subscriptions/" + SUBSCRIPTION + "/resourcegroups/rg-other/providers/microsoft.operationalinsights"
                        + "/workspaces/law-x/providers/microsoft.securityinsights/incidents/" + NAME,
                SentinelWriter.body(SentinelApiStub.owner(), null, null)));
        assertFalse(elsewhere.failure().retryable());
        assertTrue(elsewhere.calls().isEmpty());
    }

    private static List<String> lines(List<WriteBackCall> calls) {
        return calls.stream().map(c -> c.method() + " " + c.status() + " " + c.etagBefore() + " " + c.etagAfter())
                .toList();
    }

    /** The owner write-back's properties. */
    static final class SentinelApiStub {
        static jakarta.json.JsonObject owner() {
            return Json.createObjectBuilder().add("owner", Json.createObjectBuilder()
                    .add("assignedTo", "rita@contoso.com").add("userPrincipalName", "rita@contoso.com"))
                    .add("status", "Active").build();
        }
    }
}
