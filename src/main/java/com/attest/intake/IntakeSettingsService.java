package com.attest.intake;

import com.attest.platform.InvalidInput;
import com.attest.platform.Reloadable;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The classification rules and intake settings the compliance lead edits. What intake applies is held in
 * memory and reloaded after every change, so classifying an alert costs no query.
 */
@ApplicationScoped
@Transactional
public class IntakeSettingsService {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    private final Reloadable<RuleSet> inForce = new Reloadable<>(Duration.ofSeconds(30));
    private final Reloadable<IntakeSettings> settingsInForce = new Reloadable<>(Duration.ofSeconds(30));

    @jakarta.annotation.Resource
    private jakarta.transaction.TransactionSynchronizationRegistry transaction;

    /** The rules in force, as intake applies them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RuleSet ruleSet() {
        return inForce.get(() -> new RuleSet(rules().stream().map(ClassificationRule::rule).toList()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ClassificationRule> rules() {
        return em.createNamedQuery(ClassificationRule.ALL, ClassificationRule.class).getResultList();
    }

    /** Adds a rule (id 0) or changes one, refusing a change made since {@code seenVersion} was read. */
    public ClassificationRule save(RuleSet.Rule raw, long seenVersion) {
        caller.require("change classification rules", Role.COMPLIANCE_LEAD);
        RuleSet.Rule rule = new RuleSet.Rule(raw.id(), raw.name() == null ? "" : raw.name().strip(), raw.source(),
                raw.kind(), raw.pattern() == null ? "" : raw.pattern().strip(), raw.severity(), raw.category(),
                raw.enabled(), raw.position());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (rule.name().isEmpty() || rule.name().length() > 100) {
            errors.add("ruleName", "Name the rule (1 to 100 characters).");
        }
        if (rule.kind() == null) {
            errors.add("ruleKind", "Choose whether the rule matches the severity word, the alert's text, or keeps"
                    + " alerts of a type without an incident.");
        }
        if (rule.pattern().isEmpty() || rule.pattern().length() > 500) {
            errors.add("rulePattern", "Give the severity word or phrases to match (1 to 500 characters).");
        } else if (rule.kind() == RuleSet.Rule.Kind.SEVERITY && rule.pattern().contains("|")) {
            errors.add("rulePattern", "A severity rule matches one word, e.g. High or Sev1.");
        }
        if (rule.severity() == null) {
            errors.add("ruleSeverity", "Choose the severity the rule gives.");
        }
        if (rule.position() < 0 || rule.position() > 100_000) {
            errors.add("rulePosition", "The order is a number from 0 to 100,000.");
        }
        ClassificationRule stored = rule.id() == 0 ? null : em.find(ClassificationRule.class, rule.id());
        if (rule.id() != 0 && stored == null) {
            errors.add("rule", "That rule no longer exists.");
        } else if (stored != null && stored.getVersion() != seenVersion) {
            errors.add("version", Changes.changedMeanwhile(stored));
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        ClassificationRule saved = stored == null
                ? changes.create("classification-rule.added", new ClassificationRule(rule, caller.name(), now))
                : changes.apply("classification-rule.changed", stored, () -> stored.change(rule, caller.name(), now));
        inForce.forget(transaction);
        return saved;
    }

    public void remove(long id) {
        caller.require("change classification rules", Role.COMPLIANCE_LEAD);
        ClassificationRule rule = em.find(ClassificationRule.class, id);
        if (rule == null) {
            throw new InvalidInput("rule", "That rule no longer exists.");
        }
        audit.record("classification-rule.removed", "ClassificationRule", id, rule.snapshot(), null);
        em.remove(rule);
        inForce.forget(transaction);
    }

    /** The settings in force (a detached copy, reused for a short while: every alert reads them). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public IntakeSettings settings() {
        return settingsInForce.get(() -> {
            IntakeSettings settings = em.find(IntakeSettings.class, (short) 1);
            if (em.isJoinedToTransaction()) {
                em.detach(settings); // outside a transaction it is detached already
            }
            return settings;
        });
    }

    public IntakeSettings changeSettings(long seenVersion, Integer windowMinutes) {
        caller.require("change intake settings", Role.COMPLIANCE_LEAD);
        IntakeSettings settings = em.find(IntakeSettings.class, (short) 1);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (windowMinutes == null || windowMinutes < 0 || windowMinutes > 10_080) {
            errors.add("correlationWindow", "The correlation window is 0 to 10,080 minutes (a week).");
        }
        if (settings.getVersion() != seenVersion) {
            errors.add("version", Changes.changedMeanwhile(settings));
        }
        errors.throwIfAny();
        return changes.apply("intake-settings.changed", settings, () -> {
            settings.change(windowMinutes);
            settingsInForce.forget(transaction);
        });
    }
}
