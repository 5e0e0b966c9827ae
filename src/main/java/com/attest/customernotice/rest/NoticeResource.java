package com.attest.customernotice.rest;

import com.attest.customernotice.CustomerNotice;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.DeliveryMethod;
import com.attest.customernotice.NoticeDelivery;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.rest.Upload;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A customer notice over HTTP, with the same rules as its page: {@code GET /api/notices/{id}} (text, e-mail body,
 * decisions, delivery with Graph's request id); {@code POST …/text} {@code {"version","subject","text"}};
 * {@code POST …/submit|approve|reject} {@code {"version","comment"}}; {@code POST …/send}
 * {@code {"version","contacts":[ids]}}; {@code POST …/delivery?version=&method=&recipients=&deliveredAt=&name=}
 * with the proof file's bytes; {@code GET …/proof}.
 */
@Path("notices/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoticeResource {

    public record Text(Long version, String subject, String text) {
    }

    public record Decision(Long version, String comment) {
    }

    public record Send(Long version, List<Long> contacts) {
    }

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private NoticeDeliveryService deliveries;

    @GET
    public String get(@PathParam("id") long id) {
        return json(notices.find(id).orElseThrow(NotFoundException::new));
    }

    @POST
    @Path("text")
    public String edit(@PathParam("id") long id, Text body) {
        Text t = body == null ? new Text(null, null, null) : body;
        return json(notices.edit(id, NoticeJson.version(t.version()), t.subject(), t.text()));
    }

    @POST
    @Path("{decision: submit|approve|reject}")
    public String decide(@PathParam("id") long id, @PathParam("decision") String decision, Decision body) {
        Decision d = body == null ? new Decision(null, null) : body;
        long version = NoticeJson.version(d.version());
        return json(switch (decision) {
            case "submit" -> notices.submit(id, version);
            case "approve" -> notices.approve(id, version, d.comment());
            default -> notices.reject(id, version, d.comment());
        });
    }

    @POST
    @Path("send")
    public Response send(@PathParam("id") long id, Send body) {
        Send s = body == null ? new Send(null, null) : body;
        NoticeDelivery delivery = deliveries.send(id, NoticeJson.version(s.version()), s.contacts());
        return Response.status(Response.Status.CREATED)
                .entity(CanonicalJson.write(NoticeJson.delivery(delivery, notices))).build();
    }

    @POST
    @Path("delivery")
    @Consumes(MediaType.WILDCARD)
    @Upload
    public Response record(@PathParam("id") long id, @QueryParam("version") Long version,
                           @QueryParam("method") String method, @QueryParam("recipients") String recipients,
                           @QueryParam("deliveredAt") String deliveredAt, @QueryParam("note") String note,
                           @QueryParam("name") String name, InputStream in) throws IOException {
        DeliveryMethod how;
        try {
            how = method == null ? null : DeliveryMethod.valueOf(method.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("method", "'" + method + "' is not a delivery method: EMAIL, PHONE, LETTER,"
                    + " PORTAL or OTHER.");
        }
        byte[] proof = in.readNBytes(10 * 1024 * 1024 + 1);
        NoticeDelivery delivery = deliveries.recordDelivery(id, NoticeJson.version(version), how, recipients,
                NoticeJson.instant("deliveredAt", deliveredAt), note, name, proof);
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .entity(CanonicalJson.write(NoticeJson.delivery(delivery, notices))).build();
    }

    @GET
    @Path("proof")
    @Produces(MediaType.WILDCARD)
    public Response proof(@PathParam("id") long id) {
        NoticeDelivery d = notices.delivery(id).filter(x -> x.getProof() != null).orElseThrow(NotFoundException::new);
        return Response.ok(d.getProof(), d.getProofContentType())
                .header("Content-Disposition", "attachment; filename=\"notice-" + id + "-"
                        + d.getProofFilename().replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .header("X-Content-SHA256", d.getProofSha256())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "no-store").build();
    }

    private String json(CustomerNotice notice) {
        return CanonicalJson.write(NoticeJson.notice(notice, notices, true));
    }
}
