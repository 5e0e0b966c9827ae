package com.attest.platform.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuditTextSweepTest {

    @Test
    void indexesOnceTheTrailStandsStill() {
        assertTrue(AuditTextSweep.due(500, 500, 0), "nothing appended since the last look");
        assertFalse(AuditTextSweep.due(900, 500, 0), "a burst of writes: wait until it passes");
        assertFalse(AuditTextSweep.due(900, 500, AuditTextSweep.PATIENCE - 1));
    }

    @Test
    void aBurstThatDoesNotPassWaitsAMinuteAtMost() {
        assertTrue(AuditTextSweep.due(900, 500, AuditTextSweep.PATIENCE));
        assertTrue(AuditTextSweep.PATIENCE * 2 <= 60, "looks are two seconds apart");
    }
}
