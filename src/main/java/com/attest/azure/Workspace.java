package com.attest.azure;

/**
 * A Log Analytics workspace the portal may query.
 *
 * @param name           the configured name, e.g. "sentinel"
 * @param workspaceId    the workspace (customer) id, a GUID
 * @param subscriptionId the subscription whose configured identity queries it
 */
public record Workspace(String name, String workspaceId, String subscriptionId) {
}
