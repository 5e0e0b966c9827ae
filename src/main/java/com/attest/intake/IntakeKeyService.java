package com.attest.intake;

import com.attest.incident.Source;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Issues, rotates and revokes intake keys (compliance leads only) and recognises a presented key. Keys are
 * 256 random bits; a lookup by their SHA-256 needs no slow hash. Recognised keys are remembered for a few
 * seconds so a burst of alerts does not query for each one; any change forgets them at once.
 */
@ApplicationScoped
@Transactional
public class IntakeKeyService {

    static final String ENTITY = "IntakeKey";
    private static final String PREFIX = RecognisedKeys.PREFIX;
    private static final Duration MAX_OVERLAP = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just issued: the only moment its value exists outside the source's configuration. */
    public record Issued(IntakeKey key, String secret) {
    }

    /** A recognised key, as far as a request needs it. */
    public record Known(long id, Source source, String name, String prefix, Instant expiresAt, boolean revoked) {
        boolean activeAt(Instant now) {
            return !revoked && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    @Inject
    private RecognisedKeys recent;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @jakarta.annotation.Resource
    private jakarta.transaction.TransactionSynchronizationRegistry transaction;

    public Issued issue(Source source, String name) {
        caller.require("issue intake keys", Role.COMPLIANCE_LEAD);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String label = name == null ? "" : name.strip();
        if (source == null || source == Source.MANUAL) {
            errors.add("keySource", "Choose the source that will use the key.");
        }
        if (label.isEmpty() || label.length() > 100) {
            errors.add("keyName", "Name the key (1 to 100 characters), e.g. the Action Group it goes into.");
        }
        errors.throwIfAny();
        return create(source, label, null);
    }

    /**
     * A key the portal issues itself, in the caller's transaction, for a source it configures in Azure (a repair of
     * the detection pipeline writes it into the action group's webhook): the value goes to Azure only.
     *
     * @param actor who the audit trail names, e.g. the action runner
     */
    public Issued issueForAzure(Source source, String name, String actor) {
        return create(source, name, actor);
    }

    /**
     * A successor for the key; the old one keeps working for {@code overlapHours} (0 to 720) so the source can
     * be reconfigured without a gap.
     */
    public Issued rotate(long id, int overlapHours) {
        caller.require("rotate intake keys", Role.COMPLIANCE_LEAD);
        IntakeKey old = em.find(IntakeKey.class, id);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Instant now = clock.instant();
        if (old == null || !old.isActive(now)) {
            errors.add("key", "That key is no longer active: issue a new one.");
        } else if (old.getReplacedBy() != null) {
            errors.add("key", "That key was already rotated.");
        }
        if (overlapHours < 0 || Duration.ofHours(overlapHours).compareTo(MAX_OVERLAP) > 0) {
            errors.add("overlapHours", "The overlap is 0 to 720 hours.");
        }
        errors.throwIfAny();
        Issued successor = create(old.getSource(), old.getName(), null);
        changes.apply("intake-key.rotated", old,
                () -> old.retire(successor.key().getId(), now.plus(Duration.ofHours(overlapHours))));
        forgetRecognised();
        return successor;
    }

    public IntakeKey revoke(long id) {
        caller.require("revoke intake keys", Role.COMPLIANCE_LEAD);
        IntakeKey key = em.find(IntakeKey.class, id);
        if (key == null || key.getRevokedAt() != null) {
            throw new InvalidInput("key", "That key does not exist or is already revoked.");
        }
        changes.apply("intake-key.revoked", key, () -> key.revoke(caller.name(), clock.instant()));
        forgetRecognised();
        return key;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IntakeKey> all() {
        return em.createNamedQuery(IntakeKey.ALL, IntakeKey.class).getResultList();
    }

    /**
     * The key whose SHA-256 is {@code hash} (see {@link RecognisedKeys#hashOf}), active or not, remembered for the
     * next deliveries; null when there is none. {@link IntakeGate} asks here when it does not remember the key.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Known lookUp(String hash) {
        Known known = em.createNamedQuery(IntakeKey.BY_HASH, IntakeKey.class).setParameter("hash", hash)
                .getResultStream().findFirst()
                .map(k -> new Known(k.getId(), k.getSource(), k.getName(), k.getPrefix(), k.getExpiresAt(),
                        k.getRevokedAt() != null))
                .orElse(null);
        if (known != null) {
            recent.remember(hash, known, clock.instant());
        }
        return known;
    }

    /** Forgets recognised keys now and once the change has committed, so a revoked key stops at once. */
    private void forgetRecognised() {
        com.attest.platform.Reloadable.nowAndAfter(transaction, recent::forget);
    }

    private Issued create(Source source, String name, String actor) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        IntakeKey key = changes.create(actor, "intake-key.issued", new IntakeKey(source, name,
                secret.substring(0, PREFIX.length() + 6), Sha256.hex(secret), actor == null ? caller.name() : actor,
                clock.instant()));
        return new Issued(key, secret);
    }
}
