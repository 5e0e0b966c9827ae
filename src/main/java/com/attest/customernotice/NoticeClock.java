package com.attest.customernotice;

import com.attest.incident.SlaClock;
import java.time.Instant;

/**
 * An incident's customer-notification clock: the deadline and its state — running, overdue, met (a notice was sent
 * by the portal's mail or its delivery recorded, within the deadline) or breached (met late).
 *
 * @param metAt when customers were first told, or null
 */
public record NoticeClock(NoticeDeadline deadline, SlaClock clock, Instant metAt) {

    public static NoticeClock of(NoticeDeadline deadline, Instant metAt, Instant now) {
        return new NoticeClock(deadline, SlaClock.of(deadline.dueAt(), metAt, now), metAt);
    }

    public SlaClock getClock() {
        return clock;
    }

    public NoticeDeadline getDeadline() {
        return deadline;
    }

    public Instant getMetAt() {
        return metAt;
    }
}
