package com.attest.intake;

import com.attest.incident.Classification;
import com.attest.incident.Incident;
import com.attest.incident.IncidentDeclared;
import com.attest.incident.IncidentEnded;
import com.attest.incident.IncidentOwnerChanged;
import com.attest.incident.Source;
import com.attest.incident.Status;
import com.attest.incident.SystemActor;
import com.attest.incident.TimelineService;
import com.attest.oncall.OutboxService;
import com.attest.oncall.SentinelWriter;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps a linked Microsoft Sentinel incident's life in step with the portal's: declaring or giving the incident to
 * another owner sets it Active with that owner; resolving or closing it sets it Closed with the closing step's
 * classification and reason, and a comment with the portal's reference and link; linking it adds a comment
 * "Tracked in Attest as INC-…". Each is queued in the transaction of the change, through the one outbox, and written
 * after commit. A change that came from Sentinel itself (intake's Sentinel actor) is never written back: no loop.
 */
@ApplicationScoped
public class SentinelWriteBacks {

    static final String FROM_SENTINEL = IntakeService.actorFor(Source.SENTINEL).name();
    static final SystemActor ACTOR = new SystemActor("system:sentinel");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private OutboxService outbox;

    @Inject
    private UserService users;

    @Inject
    private TimelineService timelines;

    @Inject
    private com.attest.azure.AzureClients azure;

    @Inject
    @ConfigProperty(name = "attest.portal.url", defaultValue = "http://localhost:8080")
    private String portalUrl;

    void declared(@Observes IncidentDeclared event) {
        owned(event.incident(), event.incident().getOwner(), event.by(), "sentinel-declare", "declared");
    }

    void ownerChanged(@Observes IncidentOwnerChanged event) {
        owned(event.incident(), event.owner(), event.by(), "sentinel-assign", "owner changed");
    }

    void ended(@Observes IncidentEnded event) {
        Incident incident = event.incident();
        if (FROM_SENTINEL.equals(event.by())) {
            return;
        }
        List<String> targets = targets(incident);
        if (targets.isEmpty()) {
            return;
        }
        Classification classification = incident.getClassification() != null ? incident.getClassification()
                : incident.getStatus() == Status.FALSE_POSITIVE ? Classification.FALSE_POSITIVE
                : Classification.UNDETERMINED;
        String word = switch (incident.getStatus()) {
            case RESOLVED -> "Resolved";
            case FALSE_POSITIVE -> "Closed as a false positive";
            case DUPLICATE -> "Closed as a duplicate of " + incident.getDuplicateOf();
            default -> "Closed";
        };
        String comment = word + " in Attest as " + incident.getReference() + " (" + classification.sentinel()
                + (incident.getClassificationReason() == null ? "" : ", " + incident.getClassificationReason())
                + "): " + link(incident);
        JsonObjectBuilder properties = Json.createObjectBuilder().add("status", "Closed")
                .add("classification", classification.sentinel())
                .add("classificationComment", "Closed in Attest as " + incident.getReference());
        if (incident.getClassificationReason() != null) {
            properties.add("classificationReason", incident.getClassificationReason());
        }
        var body = properties.build();
        for (String target : targets) {
            outbox.writeBack(incident.getId(), target, "sentinel-close", "Closed, " + classification.sentinel()
                            + " (" + word.toLowerCase(java.util.Locale.ROOT) + " here)",
                    SentinelWriter.body(body, UUID.randomUUID().toString(), comment), event.by());
        }
    }

    /** A Sentinel incident was linked to a portal incident (imported or delivered): say so in Sentinel. */
    void linked(Incident incident, String target, String by) {
        outbox.writeBack(incident.getId(), target, "sentinel-link", "Comment: tracked as " + incident.getReference(),
                SentinelWriter.body(null, UUID.nameUUIDFromBytes(("attest-link:" + target).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).toString(),
                        "Tracked in Attest as " + incident.getReference() + ": " + link(incident)), by);
    }

    private void owned(Incident incident, String owner, String by, String purpose, String why) {
        if (FROM_SENTINEL.equals(by) || owner == null) {
            return;
        }
        List<String> targets = targets(incident);
        if (targets.isEmpty()) {
            return;
        }
        String upn = users.find(owner).map(SentinelService::upn).orElse(null);
        if (upn == null) {
            timelines.note(ACTOR, incident, clock.instant(), null, "Not written back to Microsoft Sentinel: owner "
                    + owner + " has no UPN or e-mail address Sentinel could assign.");
            return;
        }
        for (String target : targets) {
            outbox.writeBack(incident.getId(), target, purpose, "Active, owner " + upn + " (" + why + " here)",
                    SentinelWriter.body(SentinelService.owner(upn), null, null), by);
        }
    }

    /** The ARM ids of the Sentinel incidents linked to the incident, in the configured Sentinel workspaces. */
    private List<String> targets(Incident incident) {
        return em.createQuery("SELECT a.externalId FROM Alert a WHERE a.incidentId = :incident AND a.source = :source"
                        + " ORDER BY a.id", String.class)
                .setParameter("incident", incident.getId()).setParameter("source", Source.SENTINEL).getResultList()
                .stream().filter(this::writable).toList();
    }

    /** Whether the portal writes to this Sentinel incident: it lies in a configured Sentinel workspace. */
    boolean writable(String target) {
        return azure.settings().sentinelWorkspaceOf(target).isPresent();
    }

    private String link(Incident incident) {
        return portalUrl.strip().replaceAll("/+$", "") + "/incidents/view.xhtml?ref=" + incident.getReference();
    }
}
