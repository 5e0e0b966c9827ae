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

    private static final Map<Integer, String> STATUS_MESSAGES = Map.of(
            400, "The request is not one this endpoint takes.",
            401, "Sign in first: send your credentials with the request.",
            403, "Your role does not allow this.",
            404, "Not found.",
            405, "This endpoint does not take that method.",
            406, "This endpoint cannot answer in the type asked for.",
            413, "The request body is too large.",
            415, "This endpoint does not take that content type.");

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

    /** What an answer with this status says when nothing more particular is known. */
    public static String forStatus(int status) {
        return STATUS_MESSAGES.getOrDefault(status, status >= 500 ? "The portal could not answer this request."
                : "The request is not one this endpoint takes.");
    }

    /** A response with this status and one field error. */
    public static Response response(int status, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(of(field, message)).build();
    }
}
