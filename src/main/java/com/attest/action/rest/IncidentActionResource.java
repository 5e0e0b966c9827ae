package com.attest.action.rest;

import com.attest.action.ActionPreparation;
import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.action.ActionType;
import com.attest.action.DryRun;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident's runbook actions over HTTP, with the same rules as the pages: {@code GET /api/incidents/{ref}/actions}
 * (its runs), {@code POST …/actions/preview} with {@code {"type", "parameters"}} (the dry run), {@code POST …/actions}
 * with {@code {"type", "item", "parameters", "reason", "breakGlass", "breakGlassReason", "rerunOf"}} (a request,
 * 201). See {@link ActionResource} for a run itself.
 */
@Path("incidents/{ref}/actions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentActionResource {

    public record Request(String type, String item, Map<String, String> parameters, String reason, Boolean breakGlass,
                          String breakGlassReason, Long rerunOf) {
    }

    @Inject
    private ActionRunService runs;

    @Inject
    private ActionPreparation preparation;

    @Inject
    private IncidentService incidents;

    @GET
    public String list(@PathParam("ref") String ref) {
        Incident incident = incidents.find(ref).orElseThrow(NotFoundException::new);
        return CanonicalJson.write(runs.of(incident).stream().map(ActionRun::snapshot).toList());
    }

    @POST
    @Path("preview")
    public String preview(@PathParam("ref") String ref, Request request) {
        incidents.find(ref).orElseThrow(NotFoundException::new);
        ActionType type = type(request);
        Map.Entry<Map<String, String>, DryRun> preview = preparation.preview(type, request.parameters());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.code());
        body.put("destructive", type.destructive());
        body.put("parameters", preview.getKey());
        body.put("calls", preview.getValue().calls().stream().map(c -> Map.of("method", c.method(),
                "resource", c.resource(), "body", c.body())).toList());
        body.put("commands", preview.getValue().commands());
        body.put("query", preview.getValue().query());
        return CanonicalJson.write(body);
    }

    @POST
    public Response request(@PathParam("ref") String ref, Request request) {
        if (request == null) {
            throw new InvalidInput("type", "A request body is required.");
        }
        ActionRun run = runs.request(ref, request.item(), request.type(), request.parameters(), request.reason(),
                Boolean.TRUE.equals(request.breakGlass()), request.breakGlassReason(), request.rerunOf());
        return Response.status(Response.Status.CREATED).entity(CanonicalJson.write(run.snapshot())).build();
    }

    private static ActionType type(Request request) {
        String code = request == null || request.type() == null ? "" : request.type().strip();
        return ActionType.ofCode(code).orElseThrow(() -> new InvalidInput("type",
                "'" + code + "' is not an action this portal performs; the actions are "
                        + String.join(", ", List.of(ActionType.values()).stream().map(ActionType::code).toList()) + "."));
    }
}
