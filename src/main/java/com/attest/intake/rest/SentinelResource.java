package com.attest.intake.rest;

import com.attest.azure.SentinelApi;
import com.attest.intake.Receipt;
import com.attest.intake.SentinelService;
import com.attest.platform.audit.CanonicalJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Sentinel over HTTP (responders and the compliance lead): {@code GET /api/sentinel/{workspace}/incidents}
 * (severity and status repeatable, the policy's High + Active when neither is given; {@code next} the link of the
 * page before), {@code POST …/incidents/{name}/import} and {@code POST …/incidents/{name}/assign} with
 * {@code {"owner":"…","etag":"…"}} — a 409 with the incident as it is now when it changed in Sentinel meanwhile.
 */
@Path("sentinel/{workspace}/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class SentinelResource {

    public record Assign(String owner, String etag) {
    }

    @Inject
    private SentinelService sentinel;

    @GET
    public String list(@PathParam("workspace") String workspace, @QueryParam("severity") List<String> severities,
                       @QueryParam("status") List<String> statuses, @QueryParam("next") String next) {
        boolean policy = (severities == null || severities.isEmpty()) && (statuses == null || statuses.isEmpty());
        SentinelService.Listing listing = sentinel.list(workspace, policy ? List.of("High") : severities,
                policy ? List.of("Active") : statuses, next);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidents", listing.rows().stream().map(r -> row(r.incident(), r.reference())).toList());
        body.put("nextLink", listing.nextLink());
        return CanonicalJson.write(body);
    }

    @POST
    @Path("{name}/import")
    public String importIncident(@PathParam("workspace") String workspace, @PathParam("name") String name) {
        Receipt receipt = sentinel.importIncident(workspace, name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", receipt.incidentReference());
        body.put("alertId", receipt.alertId());
        body.put("alreadyLinked", receipt.duplicate());
        return CanonicalJson.write(body);
    }

    @POST
    @Path("{name}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("workspace") String workspace, @PathParam("name") String name, Assign a) {
        SentinelService.Assigned assigned = sentinel.assign(workspace, name, a == null ? null : a.etag(),
                a == null ? null : a.owner());
        Map<String, Object> body = row(assigned.incident(), assigned.reference());
        if (assigned.conflict()) {
            body.put("error", "Changed in Sentinel meanwhile: nothing was written. Assign again with this etag to"
                    + " write over it.");
            return Response.status(Response.Status.CONFLICT).entity(CanonicalJson.write(body)).build();
        }
        return Response.ok(CanonicalJson.write(body)).build();
    }

    private static Map<String, Object> row(SentinelApi.Incident i, String reference) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", i.id());
        row.put("name", i.name());
        row.put("etag", i.etag());
        row.put("number", i.number());
        row.put("title", i.title());
        row.put("severity", i.severity());
        row.put("status", i.status());
        row.put("owner", i.owner());
        row.put("created", i.created());
        row.put("reference", reference);
        return row;
    }
}
