package com.attest.runbook.rest;

import com.attest.platform.audit.CanonicalJson;
import com.attest.runbook.Document;
import com.attest.runbook.DocumentService;
import com.attest.runbook.DocumentVersion;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runbook and the policy over HTTP: {@code GET /api/documents/{slug}} (everyone: versions, newest first),
 * {@code POST /api/documents/{slug}/versions} (compliance lead: save the next version, naming the one it is based
 * on), {@code POST …/versions/{n}/submit|approve|return}, {@code POST …/import} (compliance lead: a file's
 * history from another Git repository). Refusals answer 400 with the field, a stale edit 409.
 */
@Path("documents/{slug}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DocumentResource {

    public record Save(int basedOn, String body, String message) {
    }

    public record Decision(String comment) {
    }

    public record Import(String repository, String path) {
    }

    @Inject
    private DocumentService documents;

    @GET
    public String get(@PathParam("slug") String slug) {
        Document document = documents.find(slug).orElseThrow(NotFoundException::new);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", document.getSlug());
        body.put("kind", document.getKind());
        body.put("path", document.getPath());
        List<Map<String, Object>> versions = documents.versions(document).stream().map(DocumentVersion::snapshot)
                .toList();
        body.put("versions", versions);
        return CanonicalJson.write(body);
    }

    @POST
    @Path("versions")
    public Response save(@PathParam("slug") String slug, Save save) {
        DocumentVersion v = documents.save(slug, save.basedOn(), save.body(), save.message());
        return Response.status(Response.Status.CREATED).entity(CanonicalJson.write(v.snapshot())).build();
    }

    /** Imports the history of a file from another Git repository (compliance lead); answers the new versions. */
    @POST
    @Path("import")
    public Response importHistory(@PathParam("slug") String slug, Import request) {
        List<Map<String, Object>> versions = documents.importHistory(slug, request.repository(), request.path())
                .stream().map(DocumentVersion::snapshot).toList();
        return Response.status(Response.Status.CREATED).entity(CanonicalJson.write(Map.of("versions", versions)))
                .build();
    }

    @POST
    @Path("versions/{number}/submit")
    public String submit(@PathParam("slug") String slug, @PathParam("number") int number) {
        return CanonicalJson.write(documents.submit(slug, number).snapshot());
    }

    @POST
    @Path("versions/{number}/approve")
    public String approve(@PathParam("slug") String slug, @PathParam("number") int number, Decision decision) {
        return CanonicalJson.write(documents.approve(slug, number, decision == null ? null : decision.comment())
                .snapshot());
    }

    @POST
    @Path("versions/{number}/return")
    public String giveBack(@PathParam("slug") String slug, @PathParam("number") int number, Decision decision) {
        return CanonicalJson.write(documents.giveBack(slug, number, decision == null ? null : decision.comment())
                .snapshot());
    }
}
