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

    @Inject
    @ConfigProperty(name = "attest.documents.remote", defaultValue = " ")
    private String remote;

    @Inject
    @ConfigProperty(name = "attest.documents.remote-user", defaultValue = " ")
    private String remoteUser;

    @Inject
    @ConfigProperty(name = "attest.documents.remote-token", defaultValue = " ")
    private String remoteToken;

    @Inject
    @ConfigProperty(name = "attest.documents.import-sources", defaultValue = " ")
    private String importSources;

    @jakarta.annotation.Resource
    private jakarta.enterprise.concurrent.ManagedExecutorService executor;

    private ImportSources sources;

    private GitDocumentStore store;
    private volatile String lastPush;

    /** A save committed: push to the configured remote, off the request thread (a slow remote delays no one). */
    void saved(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
               DocumentService.Saved saved) {
        if (remote.isBlank()) {
            return;
        }
        executor.execute(() -> {
            String result;
            try {
                result = store.push(remote.strip(), remoteUser.isBlank() ? null : remoteUser.strip(),
                        remoteToken.isBlank() ? null : remoteToken.strip());
            } catch (RuntimeException e) {
                result = "failed: " + e.getMessage();
                java.util.logging.Logger.getLogger(DocumentRepository.class.getName())
                        .warning("Pushing the document repository failed: " + e.getMessage());
            }
            lastPush = java.time.Instant.now() + " " + result;
        });
    }

    /** Where versions are pushed and how the last push went, for the documents page; null without a remote. */
    public String pushStatus() {
        if (remote.isBlank()) {
            return null;
        }
        String at = remote.strip().replaceAll("//[^@/]*@", "//");
        return at + (lastPush == null ? "" : " · " + lastPush);
    }

    @PostConstruct
    void open() {
        Path dir = configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".attest", "documents")
                : Path.of(configured.strip());
        store = GitDocumentStore.open(dir);
        sources = ImportSources.parse(importSources);
    }

    /** Where a document's history may be imported from ({@code attest.documents.import-sources}). */
    public ImportSources importSources() {
        return sources;
    }

    public GitDocumentStore git() {
        return store;
    }

    @PreDestroy
    void close() {
        store.close();
    }
}
