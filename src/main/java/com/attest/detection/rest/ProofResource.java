package com.attest.detection.rest;

import com.attest.detection.DetectionProof;
import com.attest.detection.ProofService;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The end-to-end proof over HTTP: {@code POST /api/detection/proofs} {"subscription": id} sends a test alert through
 * the subscription's action group now (compliance lead); {@code GET /api/detection/proofs/{id}} its state: WAITING,
 * then VERIFIED (with the intake delivery and the seconds it took), NO_DELIVERY or REFUSED, with the outcome;
 * {@code GET /api/detection/proofs/{id}/evidence.json} a settled proof's evidence as registered.
 */
@Path("detection/proofs")
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    @Inject
    private ProofService proofs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public String send(DetectionResource.CheckRequest request) {
        return CanonicalJson.write(json(proofs.send(request == null ? null : request.subscription())));
    }

    @GET
    @Path("{id}")
    public String one(@PathParam("id") long id) {
        return CanonicalJson.write(json(proofs.find(id).orElseThrow(NotFoundException::new)));
    }

    /** The proof's evidence as registered and packed, byte for byte, with its SHA-256 (a settled proof only). */
    @GET
    @Path("{id}/evidence.json")
    public jakarta.ws.rs.core.Response evidence(@PathParam("id") long id) {
        DetectionProof proof = proofs.find(id).filter(p -> p.getSha256() != null).orElseThrow(NotFoundException::new);
        return jakarta.ws.rs.core.Response.ok(proof.evidenceJson(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("X-Content-SHA256", proof.getSha256()).header("Content-Disposition", "attachment;"
                        + " filename=\"detection-proof-" + id + ".json\"").build();
    }

    static Map<String, Object> json(DetectionProof p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.getId());
        m.put("subscriptionId", p.getSubscriptionId());
        m.put("actionGroupId", p.getActionGroupId());
        m.put("trigger", p.getTrigger());
        m.put("requestedBy", p.getRequestedBy());
        m.put("requestedAt", p.getRequestedAt());
        m.put("deadline", p.getDeadline());
        m.put("state", p.getState());
        m.put("deliveryId", p.getDeliveryId());
        m.put("deliveredAt", p.getDeliveredAt());
        m.put("millis", p.getMillis());
        m.put("outcome", p.getOutcome());
        m.put("request", p.getAzureRequest());
        m.put("answer", p.getAzureAnswer());
        m.put("sha256", p.getSha256());
        return m;
    }
}
