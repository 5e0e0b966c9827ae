package com.attest.evidence;

import com.attest.platform.Times;
import com.attest.azure.ArmRest;
import com.attest.azure.AzureClients;
import com.attest.azure.AzureFailure;
import com.attest.azure.AzureHistory;
import com.attest.azure.AzureIdentity;
import com.attest.azure.CallLog;
import com.attest.azure.Playbook;
import com.attest.azure.SentinelApi;
import com.attest.azure.SentinelWorkspace;
import com.attest.calendar.CalendarService;
import com.attest.evidence.AzureCollection.Kind;
import com.attest.evidence.AzureCollection.State;
import com.attest.evidence.AzureCollection.Trigger;
import com.attest.platform.InvalidInput;
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
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Azure half of the evidence table, collected by the portal: Defender for Cloud's alert history per configured
 * subscription, the Sentinel incidents of a period with their alerts, entities and comments per Sentinel workspace,
 * and the run history of each configured Logic App playbook — nightly for yesterday, or on demand by the compliance
 * lead for any range. Each collection is claimed in the database (one node runs it), its pages fetched outside any
 * transaction, then kept verbatim, in order, each with its SHA-256, together with its success; a failure keeps its
 * error in Azure's words and no page. The pages are registered in the evidence register and carried into packs.
 */
@ApplicationScoped
@Transactional
public class AzureCollectionService {

    /** Pages one collection may take before it refuses rather than keep a part as the whole. */
    static final int MAX_PAGES = 500;
    static final String SYSTEM = "system:azure-evidence";
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static final int MAX_DAYS = 366;

    /** One collected record (a Defender alert, a Sentinel incident, a Logic App run) and the page it came from. */
    public record Collected(Kind kind, String azureId, String name, JsonObject json, long collectionId, long pageId,
                            String pageSha256) {
    }

    /** A day whose evidence of one kind and scope was not collected. */
    public record Missing(Kind kind, String scopeLabel, LocalDate day) {
    }

    /** One page as Azure returned it. */
    public record Page(long id, long collectionId, int seq, String what, String method, String url, int status,
                       String requestId, Instant fetchedAt, String sha256, int sizeBytes, int records) {
    }

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
    private AzureClients azure;

    @Inject
    private AzureHistory history;

    @Inject
    private SentinelApi sentinel;

    @Inject
    private jakarta.enterprise.event.Event<AzureCollectionSweep.Requested> requested;

    /** The compliance lead asks for every kind and scope of {@code [from, to]} (days, organisation time). */
    public List<AzureCollection> collect(LocalDate from, LocalDate to) {
        caller.require("collect Azure evidence", Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate today = LocalDate.now(clock.withZone(calendars.zone()));
        if (from == null) {
            errors.add("collectFrom", "Give the first day to collect.");
        }
        if (to == null) {
            errors.add("collectTo", "Give the last day to collect.");
        }
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                errors.add("collectTo", "The last day is before the first.");
            } else if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                errors.add("collectTo", "Collect at most 366 days at a time.");
            } else if (to.isAfter(today)) {
                errors.add("collectTo", to + " is in the future.");
            }
        }
        if (!errors.has("collectTo") && scopes().isEmpty()) {
            errors.add("collectFrom", "Nothing to collect: configure Azure subscriptions, Sentinel workspaces or"
                    + " playbooks (ATTEST_AZURE_*).");
        }
        errors.throwIfAny();
        List<AzureCollection> made = new ArrayList<>();
        for (Scope s : scopes()) {
            made.add(changes.create(caller.name(), "azure-collection.requested", collection(s, from, to,
                    Trigger.ON_DEMAND, caller.name())));
        }
        requested.fire(new AzureCollectionSweep.Requested(made.size()));
        return made;
    }

    /** Yesterday's collections, asked for once whichever node asks first. Returns how many were new. */
    public int nightly(LocalDate day) {
        int made = 0;
        for (Scope s : scopes()) {
            Long known = em.createQuery("SELECT c.id FROM AzureCollection c WHERE c.kind = :kind AND c.scope = :scope"
                            + " AND c.periodFrom = :day AND c.trigger = :trigger", Long.class)
                    .setParameter("kind", s.kind()).setParameter("scope", s.scope()).setParameter("day", day)
                    .setParameter("trigger", Trigger.NIGHTLY).getResultStream().findFirst().orElse(null);
            if (known == null) {
                em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1,
                        Long.parseUnsignedLong(Sha256.hex("azure-nightly|" + s.kind() + "|" + s.scope() + "|" + day)
                                .substring(0, 15), 16)).getSingleResult();
                known = em.createQuery("SELECT c.id FROM AzureCollection c WHERE c.kind = :kind AND c.scope = :scope"
                                + " AND c.periodFrom = :day AND c.trigger = :trigger", Long.class)
                        .setParameter("kind", s.kind()).setParameter("scope", s.scope()).setParameter("day", day)
                        .setParameter("trigger", Trigger.NIGHTLY).getResultStream().findFirst().orElse(null);
                if (known == null) {
                    changes.create(SYSTEM, "azure-collection.requested", collection(s, day, day, Trigger.NIGHTLY,
                            SYSTEM));
                    made++;
                }
            }
        }
        return made;
    }

    /** Takes one due collection and leases it, so no other node runs it meanwhile; null when none is due. */
    public Long claim() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                SELECT id FROM azure_collection WHERE state = 'PENDING' OR (state = 'RUNNING' AND lease_until < ?1)
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""").setParameter(1, Timestamp.from(now)).getResultList();
        if (ids.isEmpty()) {
            return null;
        }
        long id = ids.get(0).longValue();
        em.createNativeQuery("UPDATE azure_collection SET state = 'RUNNING', lease_until = ?2, attempts = attempts + 1,"
                        + " started_at = ?3, version = version + 1 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, Timestamp.from(now.plus(LEASE)))
                .setParameter(3, Timestamp.from(now)).executeUpdate();
        return id;
    }

    /** Fetches a claimed collection's pages from Azure, outside any transaction. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<ArmRest.Answer> fetch(long id) throws AzureFailure {
        AzureCollection c = em.find(AzureCollection.class, id);
        return switch (c.getKind()) {
            case DEFENDER_ALERTS -> history.defenderAlerts(c.getScope(), MAX_PAGES, CallLog.NONE);
            case SENTINEL_INCIDENTS -> sentinel.history(azure.settings().sentinelWorkspace(c.getScope())
                    .orElseThrow(() -> new IllegalArgumentException("Sentinel workspace " + c.getScope()
                            + " is no longer configured")), c.getTimeFrom(), c.getTimeTo(), MAX_PAGES, CallLog.NONE);
            case PLAYBOOK_RUNS -> history.playbookRuns(azure.settings().playbooks().stream()
                    .filter(p -> p.id().equalsIgnoreCase(c.getScope())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Playbook " + c.getScope()
                            + " is no longer configured")), c.getTimeFrom(), c.getTimeTo(), MAX_PAGES, CallLog.NONE);
        };
    }

    /** Keeps every page, in order, with the collection's success: all of them or none. */
    public void succeeded(long id, List<ArmRest.Answer> answers) {
        AzureCollection c = em.find(AzureCollection.class, id);
        Instant now = clock.instant();
        int records = 0;
        int seq = 0;
        for (ArmRest.Answer a : answers) {
            int count = records(a.body());
            records += count;
            em.createNativeQuery("""
                    INSERT INTO azure_collection_page (collection_id, seq, what, method, url, status, request_id,
                        fetched_at, content_type, body, sha256, size_bytes, records)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'application/json', ?9, ?10, ?11, ?12)""")
                    .setParameter(1, id).setParameter(2, ++seq).setParameter(3, what(a.url()))
                    .setParameter(4, a.method()).setParameter(5, cut(a.url(), 4000)).setParameter(6, a.status())
                    .setParameter(7, a.requestId()).setParameter(8, Timestamp.from(now)).setParameter(9, a.body())
                    .setParameter(10, Sha256.hex(a.body())).setParameter(11, a.body().length)
                    .setParameter(12, count).executeUpdate();
        }
        int total = records;
        int pages = seq;
        changes.apply(SYSTEM, "azure-collection.succeeded", c, () -> c.succeeded(pages, total, now));
    }

    public void failed(long id, String error) {
        AzureCollection c = em.find(AzureCollection.class, id);
        changes.apply(SYSTEM, "azure-collection.failed", c, () -> c.failed(error, clock.instant()));
    }

    // --- reading -----------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AzureCollection> recent(int max) {
        return em.createQuery("SELECT c FROM AzureCollection c ORDER BY c.id DESC", AzureCollection.class)
                .setMaxResults(max).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AzureCollection> find(long id) {
        return Optional.ofNullable(em.find(AzureCollection.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Page> pages(long collectionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, collection_id, seq, what, method, url, status,"
                + " request_id, fetched_at, sha256, size_bytes, records FROM azure_collection_page"
                + " WHERE collection_id = ?1 ORDER BY seq").setParameter(1, collectionId).getResultList();
        return rows.stream().map(r -> new Page(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ((Number) r[2]).intValue(), (String) r[3], (String) r[4], (String) r[5], ((Number) r[6]).intValue(),
                (String) r[7], Times.instant(r[8]), ((String) r[9]).strip(), ((Number) r[10]).intValue(),
                ((Number) r[11]).intValue())).toList();
    }

    /**
     * The records of {@code kind} collected for days in {@code [from, to]} by successful collections, as parsed
     * records with their Azure ids and the page they came from (the same record collected twice comes twice).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Collected> collected(Kind kind, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT p.id, p.collection_id, p.body, p.sha256, p.url"
                        + " FROM azure_collection_page p JOIN azure_collection c ON c.id = p.collection_id"
                        + " WHERE c.kind = ?1 AND c.state = 'SUCCEEDED' AND c.period_from <= ?3 AND c.period_to >= ?2"
                        + " ORDER BY c.id, p.seq").setParameter(1, kind.name()).setParameter(2, from)
                .setParameter(3, to).getResultList();
        List<Collected> out = new ArrayList<>();
        for (Object[] r : rows) {
            String url = (String) r[4];
            if (kind == Kind.SENTINEL_INCIDENTS && !what(url).equals("incidents")) {
                continue; // the timelines' pages: alerts, entities, comments
            }
            JsonObject page = Json.createReader(new StringReader(new String((byte[]) r[2],
                    java.nio.charset.StandardCharsets.UTF_8))).readObject();
            if (page.get("value") instanceof JsonArray value) {
                for (JsonValue v : value) {
                    if (v instanceof JsonObject o) {
                        out.add(new Collected(kind, text(o, "id"), text(o, "name"), o, ((Number) r[1]).longValue(),
                                ((Number) r[0]).longValue(), ((String) r[3]).strip()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The days of {@code [from, to]} on which a configured kind and scope has no successful collection, counted from
     * the first night the portal collected: each is a gap in the evidence. While nightly collection is on, every day up
     * to the last one whose night has passed is expected (so collection that stopped, or keeps failing, shows at
     * once); once it is switched off, the days up to its last night. Before nightly collection began nothing is
     * expected.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Missing> missing(LocalDate from, LocalDate to) {
        Object[] bounds = (Object[]) em.createNativeQuery("SELECT min(period_from), max(period_to) FROM azure_collection"
                + " WHERE trigger = 'NIGHTLY'").getSingleResult();
        if (bounds[0] == null) {
            return List.of();
        }
        LocalDate first = date(bounds[0]);
        LocalDate last = lastExpected(date(bounds[1]), azure.settings().nightlyCollection(),
                ZonedDateTime.now(clock.withZone(calendars.zone())), azure.settings().collectionHour());
        LocalDate start = from.isAfter(first) ? from : first;
        LocalDate end = to.isBefore(last) ? to : last;
        if (end.isBefore(start)) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> done = em.createNativeQuery("SELECT kind, scope, period_from, period_to FROM azure_collection"
                + " WHERE state = 'SUCCEEDED' AND period_from <= ?2 AND period_to >= ?1")
                .setParameter(1, start).setParameter(2, end).getResultList();
        List<Missing> missing = new ArrayList<>();
        for (Scope s : scopes()) {
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                LocalDate d = day;
                boolean covered = done.stream().anyMatch(r -> s.kind().name().equals(r[0]) && s.scope().equals(r[1])
                        && !date(r[2]).isAfter(d) && !date(r[3]).isBefore(d));
                if (!covered) {
                    missing.add(new Missing(s.kind(), s.label(), d));
                }
            }
        }
        return missing;
    }

    /**
     * The last day a nightly collection is expected for: while nightly collection is on, the last day whose night has
     * passed ({@code now} in the organisation's zone, collecting from {@code hour} o'clock for the day before), or the
     * last night collected if that is later; once it is off, the last night collected.
     */
    static LocalDate lastExpected(LocalDate lastCollected, boolean nightlyOn, ZonedDateTime now, int hour) {
        if (!nightlyOn) {
            return lastCollected;
        }
        LocalDate lastNight = now.toLocalDate().minusDays(now.getHour() >= hour ? 1 : 2);
        return lastNight.isAfter(lastCollected) ? lastNight : lastCollected;
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private record Scope(Kind kind, String scope, String label, String apiVersion) {
    }

    private List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>();
        for (AzureIdentity identity : azure.settings().identities()) {
            scopes.add(new Scope(Kind.DEFENDER_ALERTS, identity.subscriptionId(), "subscription " + identity.name(),
                    AzureHistory.SECURITY_API));
        }
        for (SentinelWorkspace w : azure.settings().sentinelWorkspaces()) {
            scopes.add(new Scope(Kind.SENTINEL_INCIDENTS, w.name(), "workspace " + w.label(), SentinelApi.API));
        }
        for (Playbook p : azure.settings().playbooks()) {
            scopes.add(new Scope(Kind.PLAYBOOK_RUNS, p.id(), "playbook " + p.name(), AzureHistory.LOGIC_API));
        }
        return scopes;
    }

    private AzureCollection collection(Scope s, LocalDate from, LocalDate to, Trigger trigger, String by) {
        ZoneId zone = calendars.zone();
        return new AzureCollection(s.kind(), s.scope(), s.label(), from, to, from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), trigger, by, clock.instant(), s.apiVersion());
    }

    /** What a page holds, from its URL: incidents, alerts, entities, comments, runs. */
    static String what(String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** How many records a page holds: its value array, or a Sentinel entities list. */
    static int records(byte[] body) {
        try {
            JsonObject json = Json.createReader(new StringReader(new String(body,
                    java.nio.charset.StandardCharsets.UTF_8))).readObject();
            JsonValue v = json.containsKey("value") ? json.get("value") : json.get("entities");
            return v instanceof JsonArray a ? a.size() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

}
