package com.attest.evidence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvidenceSweepTest {

    @Test
    void theRegisterWaitsForAStormToPassTenMinutesAtMost() {
        assertFalse(EvidenceSweep.waitForStorm(false, 0), "no alert waiting: register now");
        assertTrue(EvidenceSweep.waitForStorm(true, 0), "alerts waiting to be processed: a storm is on");
        assertTrue(EvidenceSweep.waitForStorm(true, EvidenceSweep.STORM_PATIENCE - 1));
        assertFalse(EvidenceSweep.waitForStorm(true, EvidenceSweep.STORM_PATIENCE), "ten minutes behind at most");
    }
}
