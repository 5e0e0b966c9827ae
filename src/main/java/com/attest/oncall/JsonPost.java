package com.attest.oncall;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts JSON to one endpoint with one reused JDK {@link HttpClient}; thread-safe. */
final class JsonPost {

    private final String remote;
    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    /** @param remote who answers at {@code url}, as failure messages name it */
    JsonPost(String remote, URI url, Duration timeout) {
        this.remote = remote;
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends {@code body}; any answer is returned, whatever its status. No answer is a retryable failure. */
    HttpResponse<String> post(JsonObject body) throws DeliveryFailed {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DeliveryFailed.unreachable(remote, Endpoints.origin(url), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("Interrupted while waiting for " + remote, true, null, null, e);
        }
    }

    /** The answer's Retry-After, or null. */
    static Duration retryAfter(HttpResponse<?> response) {
        return DeliveryFailed.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }
}
