package com.attest.oncall;

import java.time.Instant;

/**
 * One call of a write-back to Microsoft Sentinel as it went.
 *
 * @param etagBefore the incident's etag the call was made with (If-Match), or null
 * @param etagAfter  the incident's etag Azure answered with, or null
 * @param error      Azure's error in its words, or null
 */
public record WriteBackCall(Instant at, String method, String url, int status, String requestId, String etagBefore,
                            String etagAfter, long millis, String error) {
}
