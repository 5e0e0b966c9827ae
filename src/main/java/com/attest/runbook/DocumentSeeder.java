package com.attest.runbook;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** On the first start, the runbook and the policy the incident-response policy describes, waiting for a compliance lead's approval. */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class DocumentSeeder {

    @Inject
    private DocumentService documents;

    @PostConstruct
    void seed() {
        documents.seedIfEmpty();
    }
}
