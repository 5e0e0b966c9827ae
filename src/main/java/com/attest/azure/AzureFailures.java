package com.attest.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.BinaryData;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Turns what the SDKs throw into an {@link AzureFailure} carrying Azure's own status, code and text. */
final class AzureFailures {

    private AzureFailures() {
    }

    /**
     * @param doing what was being done, e.g. "Reading the VM"
     */
    static AzureFailure map(String doing, Throwable thrown) {
        if (thrown instanceof AzureFailure failure) {
            return failure;
        }
        HttpResponseException http = find(thrown, HttpResponseException.class);
        if (http != null && http.getResponse() != null) {
            HttpResponse response = http.getResponse();
            int status = response.getStatusCode();
            String code = null;
            String message = null;
            if (http instanceof ManagementException management && management.getValue() != null) {
                code = management.getValue().getCode();
                message = management.getValue().getMessage();
            }
            if (code == null && message == null) {
                String[] parsed = parsedBody(response);
                if (parsed != null) {
                    code = parsed[0];
                    message = parsed[1];
                }
            }
            if (code == null && message == null) {
                message = http.getMessage();
            }
            Duration retryAfter = status == 429 || status == 503 ? retryAfter(response.getHeaderValue("Retry-After"),
                    response.getHeaderValue("retry-after-ms"), response.getHeaderValue("x-ms-retry-after-ms")) : null;
            return failure(doing, status, code, message, retryAfter, thrown);
        }
        ApiException api = find(thrown, ApiException.class);
        if (api != null && api.getResponseStatusCode() > 0) {
            int status = api.getResponseStatusCode();
            String code = null;
            String message = api.getMessage();
            if (api instanceof ODataError odata && odata.getError() != null) {
                code = odata.getError().getCode();
                message = odata.getError().getMessage();
            }
            Duration retryAfter = null;
            if ((status == 429 || status == 503) && api.getResponseHeaders() != null) {
                String header = header(api.getResponseHeaders().get("Retry-After"));
                retryAfter = retryAfter(header != null ? header : header(api.getResponseHeaders().get("retry-after")),
                        null, null);
            }
            return failure(doing, status, code, message, retryAfter, thrown);
        }
        if (isTimeout(thrown)) {
            return new AzureFailure(0, null, doing + ": no answer in time", null, true, thrown);
        }
        ClientAuthenticationException signIn = find(thrown, ClientAuthenticationException.class);
        if (signIn != null) {
            return new AzureFailure(signIn.getResponse() == null ? 0 : signIn.getResponse().getStatusCode(),
                    "AuthenticationFailed", doing + ": signing in failed: " + signIn.getMessage(), null, false, thrown);
        }
        com.azure.identity.CredentialUnavailableException unavailable =
                find(thrown, com.azure.identity.CredentialUnavailableException.class);
        if (unavailable != null) {
            return new AzureFailure(0, "CredentialUnavailable", doing + ": " + unavailable.getMessage(), null, false,
                    thrown);
        }
        return new AzureFailure(0, null, doing + ": " + CallRecording.transportError(thrown), null, false, thrown);
    }

    static AzureFailure failure(String doing, int status, String code, String message, Duration retryAfter,
                                Throwable cause) {
        StringBuilder text = new StringBuilder(doing).append(": ").append(status);
        if (code != null) {
            text.append(' ').append(code);
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(CallRecording.cut(message.strip(), 1000));
        }
        return new AzureFailure(status, code, text.toString(), retryAfter, false, cause);
    }

    private static String[] parsedBody(HttpResponse response) {
        try {
            BinaryData body = response.getBodyAsBinaryData();
            return body == null ? null : CallRecording.parseError(body.toString());
        } catch (RuntimeException e) {
            return null; // the body was streamed away
        }
    }

    private static String header(Set<String> values) {
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    /** Retry-After in seconds or as an HTTP date, or a retry-after-ms header. */
    static Duration retryAfter(String retryAfter, String millis, String msMillis) {
        for (String ms : new String[] {millis, msMillis}) {
            if (ms != null) {
                try {
                    return Duration.ofMillis(Long.parseLong(ms.strip()));
                } catch (NumberFormatException e) {
                    // try the next
                }
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    static boolean isTimeout(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof InterruptedIOException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return type.cast(suppressed);
                }
            }
        }
        return null;
    }
}
