package com.attest.detection;

import com.attest.action.RepairPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What a repair of the pipeline makes, from the detection settings: the policy's names, severities and intake address. */
@ApplicationScoped
public class DetectionRepairPolicy implements RepairPolicy {

    @Inject
    private DetectionSettings settings;

    @Override
    public String actionGroup() {
        return settings.policy().actionGroup();
    }

    @Override
    public String automation() {
        return settings.policy().automation();
    }

    @Override
    public java.util.List<String> severities() {
        return settings.policy().severities();
    }

    @Override
    public com.attest.azure.PipelineRepairs.SecureWebhook secureWebhook() {
        return settings.secureWebhook();
    }

    @Override
    public String intakeUrl() {
        return settings.policy().intakeUrl();
    }
}
