package com.attest.pir.rest;

import com.attest.actionitem.ActionItem;
import com.attest.calendar.CalendarService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.pir.Pir;
import com.attest.pir.PirForm;
import com.attest.pir.PirPdf;
import com.attest.pir.PirReminderService;
import com.attest.pir.PirService;
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
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Post-incident reviews over HTTP: {@code GET /api/pirs/{id}} or {@code /api/pirs/incident/{ref}}; {@code POST …/{id}} (save the draft),
 * {@code …/{id}/submit}, {@code …/{id}/approve}, {@code …/{id}/return} with {@code {"version", "form", "items",
 * "comment"}}; {@code GET …/{id}/pdf} (approved reviews); {@code POST /api/pirs/reminders} (the compliance lead
 * sends the reminders due now, as the quarter-hourly sweep does).
 */
@Path("pirs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PirResource {

    public record Item(Long id, String description, String owner, LocalDate dueOn, String status) {
    }

    public record Form(String timeline, String rootCause, String systemsAffected, String dataInvolved,
                       Boolean customersNotified, String containmentActions, String eradicationActions,
                       String recoveryActions, Boolean notificationRequired, LocalDate notificationDate,
                       String notificationMethod) {
    }

    public record Change(Long version, Form form, List<Item> items, String comment) {
    }

    @Inject
    private PirService pirs;

    @Inject
    private PirReminderService reminders;

    @Inject
    private IncidentService incidents;

    @Inject
    private com.attest.runbook.WalkthroughService walkthroughs;

    @Inject
    private CalendarService calendars;

    @Inject
    private Caller caller;

    @Inject
    @ConfigProperty(name = "attest.organisation", defaultValue = "Your organisation")
    private String organisation;

    @GET
    @Path("{id}")
    public String get(@PathParam("id") long id) {
        Pir pir = pirs.find(id).orElseThrow(NotFoundException::new);
        Map<String, Object> body = pir.snapshot();
        body.put("version", pir.getVersion());
        body.put("reference", incidents.byId(pir.getIncidentId()).map(Incident::getReference).orElse(null));
        body.put("actionItems", pirs.items(pir).stream().map(ActionItem::snapshot).toList());
        body.put("reminders", reminders.reminders(pir).stream().map(r -> Map.of("kind", r.getKind().name(),
                "forDay", r.getForDay().toString(), "recipient", r.getRecipient(),
                "emailed", r.getNotificationId() != null)).toList());
        return CanonicalJson.write(body);
    }

    @GET
    @Path("incident/{ref}")
    public String ofIncident(@PathParam("ref") String ref) {
        Incident incident = incidents.find(ref).orElseThrow(NotFoundException::new);
        return get(pirs.of(incident).orElseThrow(NotFoundException::new).getId());
    }

    @POST
    @Path("{id}")
    public String save(@PathParam("id") long id, Change change) {
        return CanonicalJson.write(pirs.save(id, version(change), form(change), items(change)).snapshot());
    }

    @POST
    @Path("{id}/submit")
    public String submit(@PathParam("id") long id, Change change) {
        return CanonicalJson.write(pirs.submit(id, version(change), form(change), items(change)).snapshot());
    }

    @POST
    @Path("{id}/approve")
    public String approve(@PathParam("id") long id, Change change) {
        return CanonicalJson.write(pirs.approve(id, version(change), change.comment()).snapshot());
    }

    @POST
    @Path("{id}/return")
    public String giveBack(@PathParam("id") long id, Change change) {
        return CanonicalJson.write(pirs.giveBack(id, version(change), change.comment()).snapshot());
    }

    @GET
    @Path("{id}/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("id") long id) {
        Pir pir = pirs.find(id).filter(p -> p.getState() == Pir.State.APPROVED).orElseThrow(NotFoundException::new);
        Incident incident = incidents.byId(pir.getIncidentId()).orElseThrow();
        byte[] pdf = PirPdf.render(pir, pirs.items(pir), incident, calendars.zone(), organisation,
                com.attest.pir.ReviewEvidence.of(incident, walkthroughs));
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"pir-" + incident.getReference() + ".pdf\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("reminders")
    public String remind() {
        caller.require("send reminders", Role.COMPLIANCE_LEAD);
        return CanonicalJson.write(Map.of("sent", reminders.remind()));
    }

    private static long version(Change change) {
        if (change == null || change.version() == null) {
            throw new InvalidInput("version", "Send the review's version as you saw it.");
        }
        return change.version();
    }

    private static PirForm form(Change change) {
        Form f = change.form() == null ? new Form(null, null, null, null, null, null, null, null, null, null, null)
                : change.form();
        return new PirForm(f.timeline(), f.rootCause(), f.systemsAffected(), f.dataInvolved(),
                Boolean.TRUE.equals(f.customersNotified()), f.containmentActions(), f.eradicationActions(),
                f.recoveryActions(), Boolean.TRUE.equals(f.notificationRequired()), f.notificationDate(),
                f.notificationMethod());
    }

    private static List<ActionItem.Item> items(Change change) {
        if (change.items() == null) {
            return List.of();
        }
        return change.items().stream().map(i -> {
            ActionItem.Status status;
            try {
                status = i.status() == null ? null : ActionItem.Status.valueOf(i.status());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("items", "'" + i.status() + "' is not a status (OPEN, IN_PROGRESS, DONE).");
            }
            return new ActionItem.Item(i.id(), i.description(), i.owner(), i.dueOn(), status);
        }).toList();
    }
}
