package com.attest.platform.rest;

import com.attest.platform.InvalidInput;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Refused input answers 400 with one message per field: {@code {"errors":[{"field":…,"message":…}]}}. */
@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInput> {

    @Override
    public Response toResponse(InvalidInput invalid) {
        int status = invalid.errors().stream().anyMatch(e -> e.field().equals("version")) ? 409 : 400;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBodies.of(invalid.errors())).build();
    }
}
