package com.attest.intake;

import com.attest.platform.InvalidInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads the members of one payload by JSON path under the rules every source shares, collecting each problem
 * (one per field) so the payload is refused once with all of them. Member names match case-insensitively;
 * JSON {@code null} counts as absent.
 */
final class PayloadFields {

    static final int MAX_ID = 512;
    static final int MAX_TITLE = 200;
    /** Longer than this a title is not a title: refused rather than truncated. */
    static final int MAX_TITLE_INPUT = 2_000;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_LINK = 4_096;
    static final int MAX_SUBJECT = 1_024;
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** A JSON object and its path from the top of the payload ("" for the top). */
    record Obj(JsonObject json, String path) {
        String pathOf(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }

    private final InvalidInput.Collector problems = new InvalidInput.Collector();
    private final Instant now;

    PayloadFields(Instant now) {
        this.now = now;
    }

    void problem(String field, String message) {
        if (!problems.has(field)) {
            problems.add(field, message);
        }
    }

    boolean failed(String field) {
        return problems.has(field);
    }

    void throwIfAny() {
        problems.throwIfAny();
    }

    /** The member, or null when absent or JSON null; a name given twice in different casing is a problem. */
    JsonValue value(Obj obj, String name) {
        if (obj == null) {
            return null;
        }
        JsonValue found = null;
        for (Map.Entry<String, JsonValue> member : obj.json().entrySet()) {
            if (member.getKey().equalsIgnoreCase(name) && member.getValue().getValueType() != JsonValue.ValueType.NULL) {
                if (found != null) {
                    problem(obj.pathOf(name), "is given more than once in different casing");
                    return null;
                }
                found = member.getValue();
            }
        }
        return found;
    }

    boolean has(Obj obj, String name) {
        return value(obj, name) != null;
    }

    /** A member that must be an object when present. */
    Obj object(Obj obj, String name, boolean required) {
        JsonValue v = value(obj, name);
        if (v instanceof JsonObject o) {
            return new Obj(o, obj.pathOf(name));
        }
        if (obj != null && (v != null || required)) {
            problem(obj.pathOf(name), v == null ? "is required" : "must be an object");
        }
        return null;
    }

    /** A member that must be a string when present. */
    String string(Obj obj, String name, boolean required) {
        JsonValue v = value(obj, name);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (obj != null && (v != null || required)) {
            problem(obj.pathOf(name), v == null ? "is required" : "must be a string");
        }
        return null;
    }

    /** A member only read to enrich the alert: the string, or null when absent or of another type. */
    static String lenient(Obj obj, String name) {
        JsonValue v = obj == null ? null : caseless(obj.json(), name);
        return v instanceof JsonString s ? s.getString() : null;
    }

    /** Lenient access to an object member. */
    static Obj lenientObject(Obj obj, String name) {
        JsonValue v = obj == null ? null : caseless(obj.json(), name);
        return v instanceof JsonObject o ? new Obj(o, obj.pathOf(name)) : null;
    }

    /** Lenient access to any member, case-insensitively; null when absent. */
    static JsonValue caseless(JsonObject json, String name) {
        JsonValue exact = json.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonValue> member : json.entrySet()) {
            if (member.getKey().equalsIgnoreCase(name)) {
                return member.getValue();
            }
        }
        return null;
    }

    /** Strings of an array member; anything else in it is skipped, a non-array gives nothing. */
    static List<String> strings(JsonValue value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        }
        return out;
    }

    /** A source's id: trimmed, 1–512 characters, no control or format characters. */
    String id(Obj obj, String name) {
        String raw = string(obj, name, true);
        if (raw == null) {
            return null;
        }
        String field = obj.pathOf(name);
        String id = raw.strip();
        int length = id.codePointCount(0, id.length());
        if (id.isEmpty()) {
            problem(field, "is empty");
        } else if (length > MAX_ID) {
            problem(field, tooLong(length, MAX_ID));
        } else if (id.codePoints().anyMatch(cp -> isControl(cp) || Character.getType(cp) == Character.FORMAT)) {
            problem(field, "contains a control or format character");
        } else {
            return id;
        }
        return null;
    }

    /** A required title: control characters become spaces; over 200 characters it is cut to 199 and "…". */
    String title(Obj obj, String name) {
        String raw = string(obj, name, true);
        if (raw == null) {
            return null;
        }
        String field = obj.pathOf(name);
        int length = raw.codePointCount(0, raw.length());
        if (length > MAX_TITLE_INPUT) {
            problem(field, tooLong(length, MAX_TITLE_INPUT));
            return null;
        }
        String title = shortText(raw, MAX_TITLE);
        if (title.isEmpty()) {
            problem(field, "is empty");
            return null;
        }
        return title;
    }

    /** One of {@code words}, matched case-insensitively and returned as written there; blank is absent if optional. */
    String word(Obj obj, String name, boolean required, List<String> words) {
        String raw = string(obj, name, required);
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty() && !required) {
            return null;
        }
        for (String word : words) {
            if (word.equalsIgnoreCase(trimmed)) {
                return word;
            }
        }
        problem(obj.pathOf(name), trimmed.isEmpty() ? "is empty" : "must be one of " + oneOf(words));
        return null;
    }

    /**
     * An ISO-8601 time with offset — or without one, read as UTC, as Azure writes some of its times — from 2000 on and
     * not more than five minutes ahead of now.
     */
    private static final java.util.regex.Pattern WITH_OFFSET = java.util.regex.Pattern.compile(
            ".*([Zz]|[+-]\\d\\d:?\\d\\d)$");

    /** An ISO-8601 time, read quickly in Azure's usual shape; without an offset, UTC; null when far too long. */
    private static Instant parseTime(String text) {
        if (text.length() > 64) {
            return null;
        }
        Instant common = IsoTime.readCommon(text);
        if (common != null) {
            return common;
        }
        return WITH_OFFSET.matcher(text).matches() ? OffsetDateTime.parse(text).toInstant()
                : java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
    }

    Instant time(Obj obj, String name, boolean required) {
        String raw = string(obj, name, required);
        if (raw == null) {
            return null;
        }
        String field = obj.pathOf(name);
        String text = raw.strip();
        if (text.isEmpty() && required) {
            problem(field, "is empty");
            return null;
        }
        Instant time;
        try {
            time = parseTime(text);
        } catch (DateTimeException e) {
            time = null;
        }
        if (time == null) {
            problem(field, "is not an ISO-8601 time");
        } else if (time.isBefore(EARLIEST)) {
            problem(field, "is before 2000");
        } else if (time.isAfter(now.plus(CLOCK_SKEW))) {
            problem(field, "is in the future (more than 5 minutes ahead of the receiving clock)");
        } else {
            return time;
        }
        return null;
    }

    /** The first of {@code names} present; a required time refused under the first name when none is. */
    Instant firstTime(Obj obj, boolean required, String... names) {
        if (obj == null) {
            return null;
        }
        for (String name : names) {
            if (has(obj, name) || failed(obj.pathOf(name))) {
                return time(obj, name, true);
            }
        }
        if (required) {
            problem(obj.pathOf(names[0]), "is required");
        }
        return null;
    }

    /** Refuses a resolution or closing time earlier than the alert's own time. */
    Instant notBefore(Instant time, Instant fired, String field, String firedField) {
        if (time != null && fired != null && time.isBefore(fired)) {
            problem(field, "is before " + firedField);
            return null;
        }
        return time;
    }

    /** Free text: control characters other than line feeds become spaces; cut at 20,000 characters. */
    static String description(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_DESCRIPTION + 1));
        String text = raw.replace("\r\n", "\n");
        text.codePoints().forEach(cp -> out.appendCodePoint(cp == '\n' || !isControl(cp) ? cp : ' '));
        return truncate(out.toString().strip(), MAX_DESCRIPTION);
    }

    /** One line of text: control characters become spaces, trimmed, cut at {@code max} characters. */
    static String shortText(String raw, int max) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        raw.codePoints().forEach(cp -> out.appendCodePoint(isControl(cp) ? ' ' : cp));
        return truncate(out.toString().strip(), max);
    }

    /** An https link without whitespace or control characters, or null. */
    static String link(String raw) {
        if (raw == null) {
            return null;
        }
        String link = raw.strip();
        boolean clean = link.length() <= MAX_LINK && link.regionMatches(true, 0, "https://", 0, 8)
                && link.length() > 8 && link.codePoints().noneMatch(cp -> isControl(cp) || Character.isWhitespace(cp));
        return clean ? link : null;
    }

    static boolean isControl(int cp) {
        return Character.isISOControl(cp);
    }

    static String tooLong(int length, int max) {
        return String.format(Locale.ROOT, "is %,d characters long; at most %,d", length, max);
    }

    private static String truncate(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static String oneOf(List<String> words) {
        if (words.size() > 2 && words.get(0).startsWith("Sev")) {
            return words.get(0) + "–" + words.get(words.size() - 1);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** The resources, entities and users an alert concerns, normalised as {@link ReceivedAlert} holds them. */
    static final class Subjects {
        private final SortedSet<String> resources = new TreeSet<>();
        private final SortedSet<String> entities = new TreeSet<>();
        private final SortedSet<String> users = new TreeSet<>();

        /** Keeps an Azure resource id (starting {@code /subscriptions/}); ignores anything else. */
        void resource(String raw) {
            String id = clean(raw);
            if (id != null && id.startsWith("/subscriptions/") && id.length() > "/subscriptions/".length()
                    && id.chars().noneMatch(Character::isWhitespace)) {
                resources.add(id);
            }
        }

        void entity(String raw) {
            String value = clean(raw);
            if (value != null) {
                entities.add(value);
            }
        }

        void user(String raw) {
            String value = clean(raw);
            if (value != null && value.indexOf('@') > 0) {
                users.add(value);
            }
        }

        Set<String> resources() {
            return Collections.unmodifiableSortedSet(resources);
        }

        Set<String> entities() {
            return Collections.unmodifiableSortedSet(entities);
        }

        Set<String> users() {
            return Collections.unmodifiableSortedSet(users);
        }

        /** Lower-case and trimmed with control characters as spaces; null when empty or over-long. */
        static String clean(String raw) {
            if (raw == null) {
                return null;
            }
            String value = shortText(raw, Integer.MAX_VALUE).toLowerCase(Locale.ROOT);
            return value.isEmpty() || value.codePointCount(0, value.length()) > MAX_SUBJECT ? null : value;
        }
    }
}
