package com.attest.platform;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as people read them in messages and on pages: {@code 2026-11-28 14:05:09 UTC}. */
public final class Times {

    /** The one way instants are written for people; pages parse it back through the same pattern. */
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant value) {
        return value == null ? "" : FORMAT.format(value);
    }

    /** A time column of a native query, whichever type the driver returned it as; null stays null. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Not a time: " + value.getClass());
    }
}
