package com.attest.detection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the pipeline is checked, from configuration: what the policy asks for ({@link Policy}), whether the daily check
 * runs ({@code attest.detection.daily}, on unless false) and from which hour of the organisation's day
 * ({@code attest.detection.hour}, 6).
 */
@ApplicationScoped
public class DetectionSettings {

    @Inject
    @ConfigProperty(name = "attest.detection.intake-url", defaultValue = " ")
    String intakeUrl;

    @Inject
    @ConfigProperty(name = "attest.detection.action-group", defaultValue = Policy.ACTION_GROUP)
    String actionGroup;

    @Inject
    @ConfigProperty(name = "attest.detection.automation", defaultValue = Policy.AUTOMATION)
    String automation;

    @Inject
    @ConfigProperty(name = "attest.detection.severities", defaultValue = "High")
    String severities;

    @Inject
    @ConfigProperty(name = "attest.detection.daily", defaultValue = "true")
    boolean daily;

    @Inject
    @ConfigProperty(name = "attest.detection.hour", defaultValue = "6")
    int hour;

    @Inject
    @ConfigProperty(name = "attest.detection.proof-minutes", defaultValue = "10")
    double proofMinutes;

    @Inject
    @ConfigProperty(name = "attest.detection.weekly", defaultValue = "true")
    boolean weekly;

    @Inject
    @ConfigProperty(name = "attest.detection.secure-webhook.object-id", defaultValue = " ")
    String secureObjectId;

    @Inject
    @ConfigProperty(name = "attest.detection.secure-webhook.identifier-uri", defaultValue = " ")
    String secureIdentifierUri;

    @Inject
    @ConfigProperty(name = "attest.detection.secure-webhook.tenant-id", defaultValue = " ")
    String secureTenantId;

    /**
     * The Entra ID app registration a repaired action group's webhook authenticates as
     * ({@code attest.detection.secure-webhook.object-id}, {@code .identifier-uri}, {@code .tenant-id}), or null when
     * not all three are set: a repair then carries an intake key.
     */
    public com.attest.azure.PipelineRepairs.SecureWebhook secureWebhook() {
        if (secureObjectId.isBlank() || secureIdentifierUri.isBlank() || secureTenantId.isBlank()) {
            return null;
        }
        return new com.attest.azure.PipelineRepairs.SecureWebhook(secureObjectId.strip(), secureIdentifierUri.strip(),
                secureTenantId.strip());
    }

    /** How long a test alert may take to reach the intake ({@code attest.detection.proof-minutes}, 10). */
    public java.time.Duration proofWait() {
        return java.time.Duration.ofMillis(Math.max(1000L, (long) (proofMinutes * 60_000)));
    }

    /** Whether every subscription's pipeline is proven end to end once a week ({@code attest.detection.weekly}). */
    public boolean weekly() {
        return weekly;
    }

    public Policy policy() {
        List<String> levels = Arrays.stream(severities.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        return new Policy(actionGroup.strip(), automation.strip(), levels.isEmpty() ? List.of("High") : levels,
                intakeUrl.isBlank() ? null : intakeUrl.strip());
    }

    public boolean daily() {
        return daily;
    }

    public int hour() {
        return Math.max(0, Math.min(23, hour));
    }
}
