package com.attest.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * The response-SLA clock of one incident at one moment: it runs from detection until the incident is
 * declared (owner taken, severity assigned). {@link #margin()} is the time left while running, or how late
 * it was (negative) once breached.
 */
public record SlaClock(State state, Instant dueAt, Duration margin) {

    public enum State {
        /** Not yet declared, still within the target. */
        RUNNING,
        /** Declared within the target. */
        MET,
        /** Not yet declared and past the target: breached and still running. */
        OVERDUE,
        /** Declared, but after the target. */
        BREACHED
    }

    public static SlaClock of(Instant dueAt, Instant declaredAt, Instant now) {
        if (declaredAt != null) {
            Duration margin = Duration.between(declaredAt, dueAt);
            return new SlaClock(margin.isNegative() ? State.BREACHED : State.MET, dueAt, margin);
        }
        Duration margin = Duration.between(now, dueAt);
        return new SlaClock(margin.isNegative() ? State.OVERDUE : State.RUNNING, dueAt, margin);
    }

    public boolean isBreached() {
        return state == State.OVERDUE || state == State.BREACHED;
    }

    /** "1 h 05 min", "3 d 2 h", "45 s": the margin as a person reads it, without its sign. */
    public String getMarginText() {
        return humanize(margin.abs());
    }

    public static String humanize(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + String.format("%02d", minutes) + " min";
        }
        if (minutes > 0) {
            return minutes + " min";
        }
        return d.toSecondsPart() + " s";
    }

    public State getState() {
        return state;
    }

    public Instant getDueAt() {
        return dueAt;
    }
}
