package com.attest.oncall;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wording the Teams card and the e-mail share. */
final class MessageText {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MessageText() {
    }

    /** "P1 · INC-2026-007 · Title", with "Resolved · " in front for a resolve. */
    static String headline(OnCallMessage message) {
        String line = message.severity() + " · " + message.reference() + " · " + message.title();
        return message.action() == OnCallMessage.Action.RESOLVE ? "Resolved · " + line : line;
    }

    /** Severity, Status, Source, Detected, Respond by — those the message has, in that order. */
    static Map<String, String> facts(OnCallMessage message) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Severity", message.severity().name());
        putIfPresent(facts, "Status", message.status());
        putIfPresent(facts, "Source", message.source());
        putIfPresent(facts, "Detected", utc(message.detectedAt()));
        if (message.action() == OnCallMessage.Action.TRIGGER) {
            putIfPresent(facts, "Respond by", utc(message.responseDueAt()));
        }
        return facts;
    }

    /** ISO date and time to the minute in UTC, e.g. "2026-03-01 14:05 UTC"; null stays null. */
    static String utc(Instant instant) {
        return instant == null ? null : UTC.format(instant);
    }

    /** At most {@code max} characters, an ellipsis marking a cut. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Control characters (line breaks included) as single spaces. */
    static String singleLine(String text) {
        return text.replaceAll("[\\p{Cntrl}]+", " ").strip();
    }

    private static void putIfPresent(Map<String, String> facts, String name, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(name, value.strip());
        }
    }
}
