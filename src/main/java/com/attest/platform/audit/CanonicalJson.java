package com.attest.platform.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic JSON form for hashing: object keys sorted, no insignificant whitespace, strings escaped
 * one way only, instants in ISO-8601 UTC at microsecond precision (what PostgreSQL keeps). The same value
 * always gives the same bytes, whatever library versions run, so a hash taken today verifies in ten years.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /** The instant as it is stored and hashed: truncated to microseconds. */
    public static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.stripTrailingZeros().toPlainString());
        } else if (value instanceof Instant i) {
            appendString(out, storable(i).toString());
        } else if (value instanceof LocalDate d) {
            appendString(out, d.toString());
        } else if (value instanceof Enum<?> e) {
            appendString(out, e.name());
        } else if (value instanceof Map<?, ?> map) {
            appendObject(out, map);
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, item);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("No canonical JSON form for " + value.getClass().getName());
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : sorted(map)) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, entry.getKey());
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    /**
     * The members by key. Keys that are all strings (every snapshot's) are sorted as they stand; any other key is
     * written as its string form, the last of two equal forms kept.
     */
    @SuppressWarnings("unchecked")
    private static Iterable<Map.Entry<String, Object>> sorted(Map<?, ?> map) {
        Map.Entry<?, ?>[] entries = map.entrySet().toArray(new Map.Entry<?, ?>[0]);
        for (Map.Entry<?, ?> entry : entries) {
            if (!(entry.getKey() instanceof String)) {
                TreeMap<String, Object> byForm = new TreeMap<>();
                map.forEach((k, v) -> byForm.put(String.valueOf(k), v));
                return byForm.entrySet();
            }
        }
        Arrays.sort(entries, (a, b) -> ((String) a.getKey()).compareTo((String) b.getKey()));
        return Arrays.asList((Map.Entry<String, Object>[]) entries);
    }

    /** {@code s} as a JSON string; runs of characters that need no escape are copied as they stand. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(s, plain, s.length());
        out.append('"');
    }
}
