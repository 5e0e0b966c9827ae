package com.attest.intake;

import com.attest.platform.audit.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The intake keys recognised in the last few seconds, by their SHA-256, so a burst of alerts does not query for
 * each one. Asked by {@link IntakeGate} before anything else on every delivery, outside any transaction (an alert
 * storm's hottest path: a transactional call cost more than the lookup); filled and emptied by
 * {@link IntakeKeyService}, which forgets them all whenever a key changes.
 */
@ApplicationScoped
public class RecognisedKeys {

    static final String PREFIX = "atk_";
    private static final Duration REMEMBER = Duration.ofSeconds(10);
    private static final int MOST = 1000;

    private record Remembered(IntakeKeyService.Known key, Instant until) {
    }

    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    /** The hash a presented value is looked up by, or null when it cannot be one of ours. */
    static String hashOf(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return null;
        }
        return Sha256.hex(presented);
    }

    /** The key recognised by this hash until a moment after {@code now}, if any. */
    IntakeKeyService.Known find(String hash, Instant now) {
        Remembered remembered = recent.get(hash);
        return remembered != null && now.isBefore(remembered.until()) ? remembered.key() : null;
    }

    void remember(String hash, IntakeKeyService.Known key, Instant now) {
        if (recent.size() > MOST) {
            recent.clear();
        }
        recent.put(hash, new Remembered(key, now.plus(REMEMBER)));
    }

    void forget() {
        recent.clear();
    }
}
