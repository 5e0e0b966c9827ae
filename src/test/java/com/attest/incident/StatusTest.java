package com.attest.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void eachStepLeadsToTheNext() {
        assertNull(Status.DETECTED.refusalToMoveTo(Status.DECLARED));
        assertNull(Status.DECLARED.refusalToMoveTo(Status.CONTAINED));
        assertNull(Status.RESOLVED.refusalToMoveTo(Status.CLOSED));
        assertEquals(Status.ERADICATED, Status.CONTAINED.next());
    }

    @Test
    void skippingAStepNamesTheMissingOne() {
        assertEquals("Cannot recover yet: the incident is contained and must first be eradicated"
                + " (missing step: Eradicate).", Status.CONTAINED.refusalToMoveTo(Status.RECOVERED));
        assertEquals("Cannot contain yet: the incident is detected and must first be declared"
                + " (missing step: Declare).", Status.DETECTED.refusalToMoveTo(Status.CONTAINED));
    }

    @Test
    void noWayBackAndNothingAfterClosing() {
        assertEquals("An incident does not go back from recovered to contained: add a timeline entry instead.",
                Status.RECOVERED.refusalToMoveTo(Status.CONTAINED));
        assertEquals("The incident is already closed (false positive).",
                Status.FALSE_POSITIVE.refusalToMoveTo(Status.DECLARED));
    }

    @Test
    void anyOpenIncidentMayBeClosedAsFalsePositiveOrDuplicate() {
        for (Status status : Status.STEPS) {
            if (status.isOpen()) {
                assertNull(status.refusalToMoveTo(Status.FALSE_POSITIVE));
                assertNull(status.refusalToMoveTo(Status.DUPLICATE));
            }
        }
    }
}
