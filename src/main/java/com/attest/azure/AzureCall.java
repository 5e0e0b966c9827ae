package com.attest.azure;

import java.time.Instant;

/**
 * One HTTP exchange with Azure or Microsoft Graph, as kept in evidence. Never holds a secret: no request body of a
 * secret rotation, no token, no query string of a token request.
 *
 * @param at            when the request was sent
 * @param method        GET, PUT, PATCH, POST, DELETE
 * @param url           the URL as the SDK addressed it (the public endpoint, also when a test redirects it)
 * @param status        the HTTP status, 0 when no answer came (timeout, refused connection)
 * @param requestId     Azure's x-ms-request-id, or Graph's request-id; null when absent
 * @param correlationId x-ms-correlation-request-id or client-request-id; null when absent
 * @param millis        how long the exchange took
 * @param summary       a short description of the request body (e.g. "accountEnabled=false"), or null
 * @param error         the service's error code and message for a status of 400 or more, or the transport error
 */
public record AzureCall(Instant at, String method, String url, int status, String requestId, String correlationId,
                        long millis, String summary, String error) {
}
