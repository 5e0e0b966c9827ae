package com.attest.intake;

import com.attest.azure.AzureCall;
import com.attest.azure.AzureClients;
import com.attest.azure.AzureFailure;
import com.attest.azure.CallLog;
import com.attest.azure.SentinelApi;
import com.attest.azure.SentinelWorkspace;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.incident.Source;
import com.attest.incident.SystemActor;
import com.attest.incident.TimelineService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.AuditTrail;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.User;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft Sentinel from the portal: a workspace's incidents listed through Resource Manager (the policy's High +
 * Active by default), each saying whether a portal incident tracks it; an incident imported exactly as a Sentinel
 * playbook's delivery would bring it in (the same alert identity, the same correlation, never twice); and a
 * responder assigned to it, written to Sentinel with the etag the person saw, so a change made in Sentinel meanwhile
 * is shown rather than overwritten. Responders and the compliance lead only.
 */
@ApplicationScoped
@Transactional
public class SentinelService {

    /** Incidents per page of the list. */
    public static final int PAGE = 25;
    static final SystemActor IMPORT = IntakeService.actorFor(Source.SENTINEL);

    /** One listed incident and the portal incident tracking it, if any. */
    public record Row(SentinelApi.Incident incident, String reference) {
    }

    /** A page of the list and the link to the next one (null on the last). */
    public record Listing(List<Row> rows, String nextLink) {
    }

    /**
     * What an assignment did: written (the incident as Sentinel now has it), or refused with 412 because it changed
     * in Sentinel meanwhile ({@code incident} is then as it is now, re-read).
     */
    public record Assigned(boolean conflict, SentinelApi.Incident incident, String owner, String reference) {
    }

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private AzureClients azure;

    @Inject
    private SentinelApi sentinel;

    @Inject
    private IntakeService intake;

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private UserService users;

    @Inject
    private AuditTrail audit;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SentinelWorkspace> workspaces() {
        return azure.settings().sentinelWorkspaces();
    }

    /** The incidents of a workspace matching the severities and statuses (any of each; none chosen = all). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Listing list(String workspaceName, List<String> severities, List<String> statuses, String nextLink) {
        caller.require("list Sentinel incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        SentinelWorkspace workspace = workspace(workspaceName);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        words(errors, "severity", severities, SentinelApi.SEVERITIES);
        words(errors, "status", statuses, SentinelApi.STATUSES);
        if (nextLink != null && !nextLink.startsWith(AzureClients.ARM_ENDPOINT + "/")) {
            errors.add("workspace", "The next page's link does not lead to Azure Resource Manager.");
        }
        errors.throwIfAny();
        SentinelApi.Page page;
        try {
            page = sentinel.list(workspace, SentinelApi.filter(severities, statuses), PAGE, nextLink, CallLog.NONE);
        } catch (AzureFailure e) {
            throw new InvalidInput("workspace", e.getMessage());
        }
        Map<String, String> linked = linked(page.incidents().stream().map(SentinelApi.Incident::id).toList());
        List<Row> rows = new ArrayList<>();
        for (SentinelApi.Incident i : page.incidents()) {
            rows.add(new Row(i, i.id() == null ? null : linked.get(i.id().toLowerCase(Locale.ROOT))));
        }
        return new Listing(rows, page.nextLink());
    }

    /**
     * Opens or joins a portal incident for a Sentinel incident, as its playbook's delivery would: the incident as
     * Sentinel has it now, through intake. Importing a linked incident again changes nothing.
     */
    public Receipt importIncident(String workspaceName, String incidentName) {
        caller.require("import Sentinel incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        SentinelWorkspace workspace = workspace(workspaceName);
        String name = name(incidentName);
        SentinelApi.Incident read;
        try {
            read = sentinel.get(workspace, name, CallLog.NONE);
        } catch (AzureFailure e) {
            throw new InvalidInput("incident", e.getMessage());
        }
        byte[] body = read.json().toString().getBytes(StandardCharsets.UTF_8);
        ReceivedAlert alert = AlertPayloads.parse(Source.SENTINEL, AlertPayloads.read(body), clock.instant());
        Delivery delivery = Delivery.of(body, "application/json", caller.name(), "imported from Sentinel workspace "
                + workspace.name());
        return intake.receive(alert, delivery);
    }

    /**
     * Assigns a responder (their UPN or e-mail) and sets the incident Active in Sentinel, over the incident as the
     * person saw it ({@code etagSeen}): a 412 comes back as a conflict with the incident as it is now. A portal
     * incident tracking it takes the same owner; its timeline keeps the call.
     */
    public Assigned assign(String workspaceName, String incidentName, String etagSeen, String username) {
        caller.require("assign Sentinel incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        SentinelWorkspace workspace = workspace(workspaceName);
        String name = name(incidentName);
        String key = username == null ? "" : username.strip();
        Optional<User> user = key.isEmpty() ? Optional.empty() : users.findHandler(key);
        if (user.isEmpty()) {
            throw new InvalidInput("assignee", key.isEmpty() ? "Choose the responder to assign."
                    : "'" + key + "' is not an active responder or compliance lead.");
        }
        String upn = upn(user.get());
        if (upn == null) {
            throw new InvalidInput("assignee", "Responder '" + user.get().getUsername() + "' has no UPN or e-mail"
                    + " address to assign in Sentinel.");
        }
        List<AzureCall> calls = new ArrayList<>();
        SentinelApi.Written written;
        try {
            SentinelApi.Incident read = sentinel.get(workspace, name, calls::add);
            if (etagSeen != null && !etagSeen.isBlank() && !etagSeen.equals(read.etag())) {
                // what the person saw is not what Sentinel has: the same answer as Azure's 412, without a write
                return new Assigned(true, read, upn, linked(read.id()));
            }
            written = sentinel.update(workspace, read, owner(upn), calls::add);
            if (written.conflict()) {
                return new Assigned(true, sentinel.get(workspace, name, calls::add), upn, linked(read.id()));
            }
        } catch (AzureFailure e) {
            throw new InvalidInput("assignee", e.getMessage());
        }
        SentinelApi.Incident now = written.incident();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("incident", now.id());
        after.put("owner", upn);
        after.put("status", now.status());
        after.put("etagBefore", written.etagBefore());
        after.put("etagAfter", written.etagAfter());
        after.put("requestId", written.requestId());
        audit.record("sentinel.assigned", "SentinelIncident", name, null, after);
        String reference = linked(now.id());
        if (reference != null) {
            Incident incident = incidents.find(reference).orElseThrow();
            if (incident.getStatus().isOpen()) {
                incidents.assign(reference, incident.getVersion(), user.get().getUsername());
            }
            timelines.note(new SystemActor(caller.name()), incident, clock.instant(), null, "Sentinel incident "
                    + (now.number() == null ? name : "#" + now.number()) + " assigned to " + upn
                    + " and set Active by " + caller.name() + ": PUT " + workspace.incidentId(name) + "?api-version="
                    + SentinelApi.API + " → " + written.status()
                    + (written.requestId() == null ? "" : ", x-ms-request-id " + written.requestId())
                    + ", etag " + written.etagBefore() + " → " + written.etagAfter());
        }
        return new Assigned(false, now, upn, reference);
    }

    /** The owner and status an assignment writes: {"owner":{"assignedTo":UPN,…},"status":"Active"}. */
    public static JsonObject owner(String upn) {
        return Json.createObjectBuilder()
                .add("owner", Json.createObjectBuilder().add("assignedTo", upn).add("userPrincipalName", upn))
                .add("status", "Active").build();
    }

    /** A person's UPN or e-mail address, as Sentinel knows them; null when they have neither. */
    static String upn(User user) {
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            return user.getEmail().strip().toLowerCase(Locale.ROOT);
        }
        return user.getUsername().contains("@") ? user.getUsername() : null;
    }

    /** The reference of the portal incident tracking the Sentinel incident {@code id}, or null. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String linked(String id) {
        return id == null ? null : linked(List.of(id)).get(id.toLowerCase(Locale.ROOT));
    }

    private Map<String, String> linked(List<String> ids) {
        List<String> keys = ids.stream().filter(java.util.Objects::nonNull).map(i -> i.toLowerCase(Locale.ROOT))
                .toList();
        Map<String, String> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        List<Object[]> rows = em.createQuery("SELECT a.externalId, i.reference FROM Alert a, Incident i"
                        + " WHERE i.id = a.incidentId AND a.source = :source AND a.externalId IN :ids", Object[].class)
                .setParameter("source", Source.SENTINEL).setParameter("ids", keys).getResultList();
        rows.forEach(r -> out.put((String) r[0], (String) r[1]));
        return out;
    }

    private SentinelWorkspace workspace(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("workspace", "Choose a Sentinel workspace.");
        }
        return azure.settings().sentinelWorkspace(name.strip()).orElseThrow(() -> new InvalidInput("workspace",
                "No Sentinel workspace '" + name.strip() + "' is configured (ATTEST_AZURE_SENTINEL_WORKSPACES)."));
    }

    private static String name(String incidentName) {
        if (incidentName == null || !SentinelApi.INCIDENT_NAME.matcher(incidentName.strip()).matches()) {
            throw new InvalidInput("incident", "'" + incidentName + "' is not a Sentinel incident name (a GUID).");
        }
        return incidentName.strip();
    }

    private static void words(InvalidInput.Collector errors, String field, List<String> chosen, List<String> known) {
        for (String w : chosen == null ? List.<String>of() : chosen) {
            if (!known.contains(w)) {
                errors.add(field, "'" + w + "' is not a Sentinel " + field + " (" + String.join(", ", known) + ").");
                return;
            }
        }
    }
}
