package com.attest.action.rest;

import com.attest.action.ActionCall;
import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
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
import java.util.Map;

/**
 * An action run over HTTP: {@code GET /api/action-runs/{id}} (the run with every call it made),
 * {@code POST …/approve|reject|cancel|review} with {@code {"version", "note"}} (the service checks who may),
 * {@code GET …/result} (the result file as an attachment, with its SHA-256).
 */
@Path("action-runs/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActionResource {

    public record Decision(Long version, String note) {
    }

    @Inject
    private ActionRunService runs;

    @GET
    public String get(@PathParam("id") long id) {
        ActionRun run = runs.find(id).orElseThrow(NotFoundException::new);
        Map<String, Object> body = run.snapshot();
        body.put("version", run.getVersion());
        body.put("calls", runs.calls(id).stream().map(ActionCall::snapshot).toList());
        runs.result(id).ifPresent(r -> body.put("result", Map.of("filename", r.getFilename(),
                "contentType", r.getContentType(), "sizeBytes", r.getSizeBytes(), "sha256", r.getSha256())));
        return CanonicalJson.write(body);
    }

    @POST
    @Path("{decision: approve|reject|cancel|review}")
    public String decide(@PathParam("id") long id, @PathParam("decision") String decision, Decision body) {
        if (body == null || body.version() == null) {
            throw new InvalidInput("version", "Send the run's version as you saw it.");
        }
        ActionRun run = switch (decision) {
            case "approve" -> runs.approve(id, body.version(), body.note());
            case "reject" -> runs.reject(id, body.version(), body.note());
            case "cancel" -> runs.cancel(id, body.version());
            default -> runs.review(id, body.version(), body.note());
        };
        return CanonicalJson.write(run.snapshot());
    }

    @GET
    @Path("result")
    @Produces(MediaType.WILDCARD)
    public Response result(@PathParam("id") long id) {
        return runs.result(id).map(r -> Response.ok(r.getBody(), r.getContentType())
                .header("Content-Disposition", "attachment; filename=\"run-" + id + "-"
                        + r.getFilename().replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .header("X-Content-SHA256", r.getSha256())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "no-store").build()).orElseThrow(NotFoundException::new);
    }
}
