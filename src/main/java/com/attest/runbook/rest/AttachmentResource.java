package com.attest.runbook.rest;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.rest.Upload;
import com.attest.runbook.IncidentAttachment;
import com.attest.runbook.WalkthroughService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * Evidence files of an incident: {@code POST /api/incidents/{ref}/attachments?name=…&item=…} with the raw bytes
 * (responders and the compliance lead), {@code GET …/attachments/{id}} (everyone) as a download that no browser
 * renders in the portal's origin.
 */
@Path("incidents/{ref}/attachments")
public class AttachmentResource {

    @Inject
    private WalkthroughService walkthroughs;

    @Inject
    private IncidentService incidents;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Upload
    public Response attach(@PathParam("ref") String ref, @QueryParam("name") String name,
                           @QueryParam("item") String item, InputStream in) throws IOException {
        byte[] body = in.readNBytes(WalkthroughService.MAX_ATTACHMENT_BYTES + 1);
        IncidentAttachment a = walkthroughs.attach(ref, item, name, body);
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .entity(CanonicalJson.write(a.snapshot())).build();
    }

    @GET
    @Path("{id}")
    public Response download(@PathParam("ref") String ref, @PathParam("id") long id) {
        Incident incident = incidents.find(ref).orElseThrow(NotFoundException::new);
        IncidentAttachment a = walkthroughs.attachment(incident, id).orElseThrow(NotFoundException::new);
        String safe = a.getFilename().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(a.getBody(), a.getContentType())
                .header("Content-Disposition", "attachment; filename=\"" + safe + "\"")
                .header("X-Content-SHA256", a.getSha256())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "no-store").build();
    }
}
