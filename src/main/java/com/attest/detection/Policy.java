package com.attest.detection;

import com.attest.azure.PipelineRepairs;
import java.util.List;

/**
 * What the policy's "Detection Pipeline" section asks for, as configured: the action group of the security on-call
 * ({@code attest.detection.action-group}, by default {@value #ACTION_GROUP}), the Defender workflow automation
 * ({@code attest.detection.automation}, by default {@value #AUTOMATION}) and the alert severities it must route
 * ({@code attest.detection.severities}, by default High), and the address of this portal's Azure Monitor intake the
 * action group's webhook must post to ({@code attest.detection.intake-url}).
 */
public record Policy(String actionGroup, String automation, List<String> severities, String intakeUrl) {

    public static final String ACTION_GROUP = "ag-security-oncall";
    public static final String AUTOMATION = "route-high-alerts";

    public Policy {
        severities = List.copyOf(severities);
    }

    /** True when {@code uri} is this portal's intake (scheme, host and path; the query, e.g. its key, aside). */
    public boolean isIntake(String uri) {
        return PipelineRepairs.isIntake(uri, intakeUrl);
    }
}
