package com.attest.pack;

import com.attest.platform.audit.ChainVerification;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a pack is made of, read from the portal's records. Lists that grow with the period (incidents, their
 * details, evidence items, artefacts) are read in batches after a key, so a pack of any size is written without
 * holding its records. {@link JdbcPackSource} reads the real tables, inside the portal and in the benchmark.
 */
public interface PackSource {

    record EvidenceTypeRow(String code, String title, List<String> controls, Integer retentionYears) {
    }

    record DocumentRow(String kind, String title, int number, String commitId, Instant effectiveFrom,
                       String approvedBy, String state, String sha256, LocalDate reviewDue) {
    }

    record IncidentRow(long id, String reference, String title, String severity, String status, String owner,
                       Instant detectedAt, Instant declaredAt, Instant responseDueAt, Instant containedAt,
                       Instant resolvedAt, Instant closedAt) {

        /** The response SLA's outcome: declared on time, late, or still undeclared past (or before) its target. */
        public String slaOutcome(Instant now) {
            if (declaredAt != null) {
                return declaredAt.isAfter(responseDueAt) ? "Late" : "Met";
            }
            if ("FALSE_POSITIVE".equals(status) || "DUPLICATE".equals(status)) {
                return "Not applicable";
            }
            return now.isAfter(responseDueAt) ? "Breached" : "Running";
        }
    }

    record TimelineRow(Instant occurredAt, String recordedBy, String milestone, String text) {
    }

    record CallRow(Instant at, String method, String url, int status, String requestId, String correlationId) {
    }

    record RunRow(long id, String type, String state, String requestedBy, Instant requestedAt, String decidedBy,
                  boolean breakGlass, Instant finishedAt, String summary, List<CallRow> calls) {
    }

    record PirRow(long id, String state, String owner, Instant resolvedAt, Instant dueAt, String decidedBy,
                  Instant decidedAt, String approvedSha256) {

        /**
         * The review's outcome as of {@code asOf} (when the pack is generated), in the words the population, the
         * Reviews page and control health use: approved on time, approved late, overdue (not approved, past its
         * due date) or open.
         */
        public String outcome(Instant asOf) {
            if (!"APPROVED".equals(state)) {
                return asOf.isAfter(dueAt) ? "overdue" : "open";
            }
            return decidedAt.isAfter(dueAt) ? "approved late" : "approved on time";
        }
    }

    record NoticeRow(long id, String incidentReference, String subject, String state, String method,
                     Instant deliveredAt, String recipients, String bodySha256) {
    }

    record IncidentDetail(IncidentRow incident, List<TimelineRow> timeline, List<RunRow> runs, PirRow pir,
                          List<NoticeRow> notices, long onCallMessages) {
    }

    record ExerciseRow(long id, String kind, Instant heldAt, String title, String facilitator, String state,
                       String signedOffBy, Instant signedOffAt, Integer runbookNumber, String runbookCommit,
                       String contentSha256) {
    }

    record ItemRow(long id, String type, String title, LocalDate periodDate, String sha256,
                   LocalDate retentionUntil, String disposal) {
    }

    /**
     * A reconciliation of the incident population with Azure recorded for an engagement whose period lies within the
     * pack's: who recorded it and when, its canonical JSON and that JSON's SHA-256.
     */
    record ReconciliationRow(long id, long engagementId, String engagement, String computedBy, Instant computedAt,
                             String sha256, String body) {
    }

    /** A file for the archive: where it goes, what it is, and its bytes (read once, streamed). */
    interface Artefact {
        String path();

        String kind();

        String source();

        long sourceId();

        InputStream open() throws IOException;
    }

    /** Receives artefacts one by one; returns false to stop (the pack was cancelled). */
    interface ArtefactSink {
        boolean accept(Artefact artefact) throws IOException;
    }

    List<EvidenceTypeRow> evidenceTypes();

    /** Evidence items registered for the scope, by type code (packs themselves excluded). */
    Map<String, Long> evidenceCounts(PackScope scope);

    /** The policy and runbook versions in force at any time in the period, oldest first. */
    List<DocumentRow> documents(PackScope scope);

    long incidentCount(PackScope scope);

    /** Up to {@code max} incidents of the scope after {@code afterId}, by id. */
    List<IncidentRow> incidents(PackScope scope, long afterId, int max);

    /** Timelines, actions, reviews and notices of a batch of incidents, in the same order. */
    List<IncidentDetail> details(List<IncidentRow> incidents);

    List<ExerciseRow> exercises(PackScope scope);

    List<NoticeRow> notices(PackScope scope);

    ChainVerification auditTrail();

    /** Up to {@code max} evidence items of the scope after {@code afterId}, by id (packs themselves excluded). */
    List<ItemRow> items(PackScope scope, long afterId, int max);

    /** The reconciliations of engagements whose period lies within the scope's, oldest first (none for an incident). */
    List<ReconciliationRow> reconciliations(PackScope scope);

    /** Streams the scope's raw artefacts, in a fixed order. */
    void artefacts(PackScope scope, ArtefactSink sink) throws IOException;
}
