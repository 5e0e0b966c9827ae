package com.attest.platform;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Input a service refused, with one message per offending field. Services collect every problem before
 * throwing, so a form shows them all at once and nothing is half-written.
 */
public class InvalidInput extends RuntimeException {

    public record FieldError(String field, String message) implements Serializable {
    }

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return Collections.unmodifiableList(errors);
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        for (FieldError e : errors) {
            sb.append(sb.length() == 0 ? "" : "; ").append(e.field()).append(": ").append(e.message());
        }
        return sb.toString();
    }

    /** Collects field errors and throws them together. */
    /** The date in {@code value} (YYYY-MM-DD), null when blank; a malformed one is refused naming {@code field}. */
    public static java.time.LocalDate date(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput(field, "'" + value + "' is not a date (YYYY-MM-DD).");
        }
    }

    public static final class Collector {
        private final List<FieldError> errors = new ArrayList<>();

        public Collector add(String field, String message) {
            errors.add(new FieldError(field, message));
            return this;
        }

        public boolean has(String field) {
            return errors.stream().anyMatch(e -> e.field().equals(field));
        }

        public int size() {
            return errors.size();
        }

        /** The date in {@code value} (YYYY-MM-DD), null when blank; a malformed one is added against {@code field}. */
        public java.time.LocalDate date(String field, String value) {
            try {
                return InvalidInput.date(field, value);
            } catch (InvalidInput e) {
                errors.addAll(e.errors());
                return null;
            }
        }

        /** The instant in {@code value} (ISO-8601), null when blank; a malformed one is added against {@code field}. */
        public java.time.Instant instant(String field, String value) {
            try {
                return value == null || value.isBlank() ? null : java.time.Instant.parse(value.strip());
            } catch (java.time.format.DateTimeParseException e) {
                add(field, "'" + value + "' is not a time (ISO-8601, e.g. 2026-03-01T00:00:00Z).");
                return null;
            }
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(new ArrayList<>(errors));
            }
        }
    }
}
