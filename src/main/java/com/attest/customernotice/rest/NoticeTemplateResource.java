package com.attest.customernotice.rest;

import com.attest.customernotice.ApprovalPolicy;
import com.attest.customernotice.ApproverRole;
import com.attest.customernotice.NoticeTemplateService;
import com.attest.customernotice.NoticeTemplateVersion;
import com.attest.customernotice.Placeholders;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notice templates and approvers over HTTP: {@code GET /api/notice-templates} (every template with all its versions,
 * and the placeholders); the compliance lead adds a template ({@code POST /api/notice-templates}
 * {@code {"name","subject","body"}}) or a version ({@code POST …/{id}/versions} {@code {"subject","body"}});
 * {@code GET|POST /api/notice-templates/approvers} {@code {"approvers":{"LEGAL":user,"CISO":…,"CEO":…},
 * "approval":"ANY"|"ALL"}}.
 */
@Path("notice-templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoticeTemplateResource {

    public record TemplateBody(String name, String subject, String body) {
    }

    public record Approvers(Map<ApproverRole, String> approvers, ApprovalPolicy approval) {
    }

    @Inject
    private NoticeTemplateService templates;

    @GET
    public String list() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("placeholders", Placeholders.KNOWN);
        body.put("templates", templates.templates().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.getId());
            m.put("name", t.getName());
            m.put("versions", templates.versions(t.getId()).stream().map(NoticeTemplateResource::json).toList());
            return m;
        }).toList());
        return CanonicalJson.write(body);
    }

    @POST
    public Response add(TemplateBody b) {
        TemplateBody body = b == null ? new TemplateBody(null, null, null) : b;
        return created(templates.save(null, body.name(), body.subject(), body.body()));
    }

    @POST
    @Path("{id: [0-9]+}/versions")
    public Response version(@PathParam("id") long id, TemplateBody b) {
        TemplateBody body = b == null ? new TemplateBody(null, null, null) : b;
        return created(templates.save(id, null, body.subject(), body.body()));
    }

    @GET
    @Path("approvers")
    public String approvers() {
        return CanonicalJson.write(Map.of("approvers", templates.approvers(), "approval", templates.policy()));
    }

    @POST
    @Path("approvers")
    public String configure(Approvers body) {
        if (body == null) {
            throw new InvalidInput("approval", "A request body is required.");
        }
        templates.configureApprovers(body.approvers() == null ? new EnumMap<>(ApproverRole.class) : body.approvers(),
                body.approval());
        return approvers();
    }

    private static Response created(NoticeTemplateVersion v) {
        return Response.status(Response.Status.CREATED).entity(CanonicalJson.write(json(v))).build();
    }

    private static Map<String, Object> json(NoticeTemplateVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.getId());
        m.putAll(v.snapshot());
        m.put("createdAt", v.getCreatedAt());
        m.put("createdBy", v.getCreatedBy());
        return m;
    }
}
