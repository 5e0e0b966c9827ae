package com.attest.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Input a service refused, with one message per offending field. Services collect every problem before
 * throwing, so a form shows them all at once and nothing is half-written.
 */
public class InvalidInput extends RuntimeException {

    public record FieldError(String field, String message) {
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

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(new ArrayList<>(errors));
            }
        }
    }
}
