package com.attest.incident;

import java.util.List;
import java.util.Locale;

/**
 * What an incident turned out to be, as its closing step says, in Microsoft Sentinel's words so it can be written
 * back there: a true positive, a benign positive (suspicious but expected), a false positive, or undetermined. Each
 * but the last may name a reason from Sentinel's list for it.
 */
public enum Classification {
    TRUE_POSITIVE("TruePositive", List.of("SuspiciousActivity")),
    BENIGN_POSITIVE("BenignPositive", List.of("SuspiciousButExpected")),
    FALSE_POSITIVE("FalsePositive", List.of("IncorrectAlertLogic", "InaccurateData")),
    UNDETERMINED("Undetermined", List.of());

    private final String sentinel;
    private final List<String> reasons;

    Classification(String sentinel, List<String> reasons) {
        this.sentinel = sentinel;
        this.reasons = reasons;
    }

    /** The word Sentinel uses, e.g. TruePositive. */
    public String sentinel() {
        return sentinel;
    }

    /** The reasons Sentinel accepts with it. */
    public List<String> reasons() {
        return reasons;
    }

    public String getLabel() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Why a reason does not go with this classification, or null when it does (no reason always does). */
    public String refusalOf(String reason) {
        if (reason == null || reason.isBlank() || reasons.contains(reason.strip())) {
            return null;
        }
        return reasons.isEmpty() ? getLabel() + " takes no reason."
                : "With " + getLabel().toLowerCase(Locale.ROOT) + " the reason is " + String.join(" or ", reasons) + ".";
    }
}
