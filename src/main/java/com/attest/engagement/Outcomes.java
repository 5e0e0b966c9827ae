package com.attest.engagement;

import com.attest.incident.SlaClock;
import com.attest.incident.Status;
import com.attest.pir.Pir;

/**
 * How one incident of the population fared, in the words an auditor tests against: the response SLA met or breached,
 * the post-incident review approved on time or late, missing or still open, customers told on time, late, not at
 * all, or not required to be. Pure rules over the states the portal keeps.
 */
public final class Outcomes {

    /** The response SLA: declared within the target or not (RUNNING: still undeclared, within the target). */
    public enum Sla { MET, BREACHED, RUNNING }

    /** The post-incident review. */
    public enum Review { APPROVED_ON_TIME, APPROVED_LATE, MISSING, OPEN, OVERDUE, NOT_REQUIRED }

    /** Customer notification. PENDING: required, not yet given, the deadline not yet passed. */
    public enum Notice { NOT_REQUIRED, ON_TIME, LATE, MISSING, PENDING }

    private Outcomes() {
    }

    public static Sla sla(SlaClock.State state) {
        return switch (state) {
            case MET -> Sla.MET;
            case BREACHED, OVERDUE -> Sla.BREACHED;
            case RUNNING -> Sla.RUNNING;
        };
    }

    /**
     * @param status  the incident's status
     * @param resolved whether it was ever resolved (a review is opened on resolution)
     * @param review   the review's state, or null when there is none
     * @param onTime   whether an approved review was approved by its due date
     */
    public static Review review(Status status, boolean resolved, Pir.State review, Boolean onTime) {
        return review(status, resolved, review, onTime, false);
    }

    /**
     * As {@link #review(Status, boolean, Pir.State, Boolean)}, and a review not yet approved whose due date has
     * passed ({@code pastDue}) is OVERDUE, as the Reviews page and control health call it, not "open".
     */
    public static Review review(Status status, boolean resolved, Pir.State review, Boolean onTime, boolean pastDue) {
        if (review == Pir.State.APPROVED) {
            return Boolean.TRUE.equals(onTime) ? Review.APPROVED_ON_TIME : Review.APPROVED_LATE;
        }
        if (review != null) {
            return pastDue ? Review.OVERDUE : Review.OPEN;
        }
        if (status == Status.FALSE_POSITIVE || status == Status.DUPLICATE) {
            return Review.NOT_REQUIRED;
        }
        return resolved || status == Status.CLOSED ? Review.MISSING : Review.OPEN;
    }

    /** @param clock the notification clock's state, or null when customers need not be told */
    public static Notice notice(SlaClock.State clock) {
        if (clock == null) {
            return Notice.NOT_REQUIRED;
        }
        return switch (clock) {
            case MET -> Notice.ON_TIME;
            case BREACHED -> Notice.LATE;
            case OVERDUE -> Notice.MISSING;
            case RUNNING -> Notice.PENDING;
        };
    }

    /** "APPROVED_ON_TIME" → "approved on time". */
    public static String words(Enum<?> outcome) {
        return outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
