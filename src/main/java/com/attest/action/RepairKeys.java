package com.attest.action;

import com.attest.azure.AzureFailure;
import com.attest.incident.Source;
import com.attest.intake.IntakeKeyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * An intake key issued for the write that carries it into Azure, in one transaction with that write: when Azure
 * refuses, the key was never issued (nothing half-created); when Azure accepts, the key exists from then on.
 */
@ApplicationScoped
public class RepairKeys {

    /** A write to Azure that needs the new key's value. */
    @FunctionalInterface
    public interface Write<T> {
        T with(String key) throws AzureFailure;
    }

    @Inject
    private IntakeKeyService keys;

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = AzureFailure.class)
    public <T> T withNewKey(String name, String actor, Write<T> write) throws AzureFailure {
        return write.with(keys.issueForAzure(Source.AZURE_MONITOR, name, actor).secret());
    }
}
