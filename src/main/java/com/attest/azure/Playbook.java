package com.attest.azure;

/**
 * A Logic App workflow (a Sentinel or Defender playbook) whose run history is collected as evidence that
 * notifications went out.
 *
 * @param id             its ARM id, {@code /subscriptions/…/resourceGroups/…/providers/Microsoft.Logic/workflows/NAME}
 * @param subscriptionId the subscription it lives in (configured, so its identity reads the runs)
 * @param name           the workflow's name
 */
public record Playbook(String id, String subscriptionId, String name) {
}
