package com.attest.incident;

import java.util.Arrays;
import java.util.Optional;

/** Where an incident came from: reported in the portal, or one of the three alert sources and its intake path. */
public enum Source {
    MANUAL("the portal", null),
    DEFENDER("Defender for Cloud", "defender"),
    SENTINEL("Microsoft Sentinel", "sentinel"),
    AZURE_MONITOR("Azure Monitor", "azure-monitor");

    private final String label;
    private final String intakePath;

    Source(String label, String intakePath) {
        this.label = label;
        this.intakePath = intakePath;
    }

    /** The product's name, as messages and timelines write it. */
    public String label() {
        return label;
    }

    /** The last segment of its intake endpoint, {@code /api/intake/…}; null for the portal itself. */
    public String intakePath() {
        return intakePath;
    }

    public static Optional<Source> ofIntakePath(String path) {
        return Arrays.stream(values()).filter(s -> s.intakePath != null && s.intakePath.equalsIgnoreCase(path))
                .findFirst();
    }
}
