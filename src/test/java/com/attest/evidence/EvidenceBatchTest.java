package com.attest.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pass of the register looks for alert payloads beyond the highest one its previous batch saw, never before it. */
class EvidenceBatchTest {

    private static Registration of(String source, long id) {
        return new Registration("ALERT", source, id, source + " " + id, LocalDate.of(2026, 12, 6), "0".repeat(64),
                "{}");
    }

    @Test
    void theNextBatchStartsAfterTheHighestPayloadSeen() {
        assertEquals(412, EvidenceService.payloadsUpTo(0, List.of(of("alert_payload", 12), of("incident", 900),
                of("alert_payload", 412), of("alert_payload", 300))));
    }

    @Test
    void aBatchWithoutPayloadsKeepsWhereThePassWas() {
        assertEquals(77, EvidenceService.payloadsUpTo(77, List.of(of("incident", 900), of("pir", 5))));
        assertEquals(0, EvidenceService.payloadsUpTo(0, List.of()));
    }
}
