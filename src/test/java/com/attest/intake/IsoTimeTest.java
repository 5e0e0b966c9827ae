package com.attest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The common shape of Azure's times read quickly, with exactly the general parser's result. */
class IsoTimeTest {

    @Test
    void readsWhatAzureSendsAsTheGeneralParserDoes() {
        for (String text : List.of("2026-12-06T18:20:31Z", "2026-12-06T18:20:31.1Z", "2021-10-14T12:34:56.1234567Z",
                "2026-12-06T18:20:31.123456789Z", "2026-12-06T23:59:59.999+05:30", "2026-01-01T00:00:00-08:00",
                "2024-02-29T12:00:00-00:30", "2026-12-06T18:20:31+18:00", "2026-12-06T18:20:31-00:00",
                "1999-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z")) {
            assertEquals(OffsetDateTime.parse(text).toInstant(), IsoTime.readCommon(text), text);
        }
    }

    @Test
    void refusesWhatTheGeneralParserRefuses() {
        for (String text : List.of("2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-12-06T24:00:00Z", "2026-12-06T18:60:00Z", "2026-12-06T18:20:60Z", "2026-12-06T18:20:31+19:00",
                "2026-12-06T18:20:31+05:60")) {
            assertThrows(DateTimeException.class, () -> OffsetDateTime.parse(text), text);
            assertThrows(DateTimeException.class, () -> IsoTime.readCommon(text), text);
        }
    }

    @Test
    void leavesEveryOtherShapeToTheGeneralParser() {
        for (String text : List.of("2026-12-06t18:20:31Z", "2026-12-06T18:20:31z", "2026-12-06T18:20Z",
                "2026-12-06T18:20:31", "2026-12-06T18:20:31.Z", "2026-12-06T18:20:31.1234567890Z",
                "2026-12-06T18:20:31+0100", "2026-12-06T18:20:31+01", "2026-12-06T18:20:31+01:00:00",
                "+2026-12-06T18:20:31Z", "2026-12-06 18:20:31Z", "２026-12-06T18:20:31Z", "2026-12-06T18:20:31ZZ",
                "2026-12-06T18:2a:31Z", "", "Z")) {
            assertNull(IsoTime.readCommon(text), text);
        }
    }

    @Test
    void agreesWithTheGeneralParserOnManyGeneratedTimes() {
        Random random = new Random(19);
        for (int i = 0; i < 20_000; i++) {
            String fraction = random.nextBoolean() ? "" : "." + "123456789".substring(0, 1 + random.nextInt(9));
            int offset = random.nextInt(5);
            String zone = offset == 0 ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                    random.nextInt(20), random.nextInt(62));
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1990 + random.nextInt(50),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    fraction, zone);
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                expected = null;
            }
            Instant actual;
            try {
                actual = IsoTime.readCommon(text);
            } catch (DateTimeException e) {
                actual = null;
            }
            assertEquals(expected, actual, text);
        }
    }
}
