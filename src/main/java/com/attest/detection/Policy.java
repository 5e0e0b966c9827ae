package com.attest.detection;

import java.util.List;
import java.util.Locale;

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
        if (uri == null || intakeUrl == null || intakeUrl.isBlank()) {
            return false;
        }
        return base(uri).equals(base(intakeUrl));
    }

    private static String base(String uri) {
        String s = uri.strip();
        int q = s.indexOf('?');
        s = q < 0 ? s : s.substring(0, q);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
