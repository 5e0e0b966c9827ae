package com.attest.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditPeriodTest {

    private static final AuditPeriod H1 = new AuditPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-06-30"));

    @Test
    void bothEndsAreInThePeriodAndTheDaysAroundItAreNot() {
        assertTrue(H1.contains(LocalDate.parse("2026-01-01")));
        assertTrue(H1.contains(LocalDate.parse("2026-06-30")));
        assertTrue(H1.contains(LocalDate.parse("2026-03-15")));
        assertFalse(H1.contains(LocalDate.parse("2025-12-31")));
        assertFalse(H1.contains(LocalDate.parse("2026-07-01")));
        assertFalse(H1.contains(null));
    }

    @Test
    void aDayIsInScopeWhenAnyOpenEngagementCoversItAndNoneWhenThereIsNone() {
        AuditPeriod q4 = new AuditPeriod(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-12-31"));
        assertTrue(AuditPeriod.anyContains(List.of(q4, H1), LocalDate.parse("2025-11-11")));
        assertTrue(AuditPeriod.anyContains(List.of(q4, H1), LocalDate.parse("2026-02-02")));
        assertFalse(AuditPeriod.anyContains(List.of(q4, H1), LocalDate.parse("2025-09-30")));
        assertFalse(AuditPeriod.anyContains(List.of(), LocalDate.parse("2026-02-02")));
    }

    @Test
    void aPeriodEndingBeforeItStartsIsNoPeriod() {
        assertThrows(IllegalArgumentException.class,
                () -> new AuditPeriod(LocalDate.parse("2026-06-30"), LocalDate.parse("2026-01-01")));
        assertTrue(new AuditPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-01"))
                .contains(LocalDate.parse("2026-01-01")), "a one-day period");
    }
}
