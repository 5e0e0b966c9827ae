package com.attest.intake.rest;

import com.attest.incident.Source;
import com.attest.intake.IntakeDeliveryService;
import com.attest.intake.IntakeGate;
import com.attest.platform.Outage;
import com.attest.platform.rest.ErrorBodies;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/intake/deliveries/{id}}: what became of a delivery, for whoever may send to its source (the same
 * intake key or Entra ID token): {@code accepted} while it waits, then {@code processed} with the alert, the
 * incident and whether it was a repeat; {@code undeliverable} or {@code failed} with why.
 */
@Path("intake/deliveries/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeDeliveryResource {

    @Inject
    private IntakeGate gate;

    @Inject
    private IntakeDeliveryService deliveries;

    @GET
    public Response status(@PathParam("id") String id, @QueryParam("key") String keyParameter,
                           @Context HttpHeaders headers) {
        String key = headers.getHeaderString("X-Intake-Key");
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<IntakeDeliveryService.Status> found;
        try {
            found = id.matches("[0-9]{1,18}") ? deliveries.status(Long.parseLong(id)) : Optional.empty();
        } catch (RuntimeException e) {
            if (Outage.isTransient(e)) {
                return Response.status(503).header("Retry-After", "30").type(MediaType.APPLICATION_JSON)
                        .entity(ErrorBodies.of("service", "The register is unavailable. Retry later.")).build();
            }
            throw e;
        }
        // the answer to a caller who may not read it is the same whether the delivery exists or not
        Source source = found.map(IntakeDeliveryService.Status::source).orElse(null);
        IntakeGate.Verdict verdict = null;
        for (Source s : source == null ? new Source[]{Source.AZURE_MONITOR, Source.DEFENDER, Source.SENTINEL}
                : new Source[]{source}) {
            verdict = gate.check(s, key, keyParameter, authorization);
            if (verdict.allowed()) {
                break;
            }
        }
        if (!verdict.allowed()) {
            int status = verdict.refusal() == 503 ? 503 : 401;
            Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBodies.of("authorization", status == 503 ? verdict.reason()
                            : "Send the intake key (or token) the delivery was sent with."));
            return (status == 401 ? r.header("WWW-Authenticate", "Bearer") : r).build();
        }
        if (found.isEmpty()) {
            return ErrorBodies.response(404, "id", "No delivery " + id + ".");
        }
        IntakeDeliveryService.Status s = found.get();
        JsonObjectBuilder body = ErrorBodies.JSON.createObjectBuilder()
                .add("deliveryId", s.id())
                .add("status", s.state() == IntakeDeliveryService.State.PENDING ? "accepted"
                        : s.state().name().toLowerCase(Locale.ROOT))
                .add("receivedAt", s.receivedAt().toString());
        if (s.processedAt() != null) {
            body.add("processedAt", s.processedAt().toString());
        }
        if (s.alertId() != null) {
            body.add("alertId", s.alertId());
        }
        if (s.incidentReference() != null) {
            body.add("incidentReference", s.incidentReference());
        } else if (s.alertId() != null) {
            // a keep rule recorded it as an alert only (cost, service health, resource health)
            body.add("openedIncident", false);
        }
        if (s.duplicate() != null) {
            body.add("duplicate", s.duplicate());
        }
        if (s.refusal() != null) {
            body.add("reason", s.refusal());
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body.build().toString()).cacheControl(noStore).build();
    }
}
