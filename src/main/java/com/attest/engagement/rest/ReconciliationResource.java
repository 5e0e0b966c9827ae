package com.attest.engagement.rest;

import com.attest.engagement.PopulationDisposition;
import com.attest.engagement.ReconciliationService;
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
 * Dispositions of Azure items with no portal incident, over HTTP. Responders and the lead:
 * {@code POST /api/population/dispositions} {@code {"kind": "SENTINEL_INCIDENTS"|"DEFENDER_ALERTS", "azureId",
 * "disposition": "BENIGN"|"DUPLICATE"|"OUT_OF_SCOPE"|"OTHER", "reason", "duplicateOf"}}. The reconciliation itself is
 * read and recorded under its engagement ({@link EngagementResource}).
 */
@Path("population/dispositions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    public record Dispose(String kind, String azureId, String disposition, String reason, String duplicateOf) {
    }

    @Inject
    private ReconciliationService reconciliations;

    @POST
    public Response dispose(Dispose d) {
        if (d == null) {
            throw new InvalidInput("reason", "Send the disposition as JSON.");
        }
        PopulationDisposition made = reconciliations.dispose(d.kind(), d.azureId(), d.disposition(), d.reason(),
                d.duplicateOf());
        Map<String, Object> body = new LinkedHashMap<>(made.snapshot());
        body.put("id", made.getId());
        return Response.status(201).entity(CanonicalJson.write(body)).build();
    }

}
