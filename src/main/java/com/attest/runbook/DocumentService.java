package com.attest.runbook;

import com.attest.platform.InvalidInput;
import com.attest.platform.ScratchFolders;
import com.attest.platform.Times;
import com.attest.platform.audit.Sha256;
import com.attest.platform.change.Changes;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook and the policy: every save is one Git commit authored by the signed-in lead and one version row;
 * a version goes to review, and a compliance lead who did not write it approves it into force (superseding the
 * one before) or returns it with comments. Bad input and a stale edit change neither Git nor the register.
 */
@ApplicationScoped
@Transactional
public class DocumentService {

    static final String ENTITY = "DocumentVersion";

    /** The incident-response runbook's slug: its version in force is the one incidents are pinned to. */
    public static final String RUNBOOK = "incident-response-runbook";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Changes changes;

    @Inject
    private Caller caller;

    @Inject
    private UserService users;

    @Inject
    private DocumentRepository repository;

    @Inject
    private com.attest.calendar.CalendarService calendars;

    @Inject
    private jakarta.enterprise.event.Event<Saved> saved;

    /** Fired when versions were committed; the repository pushes them once the transaction has committed. */
    public record Saved(String slug) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Document> all() {
        return em.createNamedQuery(Document.ALL, Document.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Document> find(String slug) {
        return em.createNamedQuery(Document.BY_SLUG, Document.class).setParameter("slug", slug == null ? "" : slug)
                .getResultStream().findFirst();
    }

    /** Newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DocumentVersion> versions(Document document) {
        return em.createNamedQuery(DocumentVersion.OF_DOCUMENT, DocumentVersion.class)
                .setParameter("document", document.getId()).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DocumentVersion> inForce(Document document) {
        return em.createNamedQuery(DocumentVersion.IN_FORCE, DocumentVersion.class)
                .setParameter("document", document.getId()).getResultStream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DocumentVersion> version(Document document, int number) {
        return versions(document).stream().filter(v -> v.getNumber() == number).findFirst();
    }

    /** The line-by-line difference between two versions, through Git. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GitDocumentStore.DiffLine> diff(Document document, int from, int to) {
        DocumentVersion a = version(document, from).orElseThrow(() -> new InvalidInput("from", "No version " + from + "."));
        DocumentVersion b = version(document, to).orElseThrow(() -> new InvalidInput("to", "No version " + to + "."));
        return repository.git().diffLines(document.getPath(), a.getCommitId(), b.getCommitId());
    }

    /**
     * Saves the text as the next version, based on version {@code basedOn} (0 for none): if someone saved since,
     * nothing is saved and the message says who and when.
     */
    public DocumentVersion save(String slug, int basedOn, String body, String message) {
        caller.require("edit the runbook and the policy", Role.COMPLIANCE_LEAD);
        Document document = find(slug).orElseThrow(() -> new InvalidInput("document", "No document " + slug + "."));
        return commit(document, basedOn, body, message, caller.name(), mailOf(caller.name()));
    }

    public DocumentVersion submit(String slug, int number) {
        caller.require("send documents to review", Role.COMPLIANCE_LEAD);
        DocumentVersion v = load(slug, number);
        if (v.getState() != DocumentVersion.State.DRAFT && v.getState() != DocumentVersion.State.RETURNED) {
            throw new InvalidInput("state", "Version " + number + " is " + label(v.getState()) + ", not a draft.");
        }
        return changes.apply("document.submitted", v, () -> v.submit(caller.name(), clock.instant()));
    }

    /** Puts an in-review version into force: by a compliance lead who is not its author. */
    public DocumentVersion approve(String slug, int number, String comment) {
        caller.require("approve documents", Role.COMPLIANCE_LEAD);
        Document document = find(slug).orElseThrow(() -> new InvalidInput("document", "No document " + slug + "."));
        em.lock(document, LockModeType.PESSIMISTIC_WRITE);
        DocumentVersion v = load(slug, number);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (v.getState() != DocumentVersion.State.IN_REVIEW) {
            errors.add("state", "Only a version in review can be approved; version " + number + " is "
                    + label(v.getState()) + ".");
        }
        if (v.getAuthor().equals(caller.name())) {
            errors.add("approver", "You wrote version " + number + ": another compliance lead must approve it.");
        }
        String note = comment == null ? "" : comment.strip();
        if (note.length() > 2000) {
            errors.add("comment", "A comment is at most 2,000 characters long.");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        inForce(document).ifPresent(old -> changes.apply("document.superseded", old, old::supersede));
        LocalDate today = now.atZone(calendars.zone()).toLocalDate();
        return changes.apply("document.approved", v, () -> v.approve(caller.name(), now, note.isEmpty() ? null : note,
                today.plusMonths(document.getReviewIntervalMonths())));
    }

    public DocumentVersion giveBack(String slug, int number, String comment) {
        caller.require("review documents", Role.COMPLIANCE_LEAD);
        DocumentVersion v = load(slug, number);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (v.getState() != DocumentVersion.State.IN_REVIEW) {
            errors.add("state", "Only a version in review can be returned.");
        }
        String note = comment == null ? "" : comment.strip();
        if (note.isEmpty() || note.length() > 2000) {
            errors.add("comment", "Say what must change (up to 2,000 characters).");
        }
        errors.throwIfAny();
        return changes.apply("document.returned", v, () -> v.giveBack(caller.name(), clock.instant(), note));
    }

    /** On the first start: the runbook from the policy's five steps and the policy, in review, authored by the portal. */
    public void seedIfEmpty() {
        com.attest.platform.cluster.Claims.firstStart(em, "documents"); // another node may be seeding right now
        if (!all().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Document.Kind kind : Document.Kind.values()) {
            Document document = new Document(kind, "incident-response-" + kind.name().toLowerCase(), "system", now);
            em.persist(document);
            em.flush();
            String body = kind == Document.Kind.RUNBOOK ? RunbookFormat.write(InitialDocuments.incidentResponse())
                    : InitialDocuments.policy();
            DocumentVersion v = commit(document, 0, body, "Initial version from the incident-response policy",
                    "system", "system@attest.invalid");
            v.submit("system", now);
        }
    }

    private DocumentVersion commit(Document document, int basedOn, String raw, String rawMessage, String author,
                                   String email) {
        em.lock(document, LockModeType.PESSIMISTIC_WRITE); // one save at a time per document
        String body = raw == null ? "" : raw.replace("\r\n", "\n").strip() + "\n";
        String message = rawMessage == null || rawMessage.isBlank() ? "Edit" : rawMessage.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<DocumentVersion> versions = versions(document);
        int latest = versions.isEmpty() ? 0 : versions.get(0).getNumber();
        if (latest != basedOn) {
            DocumentVersion newer = versions.get(0);
            errors.add("version", newer.getAuthor() + " saved version " + latest + " at "
                    + Times.format(newer.getCreatedAt()) + " while you were editing version " + basedOn
                    + ": nothing was saved. Reload, then apply your changes again (your text is still in the editor).");
            errors.throwIfAny();
        }
        String title = null;
        if (document.getKind() == Document.Kind.RUNBOOK) {
            Runbook runbook = RunbookFormat.read(body);
            RunbookFormat.validate(runbook);
            title = runbook.title();
        } else {
            title = RunbookFormat.titleOf(body);
        }
        if (message.length() > 500) {
            errors.add("message", "The change note must be at most 500 characters long.");
        }
        if (body.length() > 500_000) {
            errors.add("body", "The document must be at most 500,000 characters long.");
        }
        if (!versions.isEmpty() && versions.get(0).getBody().equals(body)) {
            errors.add("body", "Nothing changed since version " + latest + ".");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        supersedePending(versions, author);
        String commitId = commitToGit(document, body, author, email, message, now);
        DocumentVersion v = changes.create(author, "document.saved", new DocumentVersion(document.getId(), latest + 1,
                commitId, title, body, Sha256.hex(body), message, author, now));
        saved.fire(new Saved(document.getSlug()));
        return v;
    }

    /**
     * Imports a document's history from another Git repository within the configured import sources (a folder on
     * the server, file:// or https://): every commit that touched {@code sourcePath} becomes a commit here with its
     * author, date and message, and a version row; the last one is a draft to review. The source is read into a
     * scratch repository first and its last text checked, so a bad source leaves this repository and the register as
     * they were. Whatever keeps a source from being read — outside the sources, missing, not a repository, without
     * the file, unreachable — answers one message, so an import tells nobody which folders or hosts exist.
     */
    public List<DocumentVersion> importHistory(String slug, String source, String sourcePath) {
        caller.require("import documents", Role.COMPLIANCE_LEAD);
        Document document = find(slug).orElseThrow(() -> new InvalidInput("document", "No document " + slug + "."));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String from = source == null ? "" : source.strip();
        String file = sourcePath == null ? "" : sourcePath.strip();
        ImportSources sources = repository.importSources();
        if (sources.isOff()) {
            errors.add("repository", "Import is switched off: no import sources are configured "
                    + "(attest.documents.import-sources).");
        } else if (from.isEmpty()) {
            errors.add("repository", "Name the Git repository to import from (a path or an https:// URL).");
        }
        if (file.isEmpty()) {
            errors.add("sourcePath", "Name the file in that repository, e.g. runbooks/incident-response.md.");
        }
        errors.throwIfAny();
        String repositoryToRead = sources.resolve(from).orElseThrow(() -> unreadable(from, "outside the sources"));
        em.lock(document, LockModeType.PESSIMISTIC_WRITE);
        String last;
        java.nio.file.Path scratch = null;
        try {
            scratch = java.nio.file.Files.createTempDirectory("attest-import");
            try (GitDocumentStore trial = GitDocumentStore.open(scratch)) {
                List<String> commits = trial.importHistory(repositoryToRead, file, document.getPath(), caller.name(),
                        mailOf(caller.name()));
                last = trial.read(document.getPath(), commits.get(commits.size() - 1)).orElse("");
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw unreadable(from, e.getMessage());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            ScratchFolders.delete(scratch);
        }
        if (document.getKind() == Document.Kind.RUNBOOK) {
            RunbookFormat.validate(RunbookFormat.read(last));
        } else {
            RunbookFormat.titleOf(last);
        }
        List<DocumentVersion> existing = versions(document);
        int number = existing.isEmpty() ? 0 : existing.get(0).getNumber();
        Instant now = clock.instant();
        supersedePending(existing, caller.name());
        List<String> commits = repository.git().importHistory(repositoryToRead, file, document.getPath(), caller.name(),
                mailOf(caller.name()));
        Map<String, GitDocumentStore.Revision> revisions = new java.util.HashMap<>();
        repository.git().history(document.getPath()).forEach(r -> revisions.put(r.commitId(), r));
        List<DocumentVersion> imported = new java.util.ArrayList<>();
        for (int i = 0; i < commits.size(); i++) {
            String id = commits.get(i);
            String text = repository.git().read(document.getPath(), id).orElse("");
            GitDocumentStore.Revision r = revisions.get(id);
            String title = titleOrPath(text, document);
            String author = r.authorName().length() > 64 ? r.authorName().substring(0, 64) : r.authorName();
            String message = r.message().strip().isEmpty() ? "Imported" : r.message().strip();
            DocumentVersion v = new DocumentVersion(document.getId(), ++number, id, title, text, Sha256.hex(text),
                    message.length() > 500 ? message.substring(0, 499) + "…" : message, author, now);
            if (i < commits.size() - 1) {
                v.supersede();
            }
            imported.add(changes.create("document.imported", v));
        }
        saved.fire(new Saved(document.getSlug()));
        return imported;
    }

    private static String titleOrPath(String text, Document document) {
        try {
            String title = RunbookFormat.titleOf(text);
            return title.length() > 200 ? title.substring(0, 200) : title;
        } catch (InvalidInput e) {
            return document.getPath();
        }
    }

    /**
     * One commit for the text; when the repository already holds exactly this text (a register started afresh
     * beside a kept repository), the commit that holds it stands for the version.
     */
    private String commitToGit(Document document, String body, String author, String email, String message,
                               Instant now) {
        try {
            return repository.git().commit(document.getPath(), body, author, email, message, now);
        } catch (IllegalStateException unchanged) {
            List<GitDocumentStore.Revision> history = repository.git().history(document.getPath());
            if (history.isEmpty() || !repository.git().read(document.getPath(), history.get(0).commitId())
                    .map(body::equals).orElse(false)) {
                throw unchanged;
            }
            return history.get(0).commitId();
        }
    }

    /** An earlier draft, returned version or version in review is no longer the candidate: a new one replaces it. */
    private void supersedePending(List<DocumentVersion> versions, String by) {
        for (DocumentVersion pending : versions) {
            if (pending.getState() == DocumentVersion.State.DRAFT || pending.getState() == DocumentVersion.State.IN_REVIEW
                    || pending.getState() == DocumentVersion.State.RETURNED) {
                changes.apply(by, "document.superseded", pending, pending::supersede);
            }
        }
    }

    private DocumentVersion load(String slug, int number) {
        Document document = find(slug).orElseThrow(() -> new InvalidInput("document", "No document " + slug + "."));
        return version(document, number)
                .orElseThrow(() -> new InvalidInput("version", "No version " + number + " of " + slug + "."));
    }

    /** The one answer to a source that cannot be read; the reason goes to the server log for the operator. */
    private InvalidInput unreadable(String source, String reason) {
        java.util.logging.Logger.getLogger(DocumentService.class.getName()).info(() -> "Import by " + caller.name()
                + " from " + source + " refused: " + reason);
        return new InvalidInput("repository", "Nothing imported: the repository is not within the import sources, "
                + "cannot be read, or has no such file.");
    }

    private String mailOf(String username) {
        return users.find(username).map(u -> u.getEmail()).filter(m -> m != null && !m.isBlank())
                .orElse(username + "@attest.invalid");
    }

    static String label(DocumentVersion.State state) {
        return state.name().toLowerCase().replace('_', ' ');
    }
}
