package com.attest.runbook;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one Git repository the portal keeps its documents in, at {@code attest.documents.repository}. */
@ApplicationScoped
public class DocumentRepository {

    @Inject
    @ConfigProperty(name = "attest.documents.repository", defaultValue = " ")
    private String configured;

    private GitDocumentStore store;

    @PostConstruct
    void open() {
        Path dir = configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".attest", "documents")
                : Path.of(configured.strip());
        store = GitDocumentStore.open(dir);
    }

    public GitDocumentStore git() {
        return store;
    }

    @PreDestroy
    void close() {
        store.close();
    }
}
