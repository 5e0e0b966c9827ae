package com.attest.oncall;

import com.attest.incident.Severity;
import com.attest.platform.InvalidInput;
import com.attest.platform.Reloadable;
import com.attest.platform.change.Changes;
import com.attest.security.AccountForm;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Arrays;

/** Whom a new incident pages and from which severity: the compliance lead sets it on the On-call page. */
@ApplicationScoped
@Transactional
public class OnCallSettingsService {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Resource
    private TransactionSynchronizationRegistry transaction;

    /** Every new incident reads them: reused for a short while, forgotten on change. */
    private final Reloadable<OnCallSettings> inForce = new Reloadable<>(Duration.ofSeconds(30));

    /** The settings in force (a detached copy). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public OnCallSettings settings() {
        return inForce.get(() -> {
            OnCallSettings settings = em.find(OnCallSettings.class, (short) 1);
            if (em.isJoinedToTransaction()) {
                em.detach(settings); // outside a transaction it is detached already
            }
            return settings;
        });
    }

    public OnCallSettings change(long seenVersion, Severity minSeverity, String recipients) {
        caller.require("change on-call settings", Role.COMPLIANCE_LEAD);
        OnCallSettings settings = em.find(OnCallSettings.class, (short) 1);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (minSeverity == null) {
            errors.add("notifyMinSeverity", "Choose the least severe incident that pages the on-call person.");
        }
        String list = recipients == null ? "" : String.join(", ",
                Arrays.stream(recipients.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList());
        for (String address : list.isEmpty() ? new String[0] : list.split(", ")) {
            if (!AccountForm.isEmail(address)) {
                errors.add("emailRecipients", "'" + address + "' is not an e-mail address.");
                break;
            }
        }
        if (list.length() > 2000) {
            errors.add("emailRecipients", "At most 2,000 characters of addresses.");
        }
        if (settings.getVersion() != seenVersion) {
            errors.add("version", Changes.changedMeanwhile(settings));
        }
        errors.throwIfAny();
        return changes.apply("oncall-settings.changed", settings, () -> {
            settings.change(minSeverity, list);
            inForce.forget(transaction);
        });
    }
}
