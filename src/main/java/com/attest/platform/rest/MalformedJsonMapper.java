package com.attest.platform.rest;

import jakarta.json.Json;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not the JSON an endpoint takes answers 400, not 500. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(
                        Json.createObjectBuilder().add("field", "body").add("message",
                                "The request body is not valid JSON for this endpoint."))).build().toString())
                .build();
    }
}
