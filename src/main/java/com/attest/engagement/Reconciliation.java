package com.attest.engagement;

import com.attest.platform.audit.Sha256;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The completeness and accuracy rules of the incident population, pure: every Sentinel incident and Defender for
 * Cloud alert Azure returned for a period is matched to a portal incident — a Sentinel incident by its ARM id (the
 * portal keeps it as its Sentinel alert's id), or by the id of one of its alerts that reached the portal on its own;
 * a Defender alert by its {@code systemAlertId} — or carries a recorded disposition, or is unmatched. For each match
 * the fields that must agree are compared: the severity (Azure's word mapped as the default classification rules
 * map it: High P2, Medium P3, Low and Informational P4), the time Azure created it and the time the portal recorded for
 * it (within the tolerance), the status (closed in Azure, closed in the portal) and, closed in both, the time it
 * was closed (Sentinel's closing time, or its last change, within the tolerance). A severity the portal
 * reclassified with a reason is a difference explained.
 *
 * <p>The result is ordered by kind and Azure id, and the same Azure item collected twice counts once (its latest
 * page), so the same evidence and dispositions give the same result.
 */
public final class Reconciliation {

    /** Whether an Azure item is in the portal. */
    public enum Outcome { MATCHED, DISPOSITIONED, UNMATCHED }

    /** A Sentinel incident or Defender alert as collected: what the rules read of it, and the page it came from. */
    public record AzureItem(String kind, String azureId, String name, String title, String severity, String status,
                            Instant created, Instant closed, List<String> alertIds, long pageId, String pageSha256) {
        public AzureItem {
            alertIds = List.copyOf(alertIds);
        }
    }

    /** A portal alert, with the incident it opened or joined. */
    public record PortalAlert(String source, String externalId, String incidentRef, String incidentSeverity,
                              boolean incidentClosed, Instant firedAt, Instant incidentClosedAt,
                              String reclassifiedBecause) {
    }

    /** A disposition recorded for an Azure item with no portal incident. */
    public record Disposition(String kind, String azureId, String disposition, String reason, String duplicateOf,
                              String recordedBy, Instant recordedAt) {
    }

    /** A field the portal and Azure disagree on, and what explains it (null when nothing does). */
    public record Difference(String field, String azure, String portal, String explanation) {
        public boolean explained() {
            return explanation != null;
        }
    }

    /** One Azure item and how it is accounted for. */
    public record Row(String kind, String azureId, String title, Outcome outcome, String matchedBy,
                      String incidentRef, Disposition disposition, List<Difference> differences) {
        public String getKindLabel() {
            return kind.equals(SENTINEL) ? "Sentinel incident" : "Defender for Cloud alert";
        }
    }

    /** The rows, and the SHA-256 of the Azure pages they were read from. */
    public record Result(List<Row> rows, String evidenceSha256) {
        public long count(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).count();
        }

        public List<Row> unmatched() {
            return rows.stream().filter(r -> r.outcome() == Outcome.UNMATCHED).toList();
        }

        public long differences() {
            return rows.stream().mapToLong(r -> r.differences().size()).sum();
        }

        public long unexplained() {
            return rows.stream().flatMap(r -> r.differences().stream()).filter(d -> !d.explained()).count();
        }
    }

    public static final String SENTINEL = "SENTINEL_INCIDENTS";
    public static final String DEFENDER = "DEFENDER_ALERTS";

    private Reconciliation() {
    }

    /** Accounts for every item: matched, dispositioned or unmatched, with the differences of each match. */
    public static Result reconcile(List<AzureItem> collected, List<PortalAlert> alerts,
                                   List<Disposition> dispositions, Duration tolerance) {
        Map<String, AzureItem> items = new TreeMap<>();
        collected.stream().sorted(Comparator.comparingLong(AzureItem::pageId))
                .forEach(i -> items.put(i.kind() + "|" + key(i.azureId()), i));
        Map<String, PortalAlert> byId = new LinkedHashMap<>();
        alerts.stream().sorted(Comparator.comparing(PortalAlert::externalId))
                .forEach(a -> byId.putIfAbsent(key(a.externalId()), a));
        Map<String, Disposition> disposed = new LinkedHashMap<>();
        dispositions.forEach(d -> disposed.put(d.kind() + "|" + key(d.azureId()), d));

        List<Row> rows = new ArrayList<>();
        java.util.TreeSet<String> pages = new java.util.TreeSet<>();
        for (Map.Entry<String, AzureItem> e : items.entrySet()) {
            AzureItem item = e.getValue();
            pages.add(item.pageId() + " " + item.pageSha256());
            Optional<Match> match = match(item, byId);
            if (match.isPresent()) {
                PortalAlert a = match.get().alert();
                rows.add(new Row(item.kind(), item.azureId(), item.title(), Outcome.MATCHED, match.get().by(),
                        a.incidentRef(), null, compare(item, a, match.get().direct(), tolerance)));
            } else if (disposed.containsKey(e.getKey())) {
                rows.add(new Row(item.kind(), item.azureId(), item.title(), Outcome.DISPOSITIONED, null,
                        disposed.get(e.getKey()).duplicateOf(), disposed.get(e.getKey()), List.of()));
            } else {
                rows.add(new Row(item.kind(), item.azureId(), item.title(), Outcome.UNMATCHED, null, null, null,
                        List.of()));
            }
        }
        return new Result(List.copyOf(rows), Sha256.hex(String.join("\n", pages)));
    }

    private record Match(PortalAlert alert, String by, boolean direct) {
    }

    static Optional<Match> match(AzureItem item, Map<String, PortalAlert> alerts) {
        if (item.kind().equals(SENTINEL)) {
            PortalAlert direct = alerts.get(key(item.azureId()));
            if (direct != null && "SENTINEL".equals(direct.source())) {
                return Optional.of(new Match(direct, "Sentinel incident id", true));
            }
            for (String alertId : item.alertIds()) {
                PortalAlert correlated = alerts.get(key(alertId));
                if (correlated != null) {
                    return Optional.of(new Match(correlated, "alert id " + alertId, false));
                }
            }
            return Optional.empty();
        }
        for (String id : new String[] {item.name(), item.azureId()}) {
            PortalAlert a = id == null ? null : alerts.get(key(id));
            if (a != null && "DEFENDER".equals(a.source())) {
                return Optional.of(new Match(a, "Defender alert id", true));
            }
        }
        return Optional.empty();
    }

    /** The fields that must agree, compared. Times only for a direct match: a correlated alert has its own time. */
    static List<Difference> compare(AzureItem item, PortalAlert a, boolean direct, Duration tolerance) {
        List<Difference> out = new ArrayList<>();
        String expected = severity(item.severity());
        if (expected != null && a.incidentSeverity() != null && !expected.equals(a.incidentSeverity())) {
            out.add(new Difference("severity", item.severity() + " (" + expected + ")", a.incidentSeverity(),
                    a.reclassifiedBecause() == null ? null : "reclassified: " + a.reclassifiedBecause()));
        }
        if (direct && item.created() != null && a.firedAt() != null
                && Duration.between(item.created(), a.firedAt()).abs().compareTo(tolerance) > 0) {
            out.add(new Difference("created", item.created().toString(), a.firedAt().toString(), null));
        }
        Boolean closed = closed(item.status());
        if (closed != null && closed != a.incidentClosed()) {
            out.add(new Difference("status", item.status(), a.incidentClosed() ? "closed" : "open", null));
        } else if (direct && Boolean.TRUE.equals(closed) && item.closed() != null && a.incidentClosedAt() != null
                && Duration.between(item.closed(), a.incidentClosedAt()).abs().compareTo(tolerance) > 0) {
            out.add(new Difference("closed", item.closed().toString(), a.incidentClosedAt().toString(), null));
        }
        return out;
    }

    /** Azure's severity word as the default classification rules map it; null for a word they do not know. */
    public static String severity(String azure) {
        if (azure == null) {
            return null;
        }
        return switch (azure.strip().toLowerCase(Locale.ROOT)) {
            case "high" -> "P2";
            case "medium" -> "P3";
            case "low", "informational" -> "P4";
            default -> null;
        };
    }

    /** Whether Azure's status word means closed: true, false, or null for a word not known. */
    static Boolean closed(String status) {
        if (status == null) {
            return null;
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "closed", "resolved", "dismissed" -> true;
            case "new", "active", "inprogress" -> false;
            default -> null;
        };
    }

    private static String key(String id) {
        return id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
    }
}
