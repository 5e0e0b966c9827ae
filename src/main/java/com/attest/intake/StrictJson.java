package com.attest.intake;

import com.attest.platform.InvalidInput;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * JSON text read within fixed limits. A first streaming pass checks nesting depth, value count, number
 * length, duplicate member names and every string (no U+0000, no unpaired surrogate, neither of which
 * PostgreSQL stores) before anything is built; only then is the tree read.
 */
final class StrictJson {

    static final int MAX_DEPTH = 32;
    static final int MAX_VALUES = 10_000;
    static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private StrictJson() {
    }

    /**
     * Reads {@code text} as one JSON value.
     *
     * @param field      the field every refusal names
     * @param objectOnly whether the top level must be an object (else an object or an array)
     * @throws InvalidInput whatever is wrong with the text, and nothing else
     */
    static JsonValue read(String text, String field, boolean objectOnly) {
        try {
            check(text, field, objectOnly);
            try (JsonReader reader = READERS.createReader(new StringReader(text))) {
                return reader.readValue();
            }
        } catch (InvalidInput e) {
            throw e;
        } catch (JsonParsingException e) {
            throw new InvalidInput(field, "is not valid JSON" + at(e.getLocation()));
        } catch (JsonException | NoSuchElementException | IllegalStateException | NumberFormatException
                 | UnsupportedOperationException | StackOverflowError e) {
            throw new InvalidInput(field, "is not valid JSON");
        }
    }

    private static void check(String text, String field, boolean objectOnly) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            Deque<Set<String>> names = new ArrayDeque<>();
            int values = 0;
            boolean first = true;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (first && event != JsonParser.Event.START_OBJECT
                        && (objectOnly || event != JsonParser.Event.START_ARRAY)) {
                    throw new InvalidInput(field, "must be a JSON " + (objectOnly ? "object" : "object or array")
                            + ", not " + kind(event));
                }
                first = false;
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (names.size() == MAX_DEPTH) {
                            throw new InvalidInput(field, "nests deeper than " + MAX_DEPTH + " levels"
                                    + at(parser.getLocation()));
                        }
                        names.push(event == JsonParser.Event.START_OBJECT ? new HashSet<>() : Set.of());
                        values++;
                    }
                    case END_OBJECT, END_ARRAY -> names.pop();
                    case KEY_NAME -> {
                        String name = parser.getString();
                        checkString(name, "a member name", parser, field);
                        if (!names.peek().add(name)) {
                            throw new InvalidInput(field, "has the member \"" + printable(name)
                                    + "\" twice in one object" + at(parser.getLocation()));
                        }
                    }
                    case VALUE_STRING -> {
                        checkString(parser.getString(), "a string", parser, field);
                        values++;
                    }
                    case VALUE_NUMBER -> {
                        if (parser.getString().length() > MAX_NUMBER_LENGTH) {
                            throw new InvalidInput(field, "has a number longer than " + MAX_NUMBER_LENGTH
                                    + " characters" + at(parser.getLocation()));
                        }
                        values++;
                    }
                    default -> values++;
                }
                if (values > MAX_VALUES) {
                    throw new InvalidInput(field, "has more than " + String.format("%,d", MAX_VALUES) + " values");
                }
            }
            if (first) {
                throw new InvalidInput(field, "is empty");
            }
        }
    }

    private static void checkString(String s, String what, JsonParser parser, String field) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new InvalidInput(field, "has U+0000 in " + what + at(parser.getLocation()));
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInput(field, "has an unpaired surrogate U+" + Integer.toHexString(c).toUpperCase()
                        + " in " + what + at(parser.getLocation()));
            }
        }
    }

    private static String kind(JsonParser.Event event) {
        return switch (event) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> event.name();
        };
    }

    /** A member name shortened and stripped of anything unprintable, fit to quote in a message. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(64).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return name.codePointCount(0, name.length()) > 64 ? out + "…" : out.toString();
    }

    /** The line only: the parser's column and offset are unreliable at the end of input. */
    private static String at(JsonLocation location) {
        return location == null || location.getLineNumber() < 1 ? "" : " (line " + location.getLineNumber() + ")";
    }
}
