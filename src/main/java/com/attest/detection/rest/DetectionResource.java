package com.attest.detection.rest;

import com.attest.detection.DetectionCheck;
import com.attest.detection.DetectionPipelineService;
import com.attest.detection.Finding;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The detection pipeline over HTTP: {@code POST /api/detection/checks} {"subscription": id} checks one configured
 * subscription now (compliance lead); {@code GET /api/detection/checks?subscription=} the latest check and
 * {@code GET /api/detection/checks/{id}} one check (lead and auditors), with its verdict, findings and SHA-256;
 * {@code GET /api/detection/checks/{id}/arm.json} what Azure returned, byte for byte as kept.
 */
@Path("detection/checks")
@Produces(MediaType.APPLICATION_JSON)
public class DetectionResource {

    @Inject
    private DetectionPipelineService detection;

    /** What the lead asks to check. */
    public record CheckRequest(String subscription) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public String check(CheckRequest request) {
        return CanonicalJson.write(json(detection.check(request == null ? null : request.subscription())));
    }

    @GET
    public String latest(@QueryParam("subscription") String subscription) {
        return CanonicalJson.write(json(detection.shown(null, subscription).orElseThrow(NotFoundException::new)));
    }

    @GET
    @Path("{id}")
    public String one(@PathParam("id") long id) {
        return CanonicalJson.write(json(find(id)));
    }

    @GET
    @Path("{id}/arm.json")
    public Response arm(@PathParam("id") long id) {
        DetectionCheck check = find(id);
        return Response.ok(check.getArmJson(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Digest", "sha-256=" + check.getSha256())
                .header("Content-Disposition", "attachment; filename=\"detection-pipeline-" + check.getId()
                        + ".json\"").build();
    }

    private DetectionCheck find(long id) {
        try {
            return detection.shown(id, null).orElseThrow(NotFoundException::new);
        } catch (InvalidInput none) {
            throw new NotFoundException(none.getMessage());
        }
    }

    static Map<String, Object> json(DetectionCheck check) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", check.getId());
        c.put("subscriptionId", check.getSubscriptionId());
        c.put("subscription", check.getSubscriptionLabel());
        c.put("trigger", check.getTrigger());
        c.put("requestedBy", check.getRequestedBy());
        c.put("checkedAt", check.getCheckedAt());
        c.put("verdict", check.getVerdict());
        c.put("sha256", check.getSha256());
        c.put("sizeBytes", check.getSizeBytes());
        c.put("findings", check.findingList().stream().map(DetectionResource::finding).toList());
        return c;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("part", f.part());
        m.put("resource", f.resource());
        m.put("verdict", f.verdict());
        m.put("sentence", f.sentence());
        return m;
    }
}
