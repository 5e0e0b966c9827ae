package com.attest.intake.rest;

import com.attest.intake.AlertPayload;
import com.attest.intake.AlertService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/alert-payloads/{id}}: the payload byte for byte, as an attachment, with its SHA-256. */
@Path("alert-payloads/{id}")
public class AlertPayloadResource {

    @Inject
    private AlertService alerts;

    @GET
    public Response download(@PathParam("id") long id) {
        AlertPayload payload = alerts.payload(id).orElseThrow(NotFoundException::new);
        return Response.ok(payload.getBody(), "application/json")
                .header("Content-Disposition", "attachment; filename=\"alert-payload-" + id + ".json\"")
                .header("X-Content-SHA256", payload.getSha256())
                .header("Cache-Control", "no-store")
                .build();
    }
}
