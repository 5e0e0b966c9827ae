package com.attest.evidence.rest;

import com.attest.evidence.EvidenceItem;
import com.attest.evidence.EvidenceService;
import com.attest.evidence.EvidenceSweep;
import com.attest.evidence.EvidenceType;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorLimits;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence register over HTTP (compliance lead and auditors read — an auditor only the items whose period date
 * falls in an engagement of theirs open now, others are not found; the lead changes):
 * {@code GET /api/evidence/types}, {@code POST …/types/{code}} {@code {"years"}} (lengthen),
 * {@code GET …/items?type=&control=&from=&to=&held=&disposal=&first=&max=}, {@code GET …/items/{id}} (with its
 * snapshot), {@code POST …/items/{id}/hold} {@code {"version", "hold", "reason"}}, {@code POST …/items/{id}/dispose}
 * {@code {"version", "reason"}} (a queued item), {@code GET …/disposals} (the certificates), {@code POST …/register} and
 * {@code POST …/disposal-queue} (run the sweeps now).
 */
@Path("evidence")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    public record Years(Integer years) {
    }

    public record Hold(Long version, Boolean hold, String reason) {
    }

    public record Dispose(Long version, String reason) {
    }

    @Inject
    private EvidenceService register;

    @Inject
    private EvidenceSweep registrar;

    @Inject
    private Caller caller;

    @Inject
    private AuditorLimits scope;

    @GET
    @Path("types")
    public String types() {
        requireReader();
        return CanonicalJson.write(register.types().stream().map(t -> {
            Map<String, Object> s = t.snapshot();
            s.put("title", t.getTitle());
            s.put("seedRetention", t.getSeedRetention());
            return s;
        }).toList());
    }

    @POST
    @Path("types/{code}")
    public String lengthen(@PathParam("code") String code, Years body) {
        EvidenceType type = register.lengthen(code, body == null ? null : body.years());
        return CanonicalJson.write(type.snapshot());
    }

    @GET
    @Path("items")
    public String items(@QueryParam("type") String type, @QueryParam("control") String control,
                        @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("held") Boolean held, @QueryParam("disposal") String disposal,
                        @QueryParam("first") @DefaultValue("0") int first,
                        @QueryParam("max") @DefaultValue("100") int max) {
        requireReader();
        EvidenceItem.Disposal state;
        try {
            state = disposal == null || disposal.isBlank() ? null : EvidenceItem.Disposal.valueOf(disposal);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("disposal", "'" + disposal + "' is not KEPT or QUEUED.");
        }
        EvidenceService.Filter filter = new EvidenceService.Filter(type, control, InvalidInput.date("from", from),
                InvalidInput.date("to", to), held, state).limitedTo(scope.limits());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", register.count(filter));
        body.put("items", register.search(filter, Math.max(0, first), Math.min(Math.max(1, max), 1000)).stream()
                .map(EvidenceItem::snapshotOfItem).toList());
        return CanonicalJson.write(body);
    }

    @GET
    @Path("items/{id}")
    public String item(@PathParam("id") long id) {
        requireReader();
        List<AuditPeriod> limits = scope.limits();
        EvidenceItem item = register.find(id)
                .filter(i -> limits == null || AuditPeriod.anyContains(limits, i.getPeriodDate()))
                .orElseThrow(NotFoundException::new);
        Map<String, Object> body = item.snapshotOfItem();
        body.put("version", item.getVersion());
        body.put("registeredAt", item.getRegisteredAt());
        body.put("snapshot", item.getSnapshot());
        return CanonicalJson.write(body);
    }

    @POST
    @Path("items/{id}/hold")
    public String hold(@PathParam("id") long id, Hold body) {
        if (body == null || body.version() == null || body.hold() == null) {
            throw new InvalidInput("hold", "Send the item's version and whether to hold it.");
        }
        return CanonicalJson.write(register.hold(id, body.version(), body.hold(), body.reason()).snapshotOfItem());
    }

    @POST
    @Path("items/{id}/dispose")
    public String dispose(@PathParam("id") long id, Dispose body) {
        if (body == null || body.version() == null) {
            throw new InvalidInput("version", "Send the item's version as you saw it.");
        }
        return CanonicalJson.write(register.dispose(id, body.version(), body.reason()).snapshot());
    }

    @GET
    @Path("disposals")
    public String disposals() {
        requireReader();
        return CanonicalJson.write(register.certificates().stream().map(c -> c.snapshot()).toList());
    }

    @POST
    @Path("register")
    public String registerNow() {
        caller.require("run the evidence registration", Role.COMPLIANCE_LEAD);
        return CanonicalJson.write(Map.of("registered", registrar.registerAll()));
    }

    @POST
    @Path("disposal-queue")
    public String queueNow() {
        caller.require("run the retention sweep", Role.COMPLIANCE_LEAD);
        return CanonicalJson.write(Map.of("queued", register.queueExpired()));
    }

    private void requireReader() {
        caller.require("read the evidence register", Role.COMPLIANCE_LEAD, Role.AUDITOR);
    }
}
