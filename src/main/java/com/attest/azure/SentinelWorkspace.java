package com.attest.azure;

import java.util.Locale;

/**
 * A Microsoft Sentinel workspace the portal lists, assigns and writes back incidents in, and collects their history
 * from: the Log Analytics workspace by subscription, resource group and name, as the SecurityInsights API addresses it.
 *
 * @param name             the configured name, e.g. "soc"
 * @param subscriptionName the configured subscription whose identity calls Sentinel
 * @param subscriptionId   that subscription's id
 * @param resourceGroup    the workspace's resource group, e.g. "rg-security"
 * @param workspace        the workspace's name, e.g. "law-soc2-prod"
 */
public record SentinelWorkspace(String name, String subscriptionName, String subscriptionId, String resourceGroup,
                                String workspace) {

    /** The workspace's SecurityInsights provider path: incidents live under it. */
    public String providerPath() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.OperationalInsights/workspaces/" + workspace
                + "/providers/Microsoft.SecurityInsights";
    }

    /** The ARM id of incident {@code incidentName} in this workspace. */
    public String incidentId(String incidentName) {
        return providerPath() + "/incidents/" + incidentName;
    }

    /** Whether an incident's ARM id (any case) lies in this workspace. */
    public boolean holds(String incidentId) {
        return incidentId != null && incidentId.toLowerCase(Locale.ROOT)
                .startsWith((providerPath() + "/incidents/").toLowerCase(Locale.ROOT));
    }

    /** "soc (law-soc2-prod in rg-security)" */
    public String label() {
        return name + " (" + workspace + " in " + resourceGroup + ")";
    }
}
