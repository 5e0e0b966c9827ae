package com.attest.exercise.rest;

import com.attest.actionitem.ActionItem;
import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseAttachment;
import com.attest.exercise.ExerciseForm;
import com.attest.exercise.ExerciseSchedule;
import com.attest.exercise.ExerciseService;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ExerciseService over HTTP: {@code GET /api/exercises} (list and schedule), {@code GET …/{id}}; {@code POST
 * /api/exercises} (record) and {@code POST …/{id}} (save a draft, with the {@code version} seen) with {@code
 * {"heldAt", "kind", "title", "scenario", "runbookVersion", "facilitator", "attendance", "timeline", "findings",
 * "items"}}; {@code POST …/{id}/sign-off} {@code {"version"}}; {@code POST …/{id}/attachments?name=…} with the
 * raw bytes, {@code GET …/{id}/attachments/{file}} as a sandboxed download; {@code POST
 * /api/exercises/items/{item}} {@code {"status"}}.
 */
@Path("exercises")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExerciseResource {

    public record Attendee(String username, String externalName, String role, Boolean attended) {
    }

    public record Line(String at, String text) {
    }

    public record Item(String description, String owner, LocalDate dueOn, String status) {
    }

    public record Change(Long version, String heldAt, String kind, String title, String scenario,
                         Long runbookVersion, String facilitator, List<Attendee> attendance, List<Line> timeline,
                         List<String> findings, List<Item> items) {
    }

    public record Move(String status) {
    }

    @Inject
    private ExerciseService exercises;

    @GET
    public String list() {
        ExerciseSchedule.Due due = exercises.schedule();
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("last", due.last() == null ? null : due.last().toString());
        schedule.put("nextDue", due.next().toString());
        schedule.put("state", due.state().name());
        body.put("schedule", schedule);
        body.put("exercises", exercises.all().stream().map(e -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", e.getId());
            s.put("heldAt", e.getHeldAt());
            s.put("kind", e.getKind().name());
            s.put("title", e.getTitle());
            s.put("runbookVersion", exercises.runbookVersion(e).map(v -> v.getNumber() + " " + v.getCommitId())
                    .orElse(null));
            s.put("state", e.getState().name());
            s.put("signedOffBy", e.getSignedOffBy());
            return s;
        }).toList());
        return CanonicalJson.write(body);
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") long id) {
        Exercise exercise = exercises.find(id).orElseThrow(NotFoundException::new);
        Map<String, Object> body = exercises.snapshot(exercise);
        body.put("version", exercise.getVersion());
        body.put("attachments", exercises.attachments(exercise).stream().map(ExerciseAttachment::snapshot).toList());
        return CanonicalJson.write(body);
    }

    @POST
    public Response record(Change change) {
        Exercise exercise = exercises.record(form(change));
        return Response.status(Response.Status.CREATED).entity(get(exercise.getId())).build();
    }

    @POST
    @Path("{id}")
    public String save(@PathParam("id") long id, Change change) {
        exercises.save(id, version(change), form(change));
        return get(id);
    }

    @POST
    @Path("{id}/sign-off")
    public String signOff(@PathParam("id") long id, Change change) {
        exercises.signOff(id, version(change));
        return get(id);
    }

    @POST
    @Path("{id}/attachments")
    @Consumes(MediaType.WILDCARD)
    @Upload
    public Response attach(@PathParam("id") long id, @QueryParam("name") String name, InputStream in)
            throws IOException {
        byte[] body = in.readNBytes(com.attest.runbook.FileKind.MAX_BYTES + 1);
        ExerciseAttachment a = exercises.attach(id, name, body);
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .entity(CanonicalJson.write(a.snapshot())).build();
    }

    @GET
    @Path("{id}/attachments/{file}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") long id, @PathParam("file") long file) {
        Exercise exercise = exercises.find(id).orElseThrow(NotFoundException::new);
        ExerciseAttachment a = exercises.attachment(exercise, file).orElseThrow(NotFoundException::new);
        String safe = a.getFilename().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(a.getBody(), a.getContentType())
                .header("Content-Disposition", "attachment; filename=\"" + safe + "\"")
                .header("X-Content-SHA256", a.getSha256())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("items/{item}")
    public String move(@PathParam("item") long item, Move move) {
        ActionItem.Status status;
        try {
            status = move == null || move.status() == null ? null : ActionItem.Status.valueOf(move.status());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "'" + move.status() + "' is not a status (OPEN, IN_PROGRESS, DONE).");
        }
        return CanonicalJson.write(exercises.move(item, status).snapshot());
    }

    private static long version(Change change) {
        if (change == null || change.version() == null) {
            throw new InvalidInput("version", "Send the exercise's version as you saw it.");
        }
        return change.version();
    }

    private static ExerciseForm form(Change c) {
        if (c == null) {
            c = new Change(null, null, null, null, null, null, null, null, null, null, null);
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Instant heldAt = null;
        if (c.heldAt() != null && !c.heldAt().isBlank()) {
            try {
                heldAt = Instant.parse(c.heldAt().strip());
            } catch (DateTimeParseException e) {
                errors.add("heldAt", "'" + c.heldAt() + "' is not an ISO-8601 instant (2026-03-11T10:00:00Z).");
            }
        }
        Exercise.Kind kind = null;
        if (c.kind() != null && !c.kind().isBlank()) {
            try {
                kind = Exercise.Kind.valueOf(c.kind().strip());
            } catch (IllegalArgumentException e) {
                errors.add("kind", "'" + c.kind() + "' is not a kind (TABLETOP, LIVE).");
            }
        }
        List<ActionItem.Item> items = c.items() == null ? List.of() : c.items().stream().map(i -> {
            ActionItem.Status status = null;
            try {
                status = i.status() == null ? null : ActionItem.Status.valueOf(i.status());
            } catch (IllegalArgumentException e) {
                errors.add("items", "'" + i.status() + "' is not a status (OPEN, IN_PROGRESS, DONE).");
            }
            return new ActionItem.Item(null, i.description(), i.owner(), i.dueOn(), status);
        }).toList();
        errors.throwIfAny();
        return new ExerciseForm(heldAt, kind, c.title(), c.scenario(), c.runbookVersion(), c.facilitator(),
                c.attendance() == null ? null : c.attendance().stream().map(a -> new ExerciseForm.Attendee(
                        a.username(), a.externalName(), a.role(), Boolean.TRUE.equals(a.attended()))).toList(),
                c.timeline() == null ? null : c.timeline().stream().map(l -> new ExerciseForm.TimelineLine(l.at(),
                        l.text())).toList(),
                c.findings(), items);
    }
}
