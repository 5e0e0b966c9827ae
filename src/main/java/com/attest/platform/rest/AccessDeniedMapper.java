package com.attest.platform.rest;

import com.attest.platform.AccessDenied;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A role that may not do this answers 403 with the reason. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<AccessDenied> {

    @Override
    public Response toResponse(AccessDenied denied) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBodies.JSON.createObjectBuilder().add("error", denied.getMessage()).build().toString()).build();
    }
}
