package com.attest.runbook.rest;

import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.platform.audit.CanonicalJson;
import com.attest.runbook.WalkthroughService;
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
 * An incident's runbook checklist: {@code GET /api/incidents/{ref}/runbook} (everyone: pinned version and item
 * states: done, not applicable or open), {@code POST …/runbook/items/{key}} with
 * {@code {"done": true|false|null, "note": …}} or {@code {"notApplicable": true, "note": "why"}} (responders and the
 * compliance lead).
 */
@Path("incidents/{ref}/runbook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WalkthroughResource {

    public record Tick(Boolean done, String note, Boolean notApplicable) {
    }

    @Inject
    private WalkthroughService walkthroughs;

    @Inject
    private IncidentService incidents;

    @GET
    public String get(@PathParam("ref") String ref) {
        Incident incident = incidents.find(ref).orElseThrow(NotFoundException::new);
        WalkthroughService.Checklist checklist = walkthroughs.checklist(incident).orElseThrow(NotFoundException::new);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", checklist.version().getNumber());
        body.put("commitId", checklist.version().getCommitId());
        body.put("items", checklist.items().stream().map(i -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", i.item().key());
            item.put("phase", i.phase());
            item.put("text", i.item().text());
            item.put("action", i.item().action());
            item.put("done", i.done());
            item.put("status", i.status());
            item.put("reason", i.reason());
            item.put("by", i.by());
            item.put("at", i.at());
            item.put("notes", i.notes().size());
            return item;
        }).toList());
        return CanonicalJson.write(body);
    }

    @POST
    @Path("items/{key}")
    public String tick(@PathParam("ref") String ref, @PathParam("key") String key, Tick tick) {
        return CanonicalJson.write((Boolean.TRUE.equals(tick.notApplicable())
                ? walkthroughs.notApplicable(ref, key, tick.note()) : tick.done() == null
                ? walkthroughs.annotate(ref, key, tick.note())
                : walkthroughs.tick(ref, key, tick.done(), tick.note())).snapshot());
    }
}
