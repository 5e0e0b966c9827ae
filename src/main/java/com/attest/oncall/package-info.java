/**
 * Clients for the channels that reach the on-call person: a Microsoft Teams webhook, PagerDuty Events API v2 and
 * e-mail through Microsoft Graph. Each sends one {@link com.attest.oncall.OnCallMessage} per call and says, when it
 * fails, whether trying again later can help; queuing and retrying belong to the caller.
 */
package com.attest.oncall;
