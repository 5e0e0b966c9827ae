package com.attest.detection;

import com.attest.action.RepairPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What a repair of the pipeline makes, from the detection settings: the policy's action group and intake address. */
@ApplicationScoped
public class DetectionRepairPolicy implements RepairPolicy {

    @Inject
    private DetectionSettings settings;

    @Override
    public String actionGroup() {
        return settings.policy().actionGroup();
    }

    @Override
    public String intakeUrl() {
        return settings.policy().intakeUrl();
    }
}
