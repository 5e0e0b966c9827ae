package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeDeliveryServiceTest {

    /** A claimed row as the claim reads it: id, source, received, content type, hash, caller, address, alert key. */
    private static Object[] row(long id, String alertKey) {
        return new Object[] {id, "AZURE_MONITOR", null, "application/json", "h" + id, "key", null, alertKey};
    }

    @Test
    void aBatchTakesTheFirstClaimedDeliveryOfEachAlertInOrderAndLeavesTheLaterOnesPending() {
        List<Object[]> claimed = List.of(row(10, "A"), row(11, "B"), row(12, "A"), row(13, "C"), row(14, "B"),
                row(15, "A"), row(16, "D"));

        List<Object[]> batch = IntakeDeliveryService.firstOfEachAlert(claimed);

        assertEquals(List.of(10L, 11L, 13L, 16L), batch.stream().map(r -> (Long) r[0]).toList());
    }

    @Test
    void nothingClaimedNothingTaken() {
        assertEquals(List.of(), IntakeDeliveryService.firstOfEachAlert(List.of()));
    }
}
