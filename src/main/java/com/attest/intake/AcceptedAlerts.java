package com.attest.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deliveries this node accepted, as intake read them, until they are processed: processing takes a delivery's bytes
 * and its reading from here instead of fetching the bytes it just stored and reading them again. Only a shortcut —
 * what is not here (accepted by another node or before a restart, replayed, crowded out) is read from the database
 * as before, and processing claims its deliveries in the database either way, so two nodes still process each once.
 * A reading made when the delivery was accepted is the one processing would make: the same bytes, the same reader
 * (this node's), and the only thing that depends on the time — a fired time too far in the future — was checked then.
 */
@ApplicationScoped
public class AcceptedAlerts {

    /** A storm's worth: beyond it deliveries are read back from the database. */
    static final int MOST = 20_000;

    /** A delivery waits a millisecond more for every so many accepted ahead of processing beyond a batch. */
    static final int PER_MILLISECOND = 25;
    /** The most a delivery waits for processing: well inside a webhook's patience, whatever processing does. */
    static final long MOST_PAUSE_MILLIS = 50;

    /** A delivery as accepted. */
    record Accepted(Delivery delivery, ReceivedAlert alert) {
    }

    private final Map<Long, Accepted> byId = new ConcurrentHashMap<>();

    /** A delivery kept under {@code id}, read as {@code alert}. */
    void keep(long id, Delivery delivery, ReceivedAlert alert) {
        if (byId.size() < MOST) {
            byId.put(id, new Accepted(delivery, alert));
        }
    }

    /** The delivery kept under {@code id} as accepted, or null when this node does not have it. */
    Accepted take(long id) {
        return byId.remove(id);
    }

    /**
     * Forgets what is older than {@code id}: a batch claims the oldest pending deliveries, so what is older and still
     * here was processed by another node (or is being: then it is read from the database, as if never here). A node
     * whose deliveries the other node processes finds nothing to claim and forgets everything, so what it keeps does
     * not outlive a storm.
     */
    void forgetBefore(long id) {
        byId.keySet().removeIf(k -> k < id);
    }

    int size() {
        return byId.size();
    }

    /**
     * How long a delivery arriving now waits before it is kept, so that processing keeps up with acceptance: nothing
     * while this node's accepted deliveries not yet taken by processing are at most a batch, then a millisecond more
     * for every {@value #PER_MILLISECOND} beyond, at most {@value #MOST_PAUSE_MILLIS}. On two cores an alert storm
     * accepted at full speed leaves processing too little of the machine and the lag from 202 to incident grows for as
     * long as the storm lasts; a few milliseconds on each answer (Azure waits ten seconds) hand the cores to processing
     * and hold the lag near a batch. Outside a storm processing keeps up and nothing waits.
     */
    long pauseMillis() {
        return pauseMillis(byId.size());
    }

    static long pauseMillis(int ahead) {
        int beyond = ahead - IntakeDeliveryService.BATCH;
        return beyond <= 0 ? 0 : Math.min(MOST_PAUSE_MILLIS, 1 + beyond / PER_MILLISECOND);
    }
}
