package com.attest.platform.rest;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that is not the JSON an endpoint takes — not JSON at all, a wrong type, an unknown value of a list —
 * answers 400, not 500. Jersey hands JSON-B's refusal over wrapped in a {@link ProcessingException}.
 */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<ProcessingException> {

    static final String MESSAGE = "The request body is not valid JSON for this endpoint.";

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return ErrorBodies.response(400, "body", MESSAGE);
            }
        }
        return ErrorBodies.response(500, "request", "The portal could not answer this request.");
    }

    /** JSON-B's refusal when it reaches the resource unwrapped. */
    @Provider
    public static class Unwrapped implements ExceptionMapper<JsonbException> {

        @Override
        public Response toResponse(JsonbException e) {
            return ErrorBodies.response(400, "body", MESSAGE);
        }
    }
}
