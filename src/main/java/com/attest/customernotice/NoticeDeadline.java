package com.attest.customernotice;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Optional;

/**
 * When customers must be told of an incident. Personal data involved: within the personal-data period (72 hours by
 * default) of the moment the incident was determined to involve personal data. Otherwise, customers affected:
 * within the other period (30 days by default) of the moment it was determined to affect customers. A customer's
 * agreement may set shorter periods; the strictest period of any agreement in force wins for the whole incident,
 * because until a notice names them, any customer may be among those affected. Days are calendar days in the
 * organisation's time zone.
 *
 * @param kind   which rule gives the deadline
 * @param from   the determination the period runs from
 * @param dueAt  the deadline
 * @param period the period that applies, e.g. 48 hours
 * @param basis  whose terms set the period: "default" or the customer's name and agreement
 */
public record NoticeDeadline(Kind kind, Instant from, Instant dueAt, String period, String basis) {

    public enum Kind { PERSONAL_DATA, CUSTOMERS_AFFECTED }

    /** The notification periods of one agreement (null: the default applies). */
    public record Terms(String basis, Integer personalDataHours, Integer otherDays) {
    }

    /**
     * The deadline, or empty when customers need not be told (neither flag was ever set).
     *
     * @param personalDataSince      when the incident was determined to involve personal data, or null
     * @param customersAffectedSince when it was determined to affect customers, or null
     * @param defaults               the policy's own periods (both set)
     * @param agreements             the periods of the customers' agreements in force
     */
    public static Optional<NoticeDeadline> of(Instant personalDataSince, Instant customersAffectedSince,
                                              Terms defaults, Collection<Terms> agreements, ZoneId zone) {
        NoticeDeadline best = null;
        if (personalDataSince != null) {
            Terms strictest = defaults;
            for (Terms t : agreements) {
                if (t.personalDataHours() != null && t.personalDataHours() < strictest.personalDataHours()) {
                    strictest = t;
                }
            }
            int hours = strictest.personalDataHours();
            best = new NoticeDeadline(Kind.PERSONAL_DATA, personalDataSince,
                    personalDataSince.plus(Duration.ofHours(hours)), hours + " hours", strictest.basis());
        }
        if (customersAffectedSince != null) {
            Terms strictest = defaults;
            for (Terms t : agreements) {
                if (t.otherDays() != null && t.otherDays() < strictest.otherDays()) {
                    strictest = t;
                }
            }
            int days = strictest.otherDays();
            Instant due = customersAffectedSince.atZone(zone).plusDays(days).toInstant();
            if (best == null || due.isBefore(best.dueAt())) {
                best = new NoticeDeadline(Kind.CUSTOMERS_AFFECTED, customersAffectedSince, due, days + " days",
                        strictest.basis());
            }
        }
        return Optional.ofNullable(best);
    }
}
