package com.attest.incident.rest;

import com.attest.incident.Category;
import com.attest.incident.Classification;
import com.attest.incident.Incident;
import com.attest.incident.IncidentForm;
import com.attest.incident.IncidentService;
import com.attest.incident.Milestone;
import com.attest.incident.Severity;
import com.attest.incident.SlaClock;
import com.attest.incident.Source;
import com.attest.incident.Status;
import com.attest.incident.TimelineEntry;
import com.attest.incident.TimelineService;
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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incident register over HTTP, for scripts and integrations: read (every role), report and move on
 * (responders and compliance leads). Times are ISO-8601 instants; a change names the {@code version} it saw.
 */
@Path("incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {

    public record Report(String title, String description, Category category, Severity severity,
                         Integer defenderScore, String severityReason, boolean personalData,
                         boolean customersAffected, Set<String> resources, Set<String> users, String detectedAt) {
    }

    public record Details(long version, String title, String description, Category category, boolean personalData,
                          boolean customersAffected, Set<String> resources, Set<String> users, String owner) {
    }

    public record Declare(long version, String owner, String at) {
    }

    public record Step(long version, Status status, String at, String note, Classification classification,
                       String classificationReason, String openWorkReason) {
    }

    public record Close(long version, Status kind, String reason, String duplicateOf) {
    }

    public record Entry(String at, String text, Milestone milestone, Long corrects) {
    }

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private Clock clock;

    @GET
    @Path("{ref}")
    public String get(@PathParam("ref") String ref) {
        return json(load(ref));
    }

    @POST
    public Response report(Report r) {
        Incident incident = incidents.report(new IncidentForm(r.title(), r.description(), r.category(), r.severity(),
                r.defenderScore(), r.severityReason(), r.personalData(), r.customersAffected(),
                r.resources() == null ? Set.of() : r.resources(), r.users() == null ? Set.of() : r.users()),
                Source.MANUAL, instant("detectedAt", r.detectedAt()));
        return Response.created(URI.create("incidents/" + incident.getReference())).entity(json(incident)).build();
    }

    @POST
    @Path("{ref}/details")
    public String describe(@PathParam("ref") String ref, Details d) {
        return json(incidents.describe(ref, d.version(), new IncidentForm(d.title(), d.description(), d.category(),
                null, null, null, d.personalData(), d.customersAffected(),
                d.resources() == null ? Set.of() : d.resources(), d.users() == null ? Set.of() : d.users()),
                d.owner()));
    }

    @POST
    @Path("{ref}/declare")
    public String declare(@PathParam("ref") String ref, Declare d) {
        return json(incidents.declare(ref, d.version(), d.owner(), instant("stepAt", d.at())));
    }

    @POST
    @Path("{ref}/steps")
    public String step(@PathParam("ref") String ref, Step s) {
        return json(incidents.advance(ref, s.version(), s.status(), instant("stepAt", s.at()), s.note(),
                s.classification(), s.classificationReason(), s.openWorkReason()));
    }

    @POST
    @Path("{ref}/close")
    public String close(@PathParam("ref") String ref, Close c) {
        return json(incidents.closeAs(ref, c.version(), c.kind(), c.reason(), c.duplicateOf()));
    }

    @POST
    @Path("{ref}/timeline")
    public Response addEntry(@PathParam("ref") String ref, Entry e) {
        TimelineEntry entry = timelines.addEntry(ref, instant("entryAt", e.at()), e.text(), e.milestone(),
                e.corrects());
        return Response.status(Response.Status.CREATED).entity(CanonicalJson.write(entry.snapshot())).build();
    }

    private Incident load(String ref) {
        return incidents.find(ref).orElseThrow(() -> new NotFoundException("No incident " + ref));
    }

    private String json(Incident incident) {
        Map<String, Object> body = new LinkedHashMap<>(incident.snapshot());
        body.put("version", incident.getVersion());
        SlaClock sla = incident.clock(clock.instant());
        Map<String, Object> slaJson = new LinkedHashMap<>();
        slaJson.put("state", sla.state());
        slaJson.put("dueAt", sla.dueAt());
        slaJson.put("marginSeconds", sla.margin().getSeconds());
        body.put("sla", slaJson);
        List<Map<String, Object>> timeline = timelines.of(incident).stream().map(TimelineEntry::snapshot).toList();
        body.put("timeline", timeline);
        return CanonicalJson.write(body);
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "'" + text + "' is not an ISO-8601 instant such as 2026-11-28T09:30:00Z.");
        }
    }
}
