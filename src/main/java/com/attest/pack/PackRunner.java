package com.attest.pack;

import com.attest.calendar.CalendarService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.pir.Pir;
import com.attest.pir.PirPdf;
import com.attest.pir.PirService;
import com.attest.platform.Database;
import com.attest.platform.ScratchFolders;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.cluster.ClusterNode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Generates asked-for packs in the background, after the asking transaction commits, one thread each: the records
 * are read on one read-only, repeatable-read connection (one consistent snapshot; the audit trail's verification
 * and the approved reviews' PDFs, which never change, come through the portal's services beside it), the files are
 * written to a temporary folder and kept in the database when finished. Progress is written as it goes; a cancellation is seen
 * at the next step (on this node), or at the next progress write (made on another node). At start-up the signing key
 * is made if needed. Every half minute, packs a stopped node was running are marked failed and packs left queued are
 * started, each claimed in the database by one node.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator") // on a new database its tables exist only once it has migrated
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PackRunner {

    private static final Logger LOG = Logger.getLogger(PackRunner.class.getName());
    /** Progress is written at most this often. */
    private static final long PROGRESS_MILLIS = 500;

    @Inject
    private EvidencePackService packs;

    @Inject
    private PackKeys keys;

    @Inject
    private PackDefinitions definitions;

    @Inject
    private CalendarService calendars;

    @Inject
    private AuditTrail audit;

    @Inject
    private PirService pirs;

    @Inject
    private IncidentService incidents;

    @Inject
    private com.attest.runbook.WalkthroughService walkthroughs;

    @Inject
    private Clock clock;

    @Inject
    private com.attest.detection.Proofs proofs;

    @Inject
    private ClusterNode node;

    @Inject
    private PackMetrics metrics;

    @Inject
    @ConfigProperty(name = "attest.organisation", defaultValue = "Your organisation")
    private String organisation;

    @Resource
    private ManagedExecutorService executor;

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        try {
            LOG.log(Level.INFO, "Evidence packs are signed as {0}", keys.key().subject());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Evidence packs: start-up checks failed: {0}", e.toString());
        }
        due();
    }

    @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false)
    void due() {
        try {
            for (long id : packs.interrupted()) {
                packs.failed(id, "The portal stopped while the pack was being generated: generate it again.");
            }
            for (long id : packs.queued()) {
                executor.execute(() -> run(id));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Evidence packs: looking for interrupted and queued packs failed: {0}",
                    e.toString());
        }
    }

    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvidencePackService.Requested requested) {
        executor.execute(() -> run(requested.packId()));
    }

    public void cancelled(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvidencePackService.Cancelled c) {
        cancelled.add(c.packId());
    }

    private void run(long id) {
        if (!packs.start(id, node.id())) {
            cancelled.remove(id); // cancelled while queued
            return;
        }
        Path folder = null;
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            EvidencePack pack = packs.load(id);
            PackDefinition definition = definitions.find(pack.getKind()).orElseThrow(() ->
                    new IllegalStateException("The definition of '" + pack.getKind() + "' is no longer in reports/."));
            PackScope scope = new PackScope(pack.getPeriodFrom(), pack.getPeriodTo(), calendars.zone(),
                    pack.getIncidentReference());
            PackSigner.Key key = keys.key();
            folder = Files.createTempDirectory("attest-pack-" + id);
            long[] last = {0};
            PackPdf.Progress progress = (stage, fraction) -> {
                if (cancelled.contains(id)) {
                    return false;
                }
                long now = System.currentTimeMillis();
                if (now - last[0] >= PROGRESS_MILLIS) {
                    last[0] = now;
                    return packs.progress(id, (int) Math.round(fraction * 100), stage);
                }
                return true;
            };
            PackGenerator.Output out;
            try (Connection connection = dataSource.getConnection()) {
                // the pool hands this connection on afterwards: what is set here is put back, whatever happens
                boolean autoCommit = connection.getAutoCommit();
                int isolation = connection.getTransactionIsolation();
                boolean readOnly = connection.isReadOnly();
                try {
                    connection.setAutoCommit(false);
                    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    connection.setReadOnly(true);
                    JdbcPackSource source = new JdbcPackSource(connection, audit::verify, this::reviewPdf)
                            .withProofs(proof -> proofs.find(proof).orElseThrow().evidenceJson()
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out = PackGenerator.generate(definition, scope, new PackPdf.Cover(organisation, id,
                                    clock.instant(), pack.getRequestedBy()), source, EvidencePackService.gaps(pack), key,
                            folder, progress);
                } finally {
                    restore(connection, autoCommit, isolation, readOnly);
                }
            }
            if (packs.finish(id, out, key.subject())) {
                outcome = "finished";
            } else {
                outcome = "cancelled";
                LOG.log(Level.INFO, "Evidence pack {0} was cancelled as it finished", id);
            }
        } catch (PackPdf.Cancelled c) {
            outcome = "cancelled";
            LOG.log(Level.INFO, "Evidence pack {0} cancelled", id);
        } catch (Throwable e) {
            // the reason in the log; on the page (which auditors see too) what to do, not the server's internals
            LOG.log(Level.WARNING, "Evidence pack " + id + " failed", e);
            packs.failed(id, "The pack could not be generated (" + e.getClass().getSimpleName() + "; the server log"
                    + " has the details): generate it again, or ask the administrator if it fails again.");
            if (e instanceof Error error && !(e instanceof OutOfMemoryError)) {
                throw error;
            }
        } finally {
            cancelled.remove(id);
            ScratchFolders.delete(folder);
            metrics.ran(outcome, started);
        }
    }

    /** Rolls back and puts each setting back on its own, so one failing does not leave the others changed. */
    private static void restore(Connection connection, boolean autoCommit, int isolation, boolean readOnly) {
        sql(connection::rollback);
        sql(() -> connection.setReadOnly(readOnly));
        sql(() -> connection.setTransactionIsolation(isolation));
        sql(() -> connection.setAutoCommit(autoCommit));
    }

    private interface SqlStep {
        void run() throws java.sql.SQLException;
    }

    private static void sql(SqlStep step) {
        try {
            step.run();
        } catch (java.sql.SQLException e) {
            LOG.log(Level.WARNING, "Evidence packs: a connection setting could not be put back: {0}", e.toString());
        }
    }

    /** An approved review's PDF as the review page serves it, made the same bytes every time. */
    private byte[] reviewPdf(long pirId) {
        Pir pir = pirs.find(pirId).orElseThrow();
        Incident incident = incidents.byId(pir.getIncidentId()).orElseThrow();
        byte[] pdf = PirPdf.render(pir, pirs.items(pir), incident, calendars.zone(), organisation,
                com.attest.pir.ReviewEvidence.of(incident, walkthroughs));
        return StablePdf.fix(pdf, pir.getDecidedAt(), pir.getApprovedSha256());
    }
}
