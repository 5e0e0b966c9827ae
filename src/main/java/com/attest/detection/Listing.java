package com.attest.detection;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * One list read from Resource Manager: the resources of every page, or why it could not be read (Azure's words).
 */
public record Listing(List<JsonObject> items, String failure) {

    public Listing {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static Listing of(List<JsonObject> items) {
        return new Listing(items, null);
    }

    public static Listing failed(String failure) {
        return new Listing(List.of(), failure);
    }

    public boolean readable() {
        return failure == null;
    }
}
