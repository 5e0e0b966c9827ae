package com.attest.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.FakeOnCall;
import com.attest.testing.PagerDutyEvents;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a page sent again does in PagerDuty (the fake answering as the Events API v2 does): the same trigger, repeated
 * while its alert is open — as the outbox repeats a page whose first attempt's outcome is unknown — is one alert.
 */
class PagerDutyRepeatTest {

    private static final String KEY = "R0ut1ngKeyForRepeatTests00000000";

    private static FakeOnCall fake;
    private PagerDutyChannel channel;

    @BeforeAll
    static void start() {
        fake = new FakeOnCall().start();
    }

    @AfterAll
    static void stop() {
        fake.stop();
    }

    @BeforeEach
    void pagerDuty() {
        fake.reset().actLikePagerDuty();
        channel = new PagerDutyChannel(URI.create(fake.url() + "/pagerduty"), KEY, Duration.ofSeconds(5));
    }

    @Test
    void aTriggerSentAgainWhileTheAlertIsOpenIsTheSameAlert() throws Exception {
        Delivery first = channel.send(OnCallMessages.trigger());
        Delivery again = channel.send(OnCallMessages.trigger());

        assertEquals(202, again.httpStatus());
        assertEquals(first.externalId(), again.externalId(), "the same dedup key answered");
        List<PagerDutyEvents.Alert> alerts = fake.pagerDuty.alerts();
        assertEquals(1, alerts.size(), "one alert");
        assertEquals("INC-2026-007", alerts.get(0).dedupKey());
        assertEquals(2, alerts.get(0).triggers(), "the repeat is in the alert's log");
        assertTrue(alerts.get(0).open());
    }

    @Test
    void aResolveClosesTheAlertAndATriggerAfterItOpensANewOne() throws Exception {
        channel.send(OnCallMessages.trigger());
        channel.send(OnCallMessages.resolve());
        channel.send(OnCallMessages.resolve()); // a resolve sent again: accepted, nothing more happens

        assertEquals(1, fake.pagerDuty.alerts().size());
        assertFalse(fake.pagerDuty.alerts().get(0).open());
        assertEquals(List.of("trigger", "resolve"), fake.pagerDuty.alerts().get(0).log());

        channel.send(OnCallMessages.trigger());
        assertEquals(2, fake.pagerDuty.alerts().size(), "a trigger after the resolve is a new alert");
    }

    @Test
    void incidentsOfTheirOwnAreAlertsOfTheirOwn() throws Exception {
        channel.send(OnCallMessages.trigger());
        channel.send(OnCallMessages.titled("Another incident", null));
        assertEquals(2, fake.pagerDuty.alerts().size());
    }

    @Test
    void aResolveWithoutADedupKeyIsRefusedAsPagerDutyRefusesItAndNotRetried() {
        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel.send(new OnCallMessage(
                OnCallMessage.Action.RESOLVE, "", "INC-2026-009", "t", com.attest.incident.Severity.P2, null, null,
                null, null, null, null)));
        assertEquals(400, failed.httpStatus());
        assertFalse(failed.retryable());
        assertTrue(failed.getMessage().contains("'dedup_key' is required for resolve"), failed.getMessage());
        assertEquals(0, fake.pagerDuty.alerts().size());
    }
}
