package com.attest.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The shape every Azure source sends its times in — {@code 2026-12-06T18:20:31.1234567Z} or with an offset such as
 * {@code +01:00} — read without the general ISO-8601 parser, which took a noticeable share of an alert storm's
 * processor time (each alert's times are read twice: on acceptance and in processing). Anything else, and anything
 * this reader is unsure of, is left to that parser: for what it reads, the result is exactly
 * {@code OffsetDateTime.parse(text).toInstant()}, invalid dates and times refused alike.
 */
final class IsoTime {

    private IsoTime() {
    }

    /**
     * {@code text} as an instant when it is {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits,
     * and {@code Z} or {@code ±HH:mm}; null when it is not of that shape (the caller then parses it in full).
     *
     * @throws java.time.DateTimeException when it is of that shape but no valid time (a 30 February, a 25th hour)
     */
    static Instant readCommon(String text) {
        int n = text.length();
        if (n < 20 || n > 35 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                nanos = nanos * 10 + (text.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && text.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int hours = digits(text, i + 1, i + 3);
            int minutes = digits(text, i + 4, i + 6);
            if ((hours | minutes) < 0) {
                return null;
            }
            offset = text.charAt(i) == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes)
                    : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } else {
            return null;
        }
        return LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nanos))
                .toInstant(offset);
    }

    /** The number the ASCII digits from {@code from} to {@code to} spell, or -1 when one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
