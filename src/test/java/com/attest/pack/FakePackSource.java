package com.attest.pack;

import com.attest.platform.audit.ChainVerification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A period's records made up in memory: {@code n} incidents, each with a timeline, two action runs and a review. */
final class FakePackSource implements PackSource {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private final int incidents;

    FakePackSource(int incidents) {
        this.incidents = incidents;
    }

    @Override
    public List<EvidenceTypeRow> evidenceTypes() {
        return List.of(new EvidenceTypeRow("POLICY", "Documented incident response policy",
                        List.of("CC7.3", "CC7.4", "CC7.5"), null),
                new EvidenceTypeRow("RUNBOOK", "Incident response runbook", List.of("CC7.4", "CC7.5"), null),
                new EvidenceTypeRow("INCIDENT", "Incident list and timelines", List.of("CC7.3", "CC7.4"), 3),
                new EvidenceTypeRow("ALERT", "Alert history", List.of("CC7.3"), 1),
                new EvidenceTypeRow("PIR", "Post-incident review reports", List.of("CC7.4", "CC7.5"), 3),
                new EvidenceTypeRow("EXERCISE", "Tabletop or live IR exercise records", List.of("CC7.4", "CC7.5"), 3));
    }

    @Override
    public Map<String, Long> evidenceCounts(PackScope scope) {
        Map<String, Long> m = new TreeMap<>();
        m.put("INCIDENT", (long) incidents);
        m.put("PIR", (long) incidents);
        m.put("POLICY", 1L);
        return m;
    }

    @Override
    public List<DocumentRow> documents(PackScope scope) {
        return List.of(new DocumentRow("POLICY", "Incident response policy", 2,
                        "0123456789abcdef0123456789abcdef01234567", START.minus(30, ChronoUnit.DAYS), "lead", "APPROVED",
                        "a".repeat(64), LocalDate.of(2027, 1, 1)),
                new DocumentRow("RUNBOOK", "Incident response runbook", 3, "fedcba9876543210fedcba9876543210fedcba98",
                        START.minus(20, ChronoUnit.DAYS), "lead", "APPROVED", "b".repeat(64), LocalDate.of(2027, 1, 1)));
    }

    @Override
    public long incidentCount(PackScope scope) {
        return scope.singleIncident() ? 1 : incidents;
    }

    @Override
    public List<IncidentRow> incidents(PackScope scope, long afterId, int max) {
        List<IncidentRow> rows = new ArrayList<>();
        long last = scope.singleIncident() ? 1 : incidents;
        for (long id = afterId + 1; id <= last && rows.size() < max; id++) {
            Instant detected = START.plus(id * 7, ChronoUnit.HOURS);
            rows.add(new IncidentRow(id, String.format("INC-2026-%03d", id), "Suspicious sign-in number " + id,
                    "P" + (1 + id % 4), "CLOSED", "rita", detected, detected.plus(id % 3 == 0 ? 200 : 20,
                    ChronoUnit.MINUTES), detected.plus(30, ChronoUnit.MINUTES), detected.plus(1, ChronoUnit.HOURS),
                    detected.plus(5, ChronoUnit.HOURS), detected.plus(3, ChronoUnit.DAYS)));
        }
        return rows;
    }

    @Override
    public List<IncidentDetail> details(List<IncidentRow> rows) {
        List<IncidentDetail> details = new ArrayList<>();
        for (IncidentRow i : rows) {
            List<TimelineRow> timeline = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                timeline.add(new TimelineRow(i.detectedAt().plus(t * 10L, ChronoUnit.MINUTES), "rita",
                        t == 0 ? "ALERT_TRIGGERED" : null, "Timeline entry " + t + " of " + i.reference()));
            }
            List<RunRow> runs = List.of(
                    new RunRow(i.id() * 2, "quarantine-vm", "SUCCEEDED", "rita", i.detectedAt(), "sam", false,
                            i.detectedAt().plus(40, ChronoUnit.MINUTES), "VM quarantined",
                            List.of(new CallRow(i.detectedAt(), "PUT", "https://management.azure.com/x", 200,
                                    "req-" + i.id() + "-a", "corr-" + i.id()))),
                    new RunRow(i.id() * 2 + 1, "kql-user-audit", "SUCCEEDED", "rita", i.detectedAt(), null, false,
                            i.detectedAt().plus(41, ChronoUnit.MINUTES), null,
                            List.of(new CallRow(i.detectedAt(), "POST", "https://api.loganalytics.io/q", 200,
                                    "req-" + i.id() + "-b", null))));
            PirRow pir = new PirRow(i.id(), "APPROVED", "rita", i.resolvedAt(), i.resolvedAt().plus(5,
                    ChronoUnit.DAYS), "lead", i.resolvedAt().plus(2, ChronoUnit.DAYS), "c".repeat(64));
            details.add(new IncidentDetail(i, timeline, runs, pir, List.of(), 1));
        }
        return details;
    }

    @Override
    public List<ExerciseRow> exercises(PackScope scope) {
        return List.of(new ExerciseRow(1, "TABLETOP", START.plus(40, ChronoUnit.DAYS), "Ransomware tabletop", "rita",
                "SIGNED_OFF", "lead", START.plus(41, ChronoUnit.DAYS), 3, "fedcba9876543210fedcba98", "d".repeat(64)));
    }

    @Override
    public List<NoticeRow> notices(PackScope scope) {
        return List.of(new NoticeRow(1, "INC-2026-001", "Notice of a security incident", "DELIVERED", "EMAIL",
                START.plus(3, ChronoUnit.DAYS), "security@customer.example", "e".repeat(64)));
    }

    @Override
    public List<ReconciliationRow> reconciliations(PackScope scope) {
        return List.of();
    }

    @Override
    public ChainVerification auditTrail() {
        return new ChainVerification(true, 4242, null, null, START.plus(400, ChronoUnit.DAYS));
    }

    @Override
    public List<ItemRow> items(PackScope scope, long afterId, int max) {
        List<ItemRow> rows = new ArrayList<>();
        for (long id = afterId + 1; id <= 2L * incidents && rows.size() < max; id++) {
            rows.add(new ItemRow(id, id % 2 == 0 ? "PIR" : "INCIDENT", "Item " + id, LocalDate.of(2026, 1, 5),
                    String.format("%064x", id), LocalDate.of(2029, 1, 5), "KEPT"));
        }
        return rows;
    }

    @Override
    public void artefacts(PackScope scope, ArtefactSink sink) throws IOException {
        for (long id = 1; id <= Math.min(incidents, 3); id++) {
            long n = id;
            String body = "{\"alert\":" + n + ",\"severity\":\"High\"}";
            if (!sink.accept(new Artefact() {
                public String path() { return "alerts/INC-2026-00" + n + "/alert-" + n + "-payload-" + n + ".json"; }
                public String kind() { return "alert payload"; }
                public String source() { return "alert_payload"; }
                public long sourceId() { return n; }
                public InputStream open() {
                    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
                }
            })) {
                return;
            }
        }
    }
}
