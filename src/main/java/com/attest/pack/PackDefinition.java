package com.attest.pack;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One kind of evidence pack, as {@code reports/<kind>.json} defines it: its title, whether it covers a period or one
 * incident, the evidence types expected under each control, and its sections in order.
 */
public record PackDefinition(String kind, String title, String description, Scope scope, List<ControlCoverage> controls,
                             List<Section> sections) {

    /** A pack covers every incident of a period, or one incident. */
    public enum Scope { PERIOD, INCIDENT }

    /** The evidence types a control is judged by in this pack. */
    public record ControlCoverage(String control, String title, List<String> evidence) {
    }

    /** A section of the PDF: {@code id} names what the generator renders, {@code title} what the reader sees. */
    public record Section(String id, String title) {
    }

    /** The sections the generator knows how to render. */
    public static final Set<String> SECTIONS = Set.of("coverage", "documents", "incident-population", "incidents",
            "exercises", "notifications", "audit-trail", "manifest", "artefacts", "reconciliation");

    public PackDefinition {
        controls = List.copyOf(controls);
        sections = List.copyOf(sections);
    }

    public boolean has(String section) {
        return sections.stream().anyMatch(s -> s.id().equals(section));
    }

    /** Reads one definition; {@code name} (the file's name) is named in every complaint. */
    public static PackDefinition parse(String name, InputStream json) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(json)) {
            o = reader.readObject();
        } catch (JsonParsingException | IllegalStateException e) {
            throw new IllegalArgumentException(name + ": not a JSON object (" + e.getMessage() + ")", e);
        }
        String kind = text(name, o, "kind");
        if (!kind.matches("[a-z0-9-]{1,60}")) {
            throw new IllegalArgumentException(name + ": kind '" + kind + "' must be lower-case letters, digits, '-'");
        }
        Scope scope;
        try {
            scope = Scope.valueOf(text(name, o, "scope"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": scope must be PERIOD or INCIDENT", e);
        }
        List<ControlCoverage> controls = new ArrayList<>();
        for (JsonValue v : array(name, o, "controls")) {
            JsonObject c = v.asJsonObject();
            List<String> evidence = new ArrayList<>();
            for (JsonValue e : array(name, c, "evidence")) {
                evidence.add(((JsonString) e).getString());
            }
            controls.add(new ControlCoverage(text(name, c, "control"), text(name, c, "title"), evidence));
        }
        List<Section> sections = new ArrayList<>();
        for (JsonValue v : array(name, o, "sections")) {
            JsonObject s = v.asJsonObject();
            String id = text(name, s, "id");
            if (!SECTIONS.contains(id)) {
                throw new IllegalArgumentException(name + ": unknown section '" + id + "' (known: "
                        + new java.util.TreeSet<>(SECTIONS) + ")");
            }
            sections.add(new Section(id, text(name, s, "title")));
        }
        if (sections.isEmpty()) {
            throw new IllegalArgumentException(name + ": a pack needs at least one section");
        }
        return new PackDefinition(kind, text(name, o, "title"), o.getString("description", ""), scope, controls,
                sections);
    }

    private static String text(String name, JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (!(v instanceof JsonString s) || s.getString().isBlank()) {
            throw new IllegalArgumentException(name + ": '" + key + "' is missing or not a text");
        }
        return s.getString().strip();
    }

    private static List<JsonValue> array(String name, JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException(name + ": '" + key + "' is missing or not a list");
        }
        return v.asJsonArray();
    }
}
