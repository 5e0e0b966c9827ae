package com.attest.customernotice.rest;

import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident's customer notification over HTTP: {@code GET /api/incidents/{ref}/notices} (the clock — null when
 * customers need not be told — and the notices), {@code POST …/notices} with {@code {"templateVersion",
 * "customers":[ids]}} (a draft, 201). See {@link NoticeResource} for a notice itself.
 */
@Path("incidents/{ref}/notices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentNoticeResource {

    public record Draft(Long templateVersion, List<Long> customers) {
    }

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private NoticeDeliveryService deliveries;

    @Inject
    private IncidentService incidents;

    @GET
    public String list(@PathParam("ref") String ref) {
        Incident incident = incidents.find(ref).orElseThrow(NotFoundException::new);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", incident.getReference());
        body.put("clock", deliveries.clock(incident).map(NoticeJson::clock).orElse(null));
        body.put("notices", notices.of(incident).stream().map(n -> NoticeJson.notice(n, notices, false)).toList());
        return CanonicalJson.write(body);
    }

    @POST
    public Response draft(@PathParam("ref") String ref, Draft draft) {
        if (draft == null) {
            throw new InvalidInput("template", "A request body is required.");
        }
        CustomerNotice notice = notices.draft(ref, draft.templateVersion(), draft.customers());
        return Response.status(Response.Status.CREATED)
                .entity(CanonicalJson.write(NoticeJson.notice(notice, notices, true))).build();
    }
}
