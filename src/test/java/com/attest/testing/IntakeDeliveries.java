package com.attest.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * Intake answers 202 as soon as a delivery is kept and processes it behind the answer; a test that wants to see
 * what became of it follows the status URL of the 202, with the same key, until the delivery is processed.
 */
public final class IntakeDeliveries {

    private IntakeDeliveries() {
    }

    /**
     * {@code response} itself unless it is a 202; else the delivery's status once it is no longer waiting, as a
     * response of the same status code (its body has {@code alertId}, {@code incidentReference}, {@code duplicate}).
     */
    public static HttpResponse<String> settled(HttpClient http, HttpResponse<String> response, String key) {
        return settled(http, response, "X-Intake-Key", key);
    }

    /** As {@link #settled(HttpClient, HttpResponse, String)}, reading the status with this header (a bearer token). */
    public static HttpResponse<String> settled(HttpClient http, HttpResponse<String> response, String header,
                                               String value) {
        if (response.statusCode() != 202) {
            return response;
        }
        URI status = URI.create(read(response.body()).getString("statusUrl"));
        String body = Wait.until("delivery " + status + " processed", Duration.ofSeconds(30), () -> get(http,
                status, header, value), b -> b != null && !"accepted".equals(read(b).getString("status")));
        return new Settled(response, body);
    }

    /** The status of a delivery right now (its JSON body), read with that header (an intake key or a token). */
    public static String get(HttpClient http, URI status, String header, String value) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(20))
                    .header(header, value).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("status of " + status + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject read(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private record Settled(HttpResponse<String> accepted, String body) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return accepted.statusCode();
        }

        @Override
        public HttpRequest request() {
            return accepted.request();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.of(accepted);
        }

        @Override
        public HttpHeaders headers() {
            return accepted.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return accepted.sslSession();
        }

        @Override
        public URI uri() {
            return accepted.uri();
        }

        @Override
        public HttpClient.Version version() {
            return accepted.version();
        }

        @Override
        public String toString() {
            return "202 settled: " + body;
        }
    }
}
