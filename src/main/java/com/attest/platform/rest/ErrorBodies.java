package com.attest.platform.rest;

import com.attest.platform.InvalidInput;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The API's one error shape, {@code {"errors":[{"field":…,"message":…}]}}. Built from one factory: looking the
 * JSON provider up per call ({@code Json.createObjectBuilder()}) scans the class path every time.
 */
public final class ErrorBodies {

    public static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private ErrorBodies() {
    }

    public static String of(List<InvalidInput.FieldError> errors) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        errors.forEach(e -> array.add(JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
        return JSON.createObjectBuilder().add("errors", array).build().toString();
    }

    public static String of(String field, String message) {
        return of(List.of(new InvalidInput.FieldError(field, message)));
    }

    /** A response with this status and one field error. */
    public static Response response(int status, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(of(field, message)).build();
    }
}
