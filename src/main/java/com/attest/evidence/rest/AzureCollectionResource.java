package com.attest.evidence.rest;

import com.attest.evidence.AzureCollection;
import com.attest.evidence.AzureCollectionService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.security.Caller;
import com.attest.security.Role;
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
import java.util.List;
import java.util.Map;

/**
 * Azure evidence collections over HTTP (compliance lead): {@code POST /api/evidence/azure-collections}
 * {@code {"from":"2026-12-01","to":"2026-12-01"}} collects every kind and scope of those days now;
 * {@code GET …/azure-collections} lists the recent ones; {@code GET …/azure-collections/{id}/pages} lists a
 * collection's pages (URL, status, x-ms-request-id, SHA-256, size, records); {@code GET …/azure-collections/records
 * ?kind=DEFENDER_ALERTS&from=&to=} the records collected for those days, with their Azure ids and source pages.
 */
@Path("evidence/azure-collections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AzureCollectionResource {

    public record Range(String from, String to) {
    }

    @Inject
    private AzureCollectionService collections;

    @Inject
    private Caller caller;

    @POST
    public String collect(Range range) {
        caller.require("collect Azure evidence", Role.COMPLIANCE_LEAD);
        List<AzureCollection> made = collections.collect(InvalidInput.date("collectFrom", range == null ? null
                : range.from()), InvalidInput.date("collectTo", range == null ? null : range.to()));
        return CanonicalJson.write(Map.of("collections", made.stream().map(AzureCollectionResource::json).toList()));
    }

    @GET
    public String recent() {
        caller.require("read Azure collections", Role.COMPLIANCE_LEAD);
        return CanonicalJson.write(Map.of("collections", collections.recent(100).stream()
                .map(AzureCollectionResource::json).toList()));
    }

    @GET
    @Path("records")
    public String records(@jakarta.ws.rs.QueryParam("kind") String kind, @jakarta.ws.rs.QueryParam("from") String from,
                          @jakarta.ws.rs.QueryParam("to") String to) {
        caller.require("read Azure collections", Role.COMPLIANCE_LEAD);
        AzureCollection.Kind k;
        try {
            k = AzureCollection.Kind.valueOf(kind == null ? "" : kind.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", "'" + kind + "' is not DEFENDER_ALERTS, SENTINEL_INCIDENTS or PLAYBOOK_RUNS.");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        java.time.LocalDate f = errors.date("from", from);
        java.time.LocalDate t = errors.date("to", to);
        if (f == null && !errors.has("from")) {
            errors.add("from", "Give the first day.");
        }
        if (t == null && !errors.has("to")) {
            errors.add("to", "Give the last day.");
        }
        errors.throwIfAny();
        return CanonicalJson.write(Map.of("records", collections.collected(k, f, t).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("azureId", r.azureId());
            m.put("name", r.name());
            m.put("collectionId", r.collectionId());
            m.put("pageId", r.pageId());
            m.put("pageSha256", r.pageSha256());
            return m;
        }).toList()));
    }

    @GET
    @Path("{id}/pages")
    public String pages(@PathParam("id") long id) {
        caller.require("read Azure collections", Role.COMPLIANCE_LEAD);
        collections.find(id).orElseThrow(NotFoundException::new);
        return CanonicalJson.write(Map.of("pages", collections.pages(id).stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("seq", p.seq());
            m.put("what", p.what());
            m.put("method", p.method());
            m.put("url", p.url());
            m.put("status", p.status());
            m.put("requestId", p.requestId());
            m.put("sha256", p.sha256());
            m.put("sizeBytes", p.sizeBytes());
            m.put("records", p.records());
            return m;
        }).toList()));
    }

    private static Map<String, Object> json(AzureCollection c) {
        Map<String, Object> m = new LinkedHashMap<>(c.snapshot());
        m.put("id", c.getId());
        m.put("scopeLabel", c.getScopeLabel());
        return m;
    }
}
