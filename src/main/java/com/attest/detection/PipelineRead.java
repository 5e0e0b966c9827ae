package com.attest.detection;

import java.util.Map;

/**
 * What was read of one subscription's pipeline: its action groups, Defender workflow automations and Logic App
 * workflows, the latest runs of each workflow the pipeline uses (by lower-case id), and the automation rules of each
 * Sentinel workspace in the subscription (by the workspace's name).
 */
public record PipelineRead(String subscriptionId, String subscriptionLabel, Listing actionGroups,
                           Listing automations, Listing workflows, Map<String, Listing> runs,
                           Map<String, Listing> automationRules) {

    public PipelineRead {
        runs = Map.copyOf(runs);
        automationRules = Map.copyOf(automationRules);
    }
}
