package com.attest.platform.change;

import com.attest.platform.InvalidInput;
import com.attest.platform.Times;
import com.attest.platform.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one way a record changes. A service loads the record locked at the version the person saw ({@link #lock}) —
 * refused, naming who changed it and when, if someone saved in between — checks its rules, and then makes the
 * change through {@link #apply}: snapshot, change, flush, audit row, all in the caller's transaction, so the change
 * and its audit row commit or roll back together. {@link #create} is the same for a new record.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Changes {

    /** How a kind of record is named when it is missing: the field the refusal is against, and a noun. */
    public record Kind(String field, String noun) {
    }

    @PersistenceContext
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    /** Record {@code id}, locked for change; refused when it does not exist or changed since {@code seenVersion}. */
    public <T extends Versioned> T lock(Class<T> type, Object id, long seenVersion, Kind kind) {
        T record = em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        if (record == null) {
            throw new InvalidInput(kind.field(), "No " + kind.noun() + " " + id + ".");
        }
        return seen(record, seenVersion);
    }

    /** Refuses a change to {@code record} when it is no longer the version the person saw. */
    public static <T extends Versioned> T seen(T record, long seenVersion) {
        if (record.getVersion() != seenVersion) {
            throw new InvalidInput("version", changedMeanwhile(record));
        }
        return record;
    }

    /** The one message: who changed it and when, and what to do. */
    public static String changedMeanwhile(Versioned record) {
        String who = record.lastChangedBy();
        return (who == null ? "Changed meanwhile" : "Changed by " + who
                + (record.lastChangedAt() == null ? "" : " at " + Times.format(record.lastChangedAt())))
                + " — reload to see the change.";
    }

    /** Changes {@code record} as the signed-in person, with its audit row. */
    public <T extends Audited> T apply(String action, T record, Runnable change) {
        return apply(null, action, record, change);
    }

    /** Changes {@code record} on behalf of {@code actor} (null: the signed-in person), with its audit row. */
    public <T extends Audited> T apply(String actor, String action, T record, Runnable change) {
        apply(actor, action, record.auditType(), record.auditId(), record::snapshot, change);
        return record;
    }

    /**
     * Makes a change whose snapshot the service composes (a review with its action items): snapshot before, change,
     * flush, snapshot after, audit row.
     */
    public void apply(String actor, String action, String type, Object id, Supplier<Map<String, Object>> snapshot,
                      Runnable change) {
        Map<String, Object> before = snapshot.get();
        change.run();
        em.flush();
        record(actor, action, type, id, before, snapshot.get());
    }

    /** As {@link #apply(String, String, String, Object, Supplier, Runnable)}, with no audit row when nothing changed. */
    public boolean applyIfChanged(String actor, String action, String type, Object id,
                                  Supplier<Map<String, Object>> snapshot, Runnable change) {
        Map<String, Object> before = snapshot.get();
        change.run();
        em.flush();
        Map<String, Object> after = snapshot.get();
        if (after.equals(before)) {
            return false;
        }
        record(actor, action, type, id, before, after);
        return true;
    }

    /** Stores a new record, with its audit row. */
    public <T extends Audited> T create(String action, T record) {
        return create(null, action, record);
    }

    /** Stores a new record on behalf of {@code actor} (null: the signed-in person), with its audit row. */
    public <T extends Audited> T create(String actor, String action, T record) {
        em.persist(record);
        em.flush();
        record(actor, action, record.auditType(), record.auditId(), null, record.snapshot());
        return record;
    }

    /** Stores a new record whose snapshot the service composes (an exercise with its parts), with its audit row. */
    public void create(String actor, String action, String type, Supplier<Object> id, Runnable store,
                       Supplier<Map<String, Object>> snapshot) {
        store.run();
        em.flush();
        record(actor, action, type, id.get(), null, snapshot.get());
    }

    /**
     * The audit row of a new record a set-based writer stored itself (many at once, in the caller's transaction):
     * what {@link #create(String, String, Audited)} records after storing one.
     */
    public void created(String actor, String action, Audited record) {
        record(actor, action, record.auditType(), record.auditId(), null, record.snapshot());
    }

    /** As {@link #created(String, String, Audited)}, for a record whose snapshot the writer composes. */
    public void created(String actor, String action, String type, Object id, Map<String, Object> snapshot) {
        record(actor, action, type, id, null, snapshot);
    }

    private void record(String actor, String action, String type, Object id, Map<String, Object> before,
                        Map<String, Object> after) {
        if (actor == null) {
            audit.record(action, type, id, before, after);
        } else {
            audit.record(actor, action, type, id, before, after);
        }
    }
}
