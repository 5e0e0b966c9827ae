package com.attest.runbook;

import java.util.Optional;

/** The five steps of the incident response runbook, in the order they are worked. */
public enum Phase {
    CONTAIN("Contain"),
    INVESTIGATE("Investigate"),
    ERADICATE("Eradicate"),
    RECOVER("Recover"),
    REVIEW("Post-incident review");

    private final String heading;

    Phase(String heading) {
        this.heading = heading;
    }

    /** The step's heading in the runbook file, e.g. "Post-incident review". */
    public String heading() {
        return heading;
    }

    /** The key of this step's {@code n}th checklist item (1-based), e.g. "contain-1". */
    public String itemKey(int n) {
        return name().toLowerCase(java.util.Locale.ROOT) + "-" + n;
    }

    /** The phase whose heading is {@code text}, ignoring case and surrounding space. */
    public static Optional<Phase> ofHeading(String text) {
        String t = text == null ? "" : text.strip();
        for (Phase p : values()) {
            if (p.heading.equalsIgnoreCase(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
