package com.attest.engagement.rest;

import com.attest.engagement.AuditorRequest;
import com.attest.engagement.AuditorRequestFile;
import com.attest.engagement.AuditorRequestService;
import com.attest.engagement.Engagement;
import com.attest.engagement.EngagementService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.rest.Upload;
import com.attest.runbook.FileKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The auditor's request list over HTTP. An auditor of an open engagement: {@code POST /api/requests}
 * {@code {"engagement", "title", "text", "incident", "control", "due"}}, {@code POST …/{id}/accept}
 * {@code {"version"}}, {@code POST …/{id}/follow-up} {@code {"version", "text"}}. The lead:
 * {@code POST …/{id}/assign} {@code {"version", "assignee"}}. The lead or the responder assigned:
 * {@code POST …/{id}/answer} {@code {"version", "text", "evidence": [evidence item ids]}}, or
 * {@code POST …/{id}/answer/file?version=…&name=…&dated=…} with a new file's raw bytes (the day it documents within the
 * period). Whoever may see it: {@code GET …/{id}} (with its thread), {@code GET …/{id}/files/{file}} (a file attached
 * to an answer), {@code GET /api/requests/engagement/{id}.json|.csv} (the list).
 */
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuditorRequestResource {

    public record File(Long engagement, String title, String text, String incident, String control, String due) {
    }

    public record Change(Long version, String assignee, String text, List<Long> evidence) {
    }

    private static final List<String> COLUMNS = List.of("id", "title", "text", "incident", "control", "dueDate",
            "state", "assignee", "filedBy", "filedAt", "messages", "evidence");

    @Inject
    private AuditorRequestService requests;

    @Inject
    private EngagementService engagements;

    @POST
    public Response file(File f) {
        if (f == null || f.engagement() == null) {
            throw new InvalidInput("engagement", "Name the engagement the request belongs to.");
        }
        engagement(f.engagement()); // another engagement is answered as if it did not exist
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate due = f.due() == null || f.due().isBlank() ? null : errors.date("due", f.due());
        errors.throwIfAny();
        AuditorRequest r = requests.file(f.engagement(), f.title(), f.text(), f.incident(), f.control(), due);
        return Response.created(URI.create("requests/" + r.getId())).entity(json(r)).build();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") long id) {
        return json(requests.visible(id).orElseThrow(NotFoundException::new));
    }

    @POST
    @Path("{id}/assign")
    public String assign(@PathParam("id") long id, Change c) {
        return json(requests.assign(id, version(c), c.assignee()));
    }

    @POST
    @Path("{id}/answer")
    public String answer(@PathParam("id") long id, Change c) {
        visible(id);
        return json(requests.answer(id, version(c), c.text(), c.evidence()));
    }

    /** An answer that attaches one new file, sent as its raw bytes; it is registered as evidence and linked. */
    @POST
    @Path("{id}/answer/file")
    @Consumes(MediaType.WILDCARD)
    @Upload
    public String answerWithFile(@PathParam("id") long id, @QueryParam("version") Long version,
                                 @QueryParam("name") String name, @QueryParam("dated") String dated, InputStream in)
            throws IOException {
        visible(id);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate day = dated == null || dated.isBlank() ? null : errors.date("dated", dated);
        errors.throwIfAny();
        byte[] body = in.readNBytes(FileKind.MAX_BYTES + 1);
        return json(requests.answer(id, version(new Change(version, null, null, null)), null, List.of(),
                List.of(new AuditorRequestService.NewFile(name, body, day))));
    }

    /** A file attached to one of the request's answers, for whoever may see the request, as a download. */
    @GET
    @Path("{id}/files/{file}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") long id, @PathParam("file") long fileId) {
        AuditorRequest r = requests.visible(id).orElseThrow(NotFoundException::new);
        AuditorRequestFile f = requests.file(r, fileId).orElseThrow(NotFoundException::new);
        String safe = f.getFilename().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(f.getBody(), f.getContentType())
                .header("Content-Disposition", "attachment; filename=\"" + safe + "\"")
                .header("X-Content-SHA256", f.getSha256())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{id}/accept")
    public String accept(@PathParam("id") long id, Change c) {
        visible(id);
        return json(requests.accept(id, version(c)));
    }

    @POST
    @Path("{id}/follow-up")
    public String followUp(@PathParam("id") long id, Change c) {
        visible(id);
        return json(requests.followUp(id, version(c), c.text()));
    }

    @GET
    @Path("engagement/{id}.json")
    public String listJson(@PathParam("id") long id) {
        return CanonicalJson.write(Map.of("engagement", id, "requests", requests.export(engagement(id))));
    }

    @GET
    @Path("engagement/{id}.csv")
    @Produces("text/csv")
    public Response listCsv(@PathParam("id") long id) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Map<String, Object> row : requests.export(engagement(id))) {
            csv.append(COLUMNS.stream().map(c -> cell(row.get(c))).collect(Collectors.joining(","))).append("\r\n");
        }
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"requests-engagement-" + id + ".csv\"").build();
    }

    private String json(AuditorRequest r) {
        Map<String, Object> body = r.snapshot();
        body.put("version", r.getVersion());
        body.put("thread", requests.thread(r).stream().map(m -> m.snapshot()).toList());
        return CanonicalJson.write(body);
    }

    private void visible(long id) {
        requests.visible(id).orElseThrow(NotFoundException::new);
    }

    private Engagement engagement(long id) {
        return engagements.visible(id).orElseThrow(NotFoundException::new);
    }

    private static long version(Change c) {
        if (c == null || c.version() == null) {
            throw new InvalidInput("version", "Send the version of the request you saw.");
        }
        return c.version();
    }

    private static String cell(Object value) {
        String s = value == null ? "" : value instanceof List<?> l ? l.stream().map(String::valueOf)
                .collect(Collectors.joining(" ")) : String.valueOf(value);
        // a cell a spreadsheet would run as a formula is quoted as text
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
