package com.attest.incident;

import java.util.List;

/**
 * The policy's classification table. A Defender for Cloud score of 9–10 is P1, 7–8 P2, 4–6 P3 and 1–3 P4;
 * the examples guide a responder classifying by hand.
 */
public enum Severity {
    P1(9, 10, List.of("Compromised credentials", "Cryptominer detected", "Data exfiltration"),
            "30 minutes"),
    P2(7, 8, List.of("Brute force attack", "Anomalous sign-in from new country", "Key vault access spike"),
            "2 hours"),
    P3(4, 6, List.of("Policy violations", "Misconfiguration alerts", "Exposed storage accounts"),
            "24 hours"),
    P4(1, 3, List.of("Informational alerts", "Expected behaviour flagged as anomalous"),
            "Next business day");

    private final int minScore;
    private final int maxScore;
    private final List<String> examples;
    private final String policySla;

    Severity(int minScore, int maxScore, List<String> examples, String policySla) {
        this.minScore = minScore;
        this.maxScore = maxScore;
        this.examples = examples;
        this.policySla = policySla;
    }

    /** The severity the table gives a Defender score; scores outside 1–10 are refused. */
    public static Severity fromScore(int score) {
        for (Severity severity : values()) {
            if (score >= severity.minScore && score <= severity.maxScore) {
                return severity;
            }
        }
        throw new IllegalArgumentException("A Defender score is 1 to 10, not " + score + ".");
    }

    public String getScoreRange() {
        return minScore + "–" + maxScore;
    }

    public List<String> getExamples() {
        return examples;
    }

    public String getPolicySla() {
        return policySla;
    }
}
