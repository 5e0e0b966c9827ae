package com.attest.oncall;

/**
 * A message the channel accepted.
 *
 * @param httpStatus the success status the channel answered
 * @param externalId the channel's handle on it: PagerDuty's dedup_key, Graph's request-id header, the Teams
 *                   workflow run id; null when the channel gives none
 */
public record Delivery(int httpStatus, String externalId) {
}
