package com.attest.platform.web;

import jakarta.json.Json;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** JSON indented for reading on a page (a snapshot, a before/after state); the factories are made once. */
public final class PrettyJson {

    private static final JsonReaderFactory READER = Json.createReaderFactory(Map.of());
    private static final JsonWriterFactory WRITER = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private PrettyJson() {
    }

    /** {@code json} indented; null for nothing, the text as it is when it is not JSON. */
    public static String of(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonStructure value = READER.createReader(new StringReader(json)).read();
            StringWriter out = new StringWriter();
            WRITER.createWriter(out).write(value);
            return out.toString().strip();
        } catch (RuntimeException e) {
            return json;
        }
    }
}
