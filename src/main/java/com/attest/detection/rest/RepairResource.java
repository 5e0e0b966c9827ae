package com.attest.detection.rest;

import com.attest.action.ActionPreparation;
import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.action.ActionType;
import com.attest.action.DryRun;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repairs of the detection pipeline over HTTP, with the same rules as the pages (compliance leads only):
 * {@code POST /api/detection/repairs/preview} with {@code {"type", "parameters"}} answers the dry run read from Azure
 * now (the exact requests, intake key masked, and the {@code az} equivalents); {@code POST /api/detection/repairs}
 * with {@code {"type", "parameters", "reason"}} asks for it (201, the run awaiting another lead's approval, which is
 * given at {@code /api/action-runs/{id}/approve}).
 */
@Path("detection/repairs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RepairResource {

    public record Request(String type, Map<String, String> parameters, String reason) {
    }

    @Inject
    private ActionPreparation preparation;

    @Inject
    private ActionRunService runs;

    @POST
    @Path("preview")
    public String preview(Request request) {
        ActionType type = type(request);
        Map.Entry<Map<String, String>, DryRun> preview = preparation.preview(type, request.parameters());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.code());
        body.put("parameters", preview.getKey());
        body.put("calls", preview.getValue().calls().stream().map(c -> Map.of("method", c.method(),
                "resource", c.resource(), "body", c.body())).toList());
        body.put("commands", preview.getValue().commands());
        return CanonicalJson.write(body);
    }

    @POST
    public Response request(Request request) {
        ActionRun run = runs.requestRepair(type(request).code(), request.parameters(), request.reason());
        return Response.status(Response.Status.CREATED).entity(CanonicalJson.write(run.snapshot())).build();
    }

    private static ActionType type(Request request) {
        String code = request == null || request.type() == null ? "" : request.type().strip();
        return ActionType.ofCode(code).filter(ActionType::repairsPipeline).orElseThrow(() -> new InvalidInput("type",
                "'" + code + "' is not a repair of the detection pipeline; the repairs are "
                        + ActionType.REPAIR_ACTION_GROUP.code() + "."));
    }
}
