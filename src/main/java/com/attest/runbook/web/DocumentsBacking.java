package com.attest.runbook.web;

import com.attest.calendar.CalendarService;
import com.attest.runbook.Document;
import com.attest.runbook.DocumentVersion;
import com.attest.runbook.DocumentService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The runbook and the policy: the version in force, its review date, and what is waiting. */
@Named
@ViewScoped
public class DocumentsBacking implements Serializable {

    /** One line of the list. */
    public record Row(Document document, DocumentVersion inForce, DocumentVersion latest, boolean overdue) implements Serializable {
    }

    @Inject
    private DocumentService documents;

    @Inject
    private CalendarService calendars;

    @Inject
    private Clock clock;

    @Inject
    private com.attest.runbook.DocumentRepository repository;

    private List<Row> rows;
    private String importSlug;
    private String importRepository;
    private String importPath;

    @PostConstruct
    void load() {
        LocalDate today = clock.instant().atZone(calendars.zone()).toLocalDate();
        rows = documents.all().stream().map(d -> {
            DocumentVersion inForce = documents.inForce(d).orElse(null);
            List<DocumentVersion> versions = documents.versions(d);
            return new Row(d, inForce, versions.isEmpty() ? null : versions.get(0),
                    inForce != null && inForce.isReviewOverdue(today));
        }).toList();
    }

    /** Imports a document's history from another Git repository (compliance lead). */
    public void importHistory() {
        try {
            int count = documents.importHistory(importSlug, importRepository, importPath).size();
            com.attest.platform.web.Forms.info("documents.imported", count);
            importRepository = null;
            importPath = null;
            load();
        } catch (com.attest.platform.InvalidInput invalid) {
            com.attest.platform.web.Forms.show(invalid, "importForm");
        }
    }

    /** The folders and addresses a history may be imported from; empty when import is off. */
    public List<String> getImportSources() {
        return repository.importSources().describe();
    }

    public String getImportSourcesText() {
        return String.join(", ", getImportSources());
    }

    public String getImportSlug() {
        return importSlug;
    }

    public void setImportSlug(String importSlug) {
        this.importSlug = importSlug;
    }

    public String getImportRepository() {
        return importRepository;
    }

    public void setImportRepository(String importRepository) {
        this.importRepository = importRepository;
    }

    public String getImportPath() {
        return importPath;
    }

    public void setImportPath(String importPath) {
        this.importPath = importPath;
    }

    public String getRepository() {
        return repository.git().directory().toString();
    }

    public String getPushStatus() {
        return repository.pushStatus();
    }

    public List<Row> getRows() {
        return rows;
    }
}
