package com.attest.engagement;

import com.attest.calendar.CalendarService;
import com.attest.evidence.AzureCollection.Kind;
import com.attest.evidence.AzureCollectionService.Collected;
import com.attest.evidence.AzureCollectionService;
import com.attest.incident.Source;
import com.attest.incident.Status;
import com.attest.intake.AlertPayloads;
import com.attest.intake.Delivery;
import com.attest.intake.IntakeService;
import com.attest.intake.Receipt;
import com.attest.intake.ReceivedAlert;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Is the population complete? For a period, the Sentinel incidents (by the time Sentinel created them) and the
 * Defender for Cloud alerts (by the time Defender generated them) that Azure returned in the collected evidence are
 * accounted for by {@link Reconciliation}: matched to portal incidents, dispositioned, or unmatched. The compliance
 * lead records a reconciliation of an engagement's period (append-only, registered as evidence); responders and the
 * lead record dispositions; control health counts the unmatched as a CC7.3 gap.
 */
@ApplicationScoped
@Transactional
public class ReconciliationService {

    private static final int CHUNK = 1000;
    private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private Changes changes;

    @Inject
    private CalendarService calendars;

    @Inject
    private AzureCollectionService collections;

    @Inject
    private EngagementService engagements;

    @Inject
    private com.attest.intake.SentinelService sentinel;

    @Inject
    private IntakeService intake;

    @Inject
    @ConfigProperty(name = "attest.reconciliation.tolerance-minutes", defaultValue = "15")
    private int toleranceMinutes;

    /** The period's Azure items accounted for, live from the collected evidence and the portal as they are now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Reconciliation.Result compute(LocalDate from, LocalDate to) {
        ZoneId zone = calendars.zone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, List<String>> alertIds = sentinelAlertIds(from, to);
        List<Reconciliation.AzureItem> items = new ArrayList<>();
        for (Collected c : collections.collected(Kind.SENTINEL_INCIDENTS, from, to)) {
            JsonObject p = properties(c.json());
            Instant created = time(p, "createdTimeUtc");
            if (c.azureId() != null && created != null && !created.isBefore(start) && created.isBefore(end)) {
                items.add(new Reconciliation.AzureItem(Reconciliation.SENTINEL, c.azureId(), c.name(),
                        text(p, "title"), text(p, "severity"), text(p, "status"), created,
                        Optional.ofNullable(time(p, "closedTime")).orElse(time(p, "lastModifiedTimeUtc")),
                        alertIds.getOrDefault(key(c.name()), List.of()), c.pageId(), c.pageSha256()));
            }
        }
        // Defender's alert history is collected whole: an alert of the period is in a collection made since
        for (Collected c : collections.collected(Kind.DEFENDER_ALERTS, from, LAST)) {
            JsonObject p = properties(c.json());
            Instant generated = Optional.ofNullable(time(p, "timeGeneratedUtc")).orElse(time(p, "startTimeUtc"));
            if (c.azureId() != null && generated != null && !generated.isBefore(start) && generated.isBefore(end)) {
                items.add(new Reconciliation.AzureItem(Reconciliation.DEFENDER, c.azureId(),
                        Optional.ofNullable(text(p, "systemAlertId")).orElse(c.name()), text(p, "alertDisplayName"),
                        text(p, "severity"), text(p, "status"), generated, null, List.of(), c.pageId(),
                        c.pageSha256()));
            }
        }
        return Reconciliation.reconcile(items, portalAlerts(items), dispositions().stream()
                .map(PopulationDisposition::rule).toList(), tolerance());
    }

    /** The compliance lead records the reconciliation of an engagement's period; it is registered as evidence. */
    public PopulationReconciliation reconcile(long engagementId) {
        caller.require("reconcile the population", Role.COMPLIANCE_LEAD);
        Engagement e = engagements.visible(engagementId)
                .orElseThrow(() -> new InvalidInput("engagement", "No engagement " + engagementId + "."));
        Reconciliation.Result result = compute(e.getPeriodFrom(), e.getPeriodTo());
        String json = json(e, result, tolerance());
        return changes.create("population.reconciled", new PopulationReconciliation(e, result, json,
                Sha256.hex(json), caller.name(), clock.instant()));
    }

    /**
     * A responder or the lead says why an Azure item has no portal incident. Refused without a reason, for an item
     * that already has a disposition, and for a duplicate that names no incident of the portal.
     */
    public PopulationDisposition dispose(String kind, String azureId, String disposition, String reason,
                                         String duplicateOf) {
        caller.require("record dispositions", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String id = azureId == null ? "" : azureId.strip();
        if (!Reconciliation.SENTINEL.equals(kind) && !Reconciliation.DEFENDER.equals(kind)) {
            errors.add("azureId", "Say whether it is a Sentinel incident or a Defender for Cloud alert.");
        } else if (id.isEmpty()) {
            errors.add("azureId", "Give the Azure id of the incident or alert.");
        } else if (id.length() > 1000) {
            errors.add("azureId", "An Azure id is at most 1,000 characters.");
        } else {
            findDisposition(kind, id).ifPresent(d -> errors.add("azureId", "A disposition is already recorded for"
                    + " it: " + words(d.getDisposition()) + " by " + d.getRecordedBy() + " at " + d.getRecordedAt()
                    + "."));
        }
        PopulationDisposition.Kind chosen = null;
        try {
            chosen = disposition == null ? null : PopulationDisposition.Kind.valueOf(disposition);
        } catch (IllegalArgumentException ex) {
            chosen = null;
        }
        if (chosen == null) {
            errors.add("disposition", "Choose a disposition: benign, duplicate, out of scope or other.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            errors.add("reason", "Give the reason (e.g. benign, closed in Sentinel by whom and when).");
        } else if (why.length() > 2000) {
            errors.add("reason", "At most 2,000 characters.");
        }
        String duplicate = duplicateOf == null || duplicateOf.isBlank() ? null
                : duplicateOf.strip().toUpperCase(Locale.ROOT);
        if (chosen == PopulationDisposition.Kind.DUPLICATE) {
            if (duplicate == null) {
                errors.add("duplicateOf", "Name the portal incident it duplicates (e.g. INC-2026-014).");
            } else if (em.createQuery("SELECT COUNT(i) FROM Incident i WHERE i.reference = :r", Long.class)
                    .setParameter("r", duplicate).getSingleResult() == 0) {
                errors.add("duplicateOf", "There is no incident " + duplicate + ".");
            }
        } else {
            duplicate = null;
        }
        errors.throwIfAny();
        return changes.create("population.disposition-recorded", new PopulationDisposition(kind, id, chosen, why,
                duplicate, caller.name(), clock.instant()));
    }

    /**
     * Opens (or joins) a portal incident for an unmatched Azure item, through intake, its reference: a Sentinel
     * incident as an import does (read from Sentinel as it is now); a Defender for Cloud alert from the alert as its
     * collected history holds it (kept as the alert's payload, the caller and the page it came from named).
     */
    public String open(String azureId) {
        caller.require("open incidents", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Optional<Collected> alert = azureId == null ? Optional.empty()
                : collections.collected(Kind.DEFENDER_ALERTS, FIRST, LAST).stream()
                        .filter(c -> azureId.equalsIgnoreCase(c.azureId())).findFirst();
        if (alert.isPresent()) {
            return openDefenderAlert(alert.get());
        }
        com.attest.azure.SentinelWorkspace workspace = sentinel.workspaces().stream().filter(w -> w.holds(azureId))
                .findFirst().orElseThrow(() -> new InvalidInput("azureId", "No configured Sentinel workspace holds "
                        + azureId + ", and no collected Defender for Cloud alert has that id."));
        return sentinel.importIncident(workspace.name(), azureId.substring(azureId.lastIndexOf('/') + 1))
                .incidentReference();
    }

    private String openDefenderAlert(Collected c) {
        byte[] body = c.json().toString().getBytes(StandardCharsets.UTF_8);
        ReceivedAlert alert = AlertPayloads.parse(Source.DEFENDER, AlertPayloads.read(body), clock.instant());
        Receipt receipt = intake.receive(alert, Delivery.of(body, "application/json", caller.name(),
                "collected Defender alert history, page " + c.pageId()));
        if (receipt.incidentReference() == null) {
            throw new InvalidInput("azureId", "The alert was recorded without an incident: "
                    + intake.keptWhy(receipt.alertId()) + ". Record a disposition instead, or change the keep rules.");
        }
        return receipt.incidentReference();
    }

    /** An Azure item nothing accounts for yet, with the engagements (not yet over) whose period holds it. */
    public record Unaccounted(Reconciliation.Row row, List<String> engagements) {
    }

    /**
     * The Azure items of the engagements not yet over that have no portal incident and no disposition: what a
     * responder or the lead works off, each once however many engagements' periods hold it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Unaccounted> unaccounted() {
        caller.require("see the unmatched Azure items", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        Instant now = clock.instant();
        Map<String, Unaccounted> found = new LinkedHashMap<>();
        for (Engagement e : em.createNamedQuery(Engagement.ALL, Engagement.class).getResultList()) {
            if (e.getAccessTo().isAfter(now)) {
                for (Reconciliation.Row r : compute(e.getPeriodFrom(), e.getPeriodTo()).unmatched()) {
                    found.computeIfAbsent(r.kind() + "|" + r.azureId(), k -> new Unaccounted(r, new ArrayList<>()))
                            .engagements().add(e.getName());
                }
            }
        }
        return List.copyOf(found.values());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PopulationReconciliation> recorded(Engagement engagement) {
        return em.createQuery("SELECT r FROM PopulationReconciliation r WHERE r.engagementId = :e ORDER BY r.id DESC",
                PopulationReconciliation.class).setParameter("e", engagement.getId()).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PopulationReconciliation> find(Engagement engagement, long id) {
        return Optional.ofNullable(em.find(PopulationReconciliation.class, id))
                .filter(r -> r.getEngagementId().equals(engagement.getId()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PopulationDisposition> dispositions() {
        return em.createQuery("SELECT d FROM PopulationDisposition d ORDER BY d.id", PopulationDisposition.class)
                .getResultList();
    }

    public Duration tolerance() {
        return Duration.ofMinutes(Math.max(0, toleranceMinutes));
    }

    /**
     * The reconciliation as canonical JSON: the engagement and period, the tolerance, the SHA-256 of the Azure pages
     * read, the counts and every row. Nothing of when or by whom, so the same evidence gives the same bytes.
     */
    public static String json(Engagement e, Reconciliation.Result result, Duration tolerance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("engagement", e.getId());
        body.put("periodFrom", e.getPeriodFrom().toString());
        body.put("periodTo", e.getPeriodTo().toString());
        body.put("toleranceMinutes", tolerance.toMinutes());
        body.put("evidenceSha256", result.evidenceSha256());
        body.put("azureItems", result.rows().size());
        body.put("matched", result.count(Reconciliation.Outcome.MATCHED));
        body.put("dispositioned", result.count(Reconciliation.Outcome.DISPOSITIONED));
        body.put("unmatched", result.count(Reconciliation.Outcome.UNMATCHED));
        body.put("differences", result.differences());
        body.put("unexplainedDifferences", result.unexplained());
        body.put("unmatchedIds", result.unmatched().stream().map(Reconciliation.Row::azureId).toList());
        body.put("items", result.rows().stream().map(ReconciliationService::row).toList());
        return CanonicalJson.write(body);
    }

    private static Map<String, Object> row(Reconciliation.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind());
        m.put("azureId", r.azureId());
        m.put("title", r.title());
        m.put("outcome", r.outcome().name());
        m.put("matchedBy", r.matchedBy());
        m.put("incident", r.incidentRef());
        if (r.disposition() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("disposition", r.disposition().disposition());
            d.put("reason", r.disposition().reason());
            d.put("duplicateOf", r.disposition().duplicateOf());
            d.put("recordedBy", r.disposition().recordedBy());
            d.put("recordedAt", r.disposition().recordedAt());
            m.put("disposition", d);
        }
        m.put("differences", r.differences().stream().map(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("field", d.field());
            x.put("azure", d.azure());
            x.put("portal", d.portal());
            x.put("explanation", d.explanation());
            return x;
        }).toList());
        return m;
    }

    /** A disposition's words: benign, duplicate, out of scope, other. */
    public static String words(String disposition) {
        return disposition == null ? "" : disposition.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    // --- reading the portal and the evidence ---------------------------------------------------------------

    private Optional<PopulationDisposition> findDisposition(String kind, String azureId) {
        return em.createQuery("SELECT d FROM PopulationDisposition d WHERE d.kind = :k AND LOWER(d.azureId) = :id",
                        PopulationDisposition.class).setParameter("k", kind)
                .setParameter("id", azureId.toLowerCase(Locale.ROOT)).getResultStream().findFirst();
    }

    /** The portal alerts whose ids an item names (its ARM id, its alert id, its alerts' ids), with their incidents. */
    private List<Reconciliation.PortalAlert> portalAlerts(List<Reconciliation.AzureItem> items) {
        Set<String> ids = new HashSet<>();
        for (Reconciliation.AzureItem i : items) {
            ids.add(key(i.azureId()));
            if (i.name() != null) {
                ids.add(key(i.name()));
            }
            i.alertIds().forEach(a -> ids.add(key(a)));
        }
        List<String> all = new ArrayList<>(ids);
        List<Object[]> rows = new ArrayList<>();
        for (int at = 0; at < all.size(); at += CHUNK) {
            rows.addAll(em.createQuery("SELECT a.source, a.externalId, i.reference, i.severity, i.status, a.firedAt,"
                            + " i.severityReason, i.id, i.closedAt FROM Alert a, Incident i WHERE i.id = a.incidentId"
                            + " AND LOWER(a.externalId) IN :ids", Object[].class)
                    .setParameter("ids", all.subList(at, Math.min(all.size(), at + CHUNK))).getResultList());
        }
        Set<Long> reclassified = new HashSet<>();
        List<Long> incidents = rows.stream().map(r -> (Long) r[7]).distinct().toList();
        for (int at = 0; at < incidents.size(); at += CHUNK) {
            reclassified.addAll(em.createQuery("SELECT DISTINCT t.incidentId FROM TimelineEntry t WHERE t.incidentId"
                            + " IN :ids AND t.text LIKE 'Severity changed from%'", Long.class)
                    .setParameter("ids", incidents.subList(at, Math.min(incidents.size(), at + CHUNK)))
                    .getResultList());
        }
        return rows.stream().map(r -> new Reconciliation.PortalAlert(String.valueOf(r[0]), (String) r[1],
                (String) r[2], r[3] == null ? null : String.valueOf(r[3]), !((Status) r[4]).isOpen(), (Instant) r[5],
                (Instant) r[8], reclassified.contains((Long) r[7]) ? (String) r[6] : null)).toList();
    }

    /**
     * The ids of each collected Sentinel incident's alerts (their names, system and provider alert ids), from the
     * alerts pages of the collections, by the incident's name in lower case.
     */
    private Map<String, List<String>> sentinelAlertIds(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> pages = em.createNativeQuery("SELECT p.url, p.body FROM azure_collection_page p JOIN"
                        + " azure_collection c ON c.id = p.collection_id WHERE c.kind = 'SENTINEL_INCIDENTS' AND"
                        + " c.state = 'SUCCEEDED' AND c.period_from <= ?2 AND c.period_to >= ?1 AND p.what = 'alerts'"
                        + " ORDER BY c.id, p.seq").setParameter(1, from).setParameter(2, to).getResultList();
        Map<String, List<String>> ids = new HashMap<>();
        for (Object[] page : pages) {
            String url = (String) page[0];
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            if (!path.endsWith("/alerts")) {
                continue;
            }
            String incident = path.substring(0, path.length() - "/alerts".length());
            incident = key(incident.substring(incident.lastIndexOf('/') + 1));
            JsonObject json = Json.createReader(new StringReader(new String((byte[]) page[1],
                    StandardCharsets.UTF_8))).readObject();
            List<String> found = ids.computeIfAbsent(incident, k -> new ArrayList<>());
            if (json.get("value") instanceof JsonArray value) {
                for (JsonValue v : value) {
                    if (v instanceof JsonObject alert) {
                        JsonObject p = properties(alert);
                        for (String id : new String[] {text(alert, "name"), text(p, "systemAlertId"),
                                text(p, "providerAlertId")}) {
                            if (id != null && !found.contains(id)) {
                                found.add(id);
                            }
                        }
                    }
                }
            }
        }
        return ids;
    }

    private static JsonObject properties(JsonObject o) {
        return o.get("properties") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static Instant time(JsonObject o, String key) {
        String t = text(o, key);
        try {
            return t == null ? null : java.time.OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String key(String id) {
        return id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
    }
}
