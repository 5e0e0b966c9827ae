package com.attest.security;

import java.time.LocalDate;
import java.util.List;

/**
 * How far the signed-in person may read back: an auditor and nothing else is kept to the periods of their
 * engagements open now; anyone else is not kept to any. Features narrow their lists through it without knowing
 * what an engagement is (the engagements feature implements it).
 */
public interface AuditorLimits {

    /** The periods the caller is kept to, or null when the caller is not kept to any. */
    List<AuditPeriod> limits();

    /** Whether a record dated {@code day} is within {@code limits} (null limits: everything is). */
    static boolean within(List<AuditPeriod> limits, LocalDate day) {
        return limits == null || AuditPeriod.anyContains(limits, day);
    }
}
