package com.attest.azure;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * Retries for every Azure client: throttling (429), timeouts and passing server trouble (408, 500, 502, 503, 504) and
 * lost connections, up to attest.azure.retry.max-retries times, after attest.azure.retry.delay-ms doubled each time
 * (or Azure's Retry-After). A Retry-After longer than the timeout is not waited for: the failure carries it, and
 * whoever runs the action decides when to try again.
 */
final class AzureRetry implements RetryStrategy {

    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final int maxRetries;
    private final Duration baseDelay;
    private final Duration longestWait;

    AzureRetry(int maxRetries, Duration baseDelay, Duration longestWait) {
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
        this.longestWait = longestWait;
    }

    @Override
    public int getMaxRetries() {
        return maxRetries;
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        if (baseDelay.isZero()) {
            return Duration.ZERO;
        }
        long millis = baseDelay.toMillis() << Math.min(retryAttempts, 16);
        millis = Math.min(millis, MAX_DELAY.toMillis());
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 5 + 1)); // some jitter
    }

    @Override
    public boolean shouldRetry(HttpResponse response) {
        if (!RETRYABLE.contains(response.getStatusCode())) {
            return false;
        }
        Duration wait = AzureFailures.retryAfter(response.getHeaderValue("Retry-After"),
                response.getHeaderValue("retry-after-ms"), response.getHeaderValue("x-ms-retry-after-ms"));
        return wait == null || wait.compareTo(longestWait) <= 0;
    }

    @Override
    public boolean shouldRetryException(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean shouldRetryCondition(RequestRetryCondition condition) {
        return condition.getResponse() != null ? shouldRetry(condition.getResponse())
                : condition.getThrowable() != null && shouldRetryException(condition.getThrowable());
    }

    /** Microsoft Graph's (Kiota's) retry handler, the same rules: its delay is in whole seconds. */
    com.microsoft.kiota.http.middleware.options.RetryHandlerOption graphOption() {
        return new com.microsoft.kiota.http.middleware.options.RetryHandlerOption(
                (delay, attempt, request, response) -> {
                    if (!RETRYABLE.contains(response.code())) {
                        return false;
                    }
                    Duration wait = AzureFailures.retryAfter(response.header("Retry-After"), null, null);
                    return wait == null || wait.compareTo(longestWait) <= 0;
                },
                maxRetries, baseDelay.isZero() ? 0 : Math.max(1, baseDelay.toSeconds()));
    }
}
