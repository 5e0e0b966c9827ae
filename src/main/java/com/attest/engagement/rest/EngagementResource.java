package com.attest.engagement.rest;

import com.attest.engagement.AuditorAccess;
import com.attest.engagement.Engagement;
import com.attest.engagement.EngagementForm;
import com.attest.engagement.EngagementSample;
import com.attest.engagement.EngagementService;
import com.attest.engagement.PopulationReconciliation;
import com.attest.engagement.PopulationRow;
import com.attest.engagement.ReconciliationService;
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
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EngagementService over HTTP. The compliance lead: {@code POST /api/engagements} {@code {"name", "periodFrom",
 * "periodTo", "accessFrom", "accessTo", "auditors": [usernames]}} and {@code GET …/{id}/access-log}. The lead and the
 * engagement's auditors while it is open (others: 404): {@code GET /api/engagements}, {@code GET …/{id}},
 * {@code GET …/{id}/population.json|population.csv}, {@code POST …/{id}/sample?size=&seed=} (draws and records a
 * sample; the same seed and size give the same sample), {@code GET …/{id}/samples/{sample}},
 * {@code GET …/{id}/incidents/{ref}} (an incident of the population with all its evidence),
 * {@code GET …/{id}/reconciliation} (the population reconciled with the collected Azure evidence, computed now) and
 * {@code GET …/{id}/reconciliations/{r}} (a recorded reconciliation, its JSON byte for byte). The lead:
 * {@code POST …/{id}/reconciliation} records one.
 */
@Path("engagements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EngagementResource {

    public record Create(String name, String periodFrom, String periodTo, String accessFrom, String accessTo,
                         List<String> auditors) {
    }

    @Inject
    private EngagementService engagements;

    @Inject
    private ReconciliationService reconciliations;

    @GET
    public String list() {
        return CanonicalJson.write(engagements.list().stream().map(engagements::summary).toList());
    }

    @POST
    public Response create(Create c) {
        if (c == null) {
            throw new InvalidInput("name", "Send the engagement as JSON.");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate from = errors.date("periodFrom", c.periodFrom());
        LocalDate to = errors.date("periodTo", c.periodTo());
        Instant accessFrom = errors.instant("accessFrom", c.accessFrom());
        Instant accessTo = errors.instant("accessTo", c.accessTo());
        errors.throwIfAny();
        Engagement e = engagements.create(new EngagementForm(c.name(), from, to, accessFrom, accessTo, c.auditors()));
        return Response.created(URI.create("engagements/" + e.getId())).entity(CanonicalJson.write(
                engagements.summary(e))).build();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") long id) {
        Engagement e = find(id);
        Map<String, Object> body = engagements.summary(e);
        body.put("populationSize", engagements.population(e).size());
        body.put("samples", engagements.samples(e).stream().map(EngagementSample::snapshot).toList());
        return CanonicalJson.write(body);
    }

    @GET
    @Path("{id}/population.json")
    public String populationJson(@PathParam("id") long id) {
        Engagement e = find(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("engagement", e.getId());
        body.put("periodFrom", e.getPeriodFrom().toString());
        body.put("periodTo", e.getPeriodTo().toString());
        List<PopulationRow> rows = engagements.population(e);
        body.put("size", rows.size());
        body.put("incidents", rows.stream().map(PopulationRow::snapshot).toList());
        return CanonicalJson.write(body);
    }

    @GET
    @Path("{id}/population.csv")
    @Produces("text/csv")
    public Response populationCsv(@PathParam("id") long id) {
        Engagement e = find(id);
        StringBuilder csv = new StringBuilder(String.join(",", PopulationRow.COLUMNS)).append("\r\n");
        engagements.population(e).forEach(r -> csv.append(r.csv()).append("\r\n"));
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"population-engagement-" + e.getId() + ".csv\"").build();
    }

    /** Draws a sample and records it: a change, so a POST (a GET never writes). */
    @POST
    @Path("{id}/sample")
    public String sample(@PathParam("id") long id, @QueryParam("size") String size, @QueryParam("seed") String seed) {
        find(id);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Integer n = number(errors, "size", size) == null ? null : Math.toIntExact(Math.min(Integer.MAX_VALUE,
                number(errors, "size", size)));
        Long s = number(errors, "seed", seed);
        errors.throwIfAny();
        return CanonicalJson.write(engagements.draw(id, n, s).snapshot());
    }

    @GET
    @Path("{id}/samples/{sample}")
    public String drawn(@PathParam("id") long id, @PathParam("sample") long sample) {
        return CanonicalJson.write(engagements.sample(find(id), sample).orElseThrow(NotFoundException::new)
                .snapshot());
    }

    @GET
    @Path("{id}/incidents/{ref}")
    public String incident(@PathParam("id") long id, @PathParam("ref") String ref) {
        return CanonicalJson.write(engagements.incident(find(id), ref).orElseThrow(NotFoundException::new)
                .snapshot());
    }

    @GET
    @Path("{id}/access-log")
    public String accessLog(@PathParam("id") long id, @QueryParam("max") Integer max) {
        return CanonicalJson.write(engagements.accessLog(find(id), max == null ? 1000 : Math.min(Math.max(1, max),
                10_000)).stream().map(AuditorAccess::snapshot).toList());
    }

    @GET
    @Path("{id}/reconciliation")
    public String now(@PathParam("id") long id) {
        Engagement e = find(id);
        return ReconciliationService.json(e, reconciliations.compute(e.getPeriodFrom(), e.getPeriodTo()),
                reconciliations.tolerance());
    }

    @POST
    @Path("{id}/reconciliation")
    public Response record(@PathParam("id") long id) {
        find(id);
        PopulationReconciliation r = reconciliations.reconcile(id);
        Map<String, Object> body = new LinkedHashMap<>(r.snapshot());
        body.put("id", r.getId());
        body.put("computedBy", r.getComputedBy());
        body.put("computedAt", r.getComputedAt());
        return Response.created(URI.create("engagements/" + id + "/reconciliations/" + r.getId()))
                .entity(CanonicalJson.write(body)).build();
    }

    @GET
    @Path("{id}/reconciliations/{r}")
    public Response recorded(@PathParam("id") long id, @PathParam("r") long r) {
        PopulationReconciliation found = reconciliations.find(find(id), r).orElseThrow(NotFoundException::new);
        return Response.ok(found.json(), "application/json; charset=UTF-8").header("Content-Disposition",
                "inline; filename=\"reconciliation-engagement-" + id + "-" + r + ".json\"").build();
    }

    private Engagement find(long id) {
        return engagements.visible(id).orElseThrow(NotFoundException::new);
    }

    private static Long number(InvalidInput.Collector errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            if (!errors.has(field)) {
                errors.add(field, "'" + value + "' is not a whole number.");
            }
            return null;
        }
    }
}
