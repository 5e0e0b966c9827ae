package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AcceptedAlertsTest {

    private static Delivery delivery(String body) {
        return Delivery.of(body.getBytes(StandardCharsets.UTF_8), "application/json", "key atk_x… (test)",
                "127.0.0.1");
    }

    @Test
    void aDeliveryIsTakenOnceThenItIsReadFromTheDatabase() {
        AcceptedAlerts accepted = new AcceptedAlerts();
        Delivery d = delivery("{}");
        accepted.keep(7, d, null);
        assertSame(d, accepted.take(7).delivery());
        assertNull(accepted.take(7), "taken: a batch rolled back reads it from the database");
        assertNull(accepted.take(8), "never kept here: accepted by another node");
    }

    @Test
    void whatABatchHasPassedIsForgottenAndAStormBeyondTheBoundIsReadBack() {
        AcceptedAlerts accepted = new AcceptedAlerts();
        for (long id = 1; id <= 10; id++) {
            accepted.keep(id, delivery("{\"n\":" + id + "}"), null);
        }
        accepted.forgetBefore(6); // a batch claimed 6 onwards: 1–5 went to another node
        assertEquals(5, accepted.size());
        assertNull(accepted.take(5));
        assertEquals("{\"n\":6}", new String(accepted.take(6).delivery().body(), StandardCharsets.UTF_8));

        AcceptedAlerts full = new AcceptedAlerts();
        for (long id = 1; id <= AcceptedAlerts.MOST + 10; id++) {
            full.keep(id, null, null);
        }
        assertEquals(AcceptedAlerts.MOST, full.size(), "bounded: the rest is read from the database");
        assertNull(full.take(AcceptedAlerts.MOST + 1L));
    }

    @Test
    void aDeliveryWaitsOnlyWhileProcessingIsMoreThanABatchBehindAndNeverLong() {
        int batch = IntakeDeliveryService.BATCH;
        assertEquals(0, AcceptedAlerts.pauseMillis(0));
        assertEquals(0, AcceptedAlerts.pauseMillis(batch), "a batch ahead: processing keeps up");
        assertEquals(1, AcceptedAlerts.pauseMillis(batch + 1));
        assertEquals(2, AcceptedAlerts.pauseMillis(batch + AcceptedAlerts.PER_MILLISECOND));
        assertEquals(AcceptedAlerts.MOST_PAUSE_MILLIS, AcceptedAlerts.pauseMillis(AcceptedAlerts.MOST),
                "processing stalled: each delivery waits the most, and is still kept");

        AcceptedAlerts accepted = new AcceptedAlerts();
        for (long id = 1; id <= batch + 100; id++) {
            accepted.keep(id, null, null);
        }
        assertEquals(5, accepted.pauseMillis());
        accepted.forgetBefore(101);
        assertEquals(0, accepted.pauseMillis(), "the next batch took them");
    }
}
