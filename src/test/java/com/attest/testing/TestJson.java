package com.attest.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;

/** Reads the JSON the portal answers with. */
public final class TestJson {

    private TestJson() {
    }

    /** The JSON object in {@code json}. */
    public static JsonObject read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
