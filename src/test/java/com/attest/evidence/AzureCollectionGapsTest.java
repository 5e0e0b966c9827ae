package com.attest.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Which days control health expects a nightly Azure collection for. */
class AzureCollectionGapsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final LocalDate LAST_COLLECTED = LocalDate.of(2026, 11, 20);

    @Test
    void whileNightlyIsOnEveryDayWhoseNightHasPassedIsExpectedSoAStoppedCollectionShows() {
        ZonedDateTime afterTheHour = ZonedDateTime.of(2026, 12, 2, 3, 0, 0, 0, ZONE);
        assertEquals(LocalDate.of(2026, 12, 1), AzureCollectionService.lastExpected(LAST_COLLECTED, true,
                afterTheHour, 2), "collected from 02:00 for the day before: yesterday is due");
    }

    @Test
    void beforeTheNightsHourYesterdayIsNotDueYet() {
        ZonedDateTime beforeTheHour = ZonedDateTime.of(2026, 12, 2, 1, 59, 0, 0, ZONE);
        assertEquals(LocalDate.of(2026, 11, 30), AzureCollectionService.lastExpected(LAST_COLLECTED, true,
                beforeTheHour, 2));
    }

    @Test
    void onceNightlyIsSwitchedOffOnlyTheNightsItRanAreExpected() {
        ZonedDateTime now = ZonedDateTime.of(2026, 12, 2, 12, 0, 0, 0, ZONE);
        assertEquals(LAST_COLLECTED, AzureCollectionService.lastExpected(LAST_COLLECTED, false, now, 2));
    }

    @Test
    void aNightCollectedAheadOfTheClockStillCounts() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 10, 12, 0, 0, 0, ZONE);
        assertEquals(LAST_COLLECTED, AzureCollectionService.lastExpected(LAST_COLLECTED, true, now, 2));
    }
}
