package com.attest.action;

/**
 * What the policy's detection pipeline must be, as a repair needs it: declared here, where repairs run, and
 * answered by the detection feature from its settings (a repair never decides what the policy asks for).
 */
public interface RepairPolicy {

    /** The name of the action group of the security on-call, e.g. {@code ag-security-oncall}. */
    String actionGroup();

    /** The name of the Defender for Cloud workflow automation routing alerts, e.g. {@code route-high-alerts}. */
    String automation();

    /** The alert severities the automation must route, e.g. High. */
    java.util.List<String> severities();

    /** This portal's Azure Monitor intake address (without a key), or null when none is configured. */
    String intakeUrl();

    /**
     * The Entra ID app registration Azure Monitor authenticates to the intake as (a secure webhook), or null when the
     * portal's intake takes keys: then a repair writes a key into the webhook's address.
     */
    default com.attest.azure.PipelineRepairs.SecureWebhook secureWebhook() {
        return null;
    }

    /** The name of the webhook receiver a repair adds to post to this portal. */
    default String receiverName() {
        return "attest-intake";
    }
}
