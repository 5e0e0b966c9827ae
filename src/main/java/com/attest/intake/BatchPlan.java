package com.attest.intake;

import com.attest.incident.Severity;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What {@link IntakeBatch} plans for each delivery of a batch before it writes anything. */
final class BatchPlan {

    private BatchPlan() {
    }

    /** What became of a planned alert. */
    enum Outcome { REPEAT, KEPT, OPENS, JOINS }

    /** An incident the plan joins alerts to: one already open in the database, or one the plan opens. */
    static final class Target {
        Long id;
        String reference;
        Severity severity;
        /** The plan's own opening, or -1 for an incident already in the database. */
        final int opening;
        /** The subjects the plan's alerts of it name. */
        final Set<String> subjects = new HashSet<>();

        Target(Long id, String reference, Severity severity, int opening) {
            this.id = id;
            this.reference = reference;
            this.severity = severity;
            this.opening = opening;
        }
    }

    static final class Planned {
        final IntakeBatch.Item item;
        Outcome outcome;
        Classification classification;
        Set<String> subjects = Set.of();
        Target target;
        List<String> shared = List.of();
        Long alertId;
        String reference;

        Planned(IntakeBatch.Item item) {
            this.item = item;
        }
    }

    /** A subject an alert of the plan named, when, and the incident that alert belongs to. */
    record Seen(Instant firedAt, Target target) {
    }
}
