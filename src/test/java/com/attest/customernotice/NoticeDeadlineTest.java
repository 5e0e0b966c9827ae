package com.attest.customernotice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeDeadlineTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final NoticeDeadline.Terms DEFAULT = new NoticeDeadline.Terms("default", 72, 30);
    private static final Instant DETERMINED = Instant.parse("2026-03-02T09:15:00Z");

    @Test
    void personalDataGives72HoursFromTheDetermination() {
        NoticeDeadline d = NoticeDeadline.of(DETERMINED, null, DEFAULT, List.of(), ZONE).orElseThrow();
        assertEquals(NoticeDeadline.Kind.PERSONAL_DATA, d.kind());
        assertEquals(DETERMINED, d.from());
        assertEquals(Instant.parse("2026-03-05T09:15:00Z"), d.dueAt());
        assertEquals("72 hours", d.period());
        assertEquals("default", d.basis());
    }

    @Test
    void otherCustomerAffectingIncidentsGive30CalendarDaysInTheOrganisationsZone() {
        NoticeDeadline d = NoticeDeadline.of(null, DETERMINED, DEFAULT, List.of(), ZONE).orElseThrow();
        assertEquals(NoticeDeadline.Kind.CUSTOMERS_AFFECTED, d.kind());
        // 30 days later by the wall clock: across the change to summer time it is 30 days less one hour
        assertEquals(Instant.parse("2026-04-01T08:15:00Z"), d.dueAt());
        assertEquals("30 days", d.period());
    }

    @Test
    void noFlagNoDeadline() {
        assertTrue(NoticeDeadline.of(null, null, DEFAULT, List.of(), ZONE).isEmpty());
    }

    @Test
    void theStrictestAgreementWinsAndALongerOneNeverRelaxesThePolicy() {
        List<NoticeDeadline.Terms> agreements = List.of(
                new NoticeDeadline.Terms("Contoso (DPA-7)", 48, 14),
                new NoticeDeadline.Terms("Fabrikam (DPA-2)", 24, null),
                new NoticeDeadline.Terms("Tailspin", 100, 60),
                new NoticeDeadline.Terms("Northwind", null, null));
        NoticeDeadline personal = NoticeDeadline.of(DETERMINED, null, DEFAULT, agreements, ZONE).orElseThrow();
        assertEquals(DETERMINED.plusSeconds(24 * 3600), personal.dueAt());
        assertEquals("Fabrikam (DPA-2)", personal.basis());
        NoticeDeadline other = NoticeDeadline.of(null, DETERMINED, DEFAULT, agreements, ZONE).orElseThrow();
        assertEquals("14 days", other.period());
        assertEquals("Contoso (DPA-7)", other.basis());
        NoticeDeadline lax = NoticeDeadline.of(DETERMINED, DETERMINED, DEFAULT,
                List.of(new NoticeDeadline.Terms("Tailspin", 100, 60)), ZONE).orElseThrow();
        assertEquals("72 hours", lax.period());
        assertEquals("default", lax.basis());
    }

    @Test
    void bothFlagsTheEarlierDeadlineWinsEachFromItsOwnDetermination() {
        Instant affected = DETERMINED.minusSeconds(29L * 24 * 3600); // customers affected 29 days ago
        NoticeDeadline d = NoticeDeadline.of(DETERMINED, affected, DEFAULT, List.of(), ZoneId.of("UTC")).orElseThrow();
        assertEquals(NoticeDeadline.Kind.CUSTOMERS_AFFECTED, d.kind(), "due in one day, before the 72 hours");
        assertEquals(affected, d.from());
        NoticeDeadline later = NoticeDeadline.of(DETERMINED, DETERMINED, DEFAULT, List.of(), ZONE).orElseThrow();
        assertEquals(NoticeDeadline.Kind.PERSONAL_DATA, later.kind());
    }
}
