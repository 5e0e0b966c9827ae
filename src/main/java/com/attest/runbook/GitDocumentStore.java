package com.attest.runbook;

import com.attest.platform.ScratchFolders;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.CommitConfig.CleanupMode;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * DocumentService (the incident-response runbook, the policy) kept in a Git repository: every save is a commit
 * with the editor as author, so the history, any earlier version and the difference between two versions
 * come straight from Git, and the repository can be pushed to the organisation's Git host.
 *
 * <p>The repository is non-bare with the single branch {@value #BRANCH}. Files are stored byte for byte as
 * given (no line-ending conversion, no filters). Git keeps whole seconds, so commit times lose their
 * fraction of a second.
 *
 * <p>Loading this class makes JGit ignore the machine's system, user (~/.gitconfig, XDG) and JGit
 * configuration for the whole application: a developer's or a server's global settings (signing, hooks
 * path, attributes file, autocrlf, URL rewrites) must not change what the store writes or where it pushes.
 *
 * <p>Writes are serialised on the store; reads may run alongside them.
 */
public final class GitDocumentStore implements AutoCloseable {

    /** The one branch the store commits to and pushes. */
    public static final String BRANCH = "main";

    private static final String BRANCH_REF = Constants.R_HEADS + BRANCH;
    private static final int CONTEXT_LINES = 3;
    private static final int PUSH_TIMEOUT_SECONDS = 60;
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{7,40}");
    /** Names Git itself interprets; a document under one of them would change how the repository behaves. */
    private static final Set<String> RESERVED_NAMES =
            Set.of(".git", ".gitattributes", ".gitignore", ".gitmodules");

    static {
        isolateFromMachineConfig();
    }

    private final Git git;
    private final Repository repository;
    private final Path directory;
    private volatile boolean closed;

    private GitDocumentStore(Git git, Path directory) {
        this.git = git;
        this.repository = git.getRepository();
        this.directory = directory;
    }

    /** Revision of a document: one commit that touched it. {@code when} is the author time. */
    public record Revision(String commitId, String authorName, String authorEmail, Instant when, String message) {
    }

    /** One line of a line-level diff; {@code oldLine}/{@code newLine} are 1-based, 0 where the side has no line. */
    public record DiffLine(Kind kind, int oldLine, int newLine, String text) implements Serializable {
        public enum Kind { ADDED, REMOVED, CONTEXT }
    }

    /** Opens the repository at dir, creating it (non-bare, branch "main") when absent. */
    public static GitDocumentStore open(Path dir) {
        Path directory = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            File workTree = directory.toFile();
            Git git;
            if (RepositoryCache.FileKey.isGitRepository(new File(workTree, Constants.DOT_GIT), FS.DETECTED)) {
                git = Git.open(workTree);
                if (git.getRepository().isBare()) {
                    git.close();
                    throw new IllegalStateException("not a working repository: " + directory);
                }
            } else {
                git = Git.init().setDirectory(workTree).setInitialBranch(BRANCH).call();
            }
            try {
                pinConfig(git.getRepository());
                onMainBranch(git.getRepository());
            } catch (RuntimeException | IOException e) {
                git.close();
                throw e;
            }
            return new GitDocumentStore(git, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open repository " + directory, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create repository " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes path with content (UTF-8) and commits it as the given person at the given time.
     *
     * @return the 40-hex commit id
     * @throws IllegalArgumentException for a path outside the repository or a blank message
     * @throws IllegalStateException "nothing changed" when content equals the file at HEAD
     */
    public synchronized String commit(String path, String content, String authorName, String authorEmail,
                                      String message, Instant when) {
        checkOpen();
        String file = checkPath(path);
        if (content == null) {
            throw new IllegalArgumentException("content is required");
        }
        requireMessage(message);
        if (when == null) {
            throw new IllegalArgumentException("time is required");
        }
        PersonIdent person = person(authorName, authorEmail, when);
        return commitBytes(file, content.getBytes(StandardCharsets.UTF_8), person, person, message).name();
    }

    /** Every commit touching path, newest first. */
    public List<Revision> history(String path) {
        checkOpen();
        String file = checkPath(path);
        try {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return List.of();
            }
            List<Revision> revisions = new ArrayList<>();
            for (RevCommit c : git.log().add(head).addPath(file).call()) {
                PersonIdent author = c.getAuthorIdent();
                revisions.add(new Revision(c.name(), author.getName(), author.getEmailAddress(),
                        author.getWhenAsInstant(), c.getFullMessage()));
            }
            return revisions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The file at that commit, decoded as UTF-8; empty when the path does not exist there.
     *
     * @throws IllegalArgumentException for an unknown or malformed commit id
     */
    public Optional<String> read(String path, String commitId) {
        checkOpen();
        String file = checkPath(path);
        try (RevWalk walk = new RevWalk(repository)) {
            return blob(repository, commit(walk, commitId), file).map(b -> new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unified diff (3 lines of context) of path between two commits; "" when identical. */
    public String diff(String path, String fromCommitId, String toCommitId) {
        checkOpen();
        String file = checkPath(path);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RevWalk walk = new RevWalk(repository); DiffFormatter formatter = new DiffFormatter(out)) {
            RevCommit from = commit(walk, fromCommitId);
            RevCommit to = commit(walk, toCommitId);
            formatter.setRepository(repository);
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            formatter.setContext(CONTEXT_LINES);
            formatter.setDetectRenames(false);
            formatter.setPathFilter(PathFilter.create(file));
            formatter.format(from.getTree(), to.getTree());
            formatter.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole file as a line-level diff between two commits, for display: unchanged lines as CONTEXT,
     * each change as its REMOVED lines followed by its ADDED lines. A side where the file is absent
     * counts as empty.
     */
    public List<DiffLine> diffLines(String path, String fromCommitId, String toCommitId) {
        checkOpen();
        String file = checkPath(path);
        RawText a;
        RawText b;
        try (RevWalk walk = new RevWalk(repository)) {
            a = blob(repository, commit(walk, fromCommitId), file).map(RawText::new).orElse(RawText.EMPTY_TEXT);
            b = blob(repository, commit(walk, toCommitId), file).map(RawText::new).orElse(RawText.EMPTY_TEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        List<DiffLine> lines = new ArrayList<>(Math.max(a.size(), b.size()));
        int i = 0;
        int j = 0;
        for (Edit edit : edits) {
            for (; i < edit.getBeginA(); i++, j++) {
                lines.add(new DiffLine(DiffLine.Kind.CONTEXT, i + 1, j + 1, a.getString(i)));
            }
            for (; i < edit.getEndA(); i++) {
                lines.add(new DiffLine(DiffLine.Kind.REMOVED, i + 1, 0, a.getString(i)));
            }
            for (; j < edit.getEndB(); j++) {
                lines.add(new DiffLine(DiffLine.Kind.ADDED, 0, j + 1, b.getString(j)));
            }
        }
        for (; i < a.size(); i++, j++) {
            lines.add(new DiffLine(DiffLine.Kind.CONTEXT, i + 1, j + 1, a.getString(i)));
        }
        return lines;
    }

    /**
     * Imports the history of one file from another Git repository (a local path, or a file:// or https://
     * URL; its default branch). Every commit that touched sourcePath is replayed, oldest first, onto
     * targetPath here, keeping its author, author time and message; the importing person commits, now.
     * A commit that would change nothing here (the target already held that content) is skipped; one that
     * deleted the file deletes the target.
     *
     * @return the new commit ids, oldest first
     * @throws IllegalArgumentException when the source cannot be read or never had sourcePath
     */
    public synchronized List<String> importHistory(String sourceRepository, String sourcePath, String targetPath,
                                                   String importerName, String importerEmail) {
        checkOpen();
        String source = checkSource(sourceRepository);
        String from = checkPath(sourcePath);
        String to = checkPath(targetPath);
        requirePerson(importerName, importerEmail);
        Path clone = null;
        try {
            clone = Files.createTempDirectory("runbook-import-");
            try (Git sourceGit = Git.cloneRepository()
                    .setURI(source)
                    .setDirectory(clone.toFile())
                    .setBare(true)
                    .setNoTags()
                    .setTimeout(PUSH_TIMEOUT_SECONDS)
                    .call()) {
                Repository sourceRepo = sourceGit.getRepository();
                ObjectId head = sourceRepo.resolve(Constants.HEAD);
                if (head == null) {
                    throw new IllegalArgumentException("the source repository has no commits");
                }
                List<RevCommit> touching = new ArrayList<>();
                sourceGit.log().add(head).addPath(from).call().forEach(touching::add);
                if (touching.isEmpty()) {
                    throw new IllegalArgumentException("the source repository has no file " + from);
                }
                Collections.reverse(touching);
                List<String> created = new ArrayList<>();
                for (RevCommit original : touching) {
                    Optional<byte[]> content = blob(sourceRepo, original, from);
                    PersonIdent committer = person(importerName, importerEmail, Instant.now());
                    ObjectId id = content.isPresent()
                            ? commitBytesIfChanged(to, content.get(), original.getAuthorIdent(), committer,
                                    original.getFullMessage())
                            : deleteIfPresent(to, original.getAuthorIdent(), committer, original.getFullMessage());
                    if (id != null) {
                        created.add(id.name());
                    }
                }
                return created;
            }
        } catch (InvalidRemoteException e) {
            throw new IllegalArgumentException("not a Git repository: " + sourceRepository, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot fetch " + sourceRepository + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ScratchFolders.delete(clone);
        }
    }

    /**
     * Pushes {@value #BRANCH} to the remote URL, with username and password (or token) when given.
     *
     * @return "up to date", "pushed abc1234..def5678", or "pushed def5678 (new branch)"
     * @throws IllegalStateException when the push fails or the remote refuses it, with the remote's message
     */
    public String push(String remoteUrl, String username, String password) {
        checkOpen();
        if (remoteUrl == null || remoteUrl.isBlank()) {
            throw new IllegalArgumentException("remote URL is required");
        }
        try {
            if (repository.exactRef(BRANCH_REF) == null) {
                throw new IllegalStateException("nothing to push: no commit yet");
            }
            var push = git.push()
                    .setRemote(remoteUrl.strip())
                    .setRefSpecs(new RefSpec(BRANCH_REF + ":" + BRANCH_REF))
                    .setTimeout(PUSH_TIMEOUT_SECONDS);
            if (username != null && !username.isEmpty()) {
                push.setCredentialsProvider(new UsernamePasswordCredentialsProvider(username,
                        password == null ? "" : password));
            }
            for (PushResult result : push.call()) {
                RemoteRefUpdate update = result.getRemoteUpdate(BRANCH_REF);
                if (update == null) {
                    continue;
                }
                switch (update.getStatus()) {
                    case UP_TO_DATE:
                        return "up to date";
                    case OK:
                        ObjectId old = update.getExpectedOldObjectId();
                        String now = update.getNewObjectId().abbreviate(7).name();
                        return old == null || ObjectId.zeroId().equals(old)
                                ? "pushed " + now + " (new branch)"
                                : "pushed " + old.abbreviate(7).name() + ".." + now;
                    default:
                        String reason = update.getMessage() != null ? update.getMessage() : result.getMessages();
                        throw new IllegalStateException("push rejected (" + update.getStatus() + ")"
                                + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()));
                }
            }
            throw new IllegalStateException("push: the remote did not report on " + BRANCH);
        } catch (GitAPIException e) {
            throw new IllegalStateException("push failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The working directory of the repository. */
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            git.close();
        }
    }

    // ---- writing

    private ObjectId commitBytes(String file, byte[] content, PersonIdent author, PersonIdent committer,
                                 String message) {
        ObjectId id = commitBytesIfChanged(file, content, author, committer, message);
        if (id == null) {
            throw new IllegalStateException("nothing changed");
        }
        return id;
    }

    /** Writes and commits file, or returns null when HEAD already holds exactly that content. */
    private ObjectId commitBytesIfChanged(String file, byte[] content, PersonIdent author, PersonIdent committer,
                                          String message) {
        try {
            Optional<byte[]> current = headBlob(file);
            if (current.isPresent() && Arrays.equals(current.get(), content)) {
                return null;
            }
            Path target = workTreeFile(file);
            Files.createDirectories(target.getParent());
            Files.write(target, content);
            git.add().addFilepattern(file).call();
            return doCommit(file, author, committer, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("commit failed: " + e.getMessage(), e);
        }
    }

    private ObjectId deleteIfPresent(String file, PersonIdent author, PersonIdent committer, String message) {
        try {
            if (headBlob(file).isEmpty()) {
                return null;
            }
            git.rm().addFilepattern(file).call();
            return doCommit(file, author, committer, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("commit failed: " + e.getMessage(), e);
        }
    }

    private ObjectId doCommit(String file, PersonIdent author, PersonIdent committer, String message)
            throws GitAPIException {
        return git.commit()
                .setOnly(file)
                .setAuthor(author)
                .setCommitter(committer)
                .setMessage(message)
                .setCleanupMode(CleanupMode.VERBATIM)
                .setSign(false)
                .setNoVerify(true)
                .call()
                .getId();
    }

    private Optional<byte[]> headBlob(String file) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        if (head == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return blob(repository, walk.parseCommit(head), file);
        }
    }

    private Path workTreeFile(String file) throws IOException {
        Path target = directory.resolve(file).normalize();
        Path realRoot = directory.toRealPath();
        Path parent = target.getParent();
        // an existing directory on the way must not lead out of the work tree (a symbolic link)
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !parent.toRealPath().startsWith(realRoot) || Files.isSymbolicLink(target)) {
            throw new IllegalArgumentException("path outside the repository: " + file);
        }
        return target;
    }

    // ---- reading

    private static Optional<byte[]> blob(Repository repo, RevCommit commit, String file) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repo, file, commit.getTree())) {
            if (walk == null || (walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                return Optional.empty();
            }
            return Optional.of(repo.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes());
        }
    }

    private RevCommit commit(RevWalk walk, String commitId) throws IOException {
        if (commitId == null || !HEX_ID.matcher(commitId).matches()) {
            throw new IllegalArgumentException("not a commit id: " + commitId);
        }
        ObjectId id;
        if (commitId.length() == Constants.OBJECT_ID_STRING_LENGTH) {
            id = ObjectId.fromString(commitId);
        } else {
            try (ObjectReader reader = repository.newObjectReader()) {
                var candidates = reader.resolve(AbbreviatedObjectId.fromString(commitId));
                if (candidates.size() != 1) {
                    throw new IllegalArgumentException(
                            (candidates.isEmpty() ? "unknown commit: " : "ambiguous commit id: ") + commitId);
                }
                id = candidates.iterator().next();
            }
        }
        try {
            return walk.parseCommit(id);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new IllegalArgumentException("unknown commit: " + commitId, e);
        }
    }

    // ---- checks and set-up

    /**
     * A repository-relative path with forward slashes: not absolute, no empty, "." or ".." segment, nothing
     * Git reserves, and valid as a file name on every platform Git supports.
     */
    static String checkPath(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path is required");
        }
        if (path.startsWith("/") || path.contains("\\") || path.indexOf(':') >= 0 || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path outside the repository: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("path outside the repository: " + path);
            }
            if (RESERVED_NAMES.contains(segment.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("reserved name in path: " + path);
            }
        }
        try {
            SystemReader.getInstance().checkPath(path);
        } catch (CorruptObjectException e) {
            throw new IllegalArgumentException("invalid path: " + path, e);
        }
        return path;
    }

    private static void requireMessage(String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a commit message is required");
        }
    }

    private static PersonIdent person(String name, String email, Instant when) {
        requirePerson(name, email);
        return new PersonIdent(name.strip(), email.strip(), when, ZoneOffset.UTC);
    }

    private static void requirePerson(String name, String email) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a name is required");
        }
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("an e-mail address is required");
        }
    }

    /** A local directory, or a file:// or https:// URL. */
    private static String checkSource(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source repository is required");
        }
        String s = source.strip();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            String name = s.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!name.equals("file") && !name.equals("https")) {
                throw new IllegalArgumentException("only a local path, file:// or https:// is accepted: " + s);
            }
            if (name.equals("file")) {
                URI.create(s);
            }
            return s;
        }
        if (!Files.isDirectory(Path.of(s))) {
            throw new IllegalArgumentException("no such directory: " + s);
        }
        return s;
    }

    private static void pinConfig(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
        config.setBoolean(ConfigConstants.CONFIG_COMMIT_SECTION, null, ConfigConstants.CONFIG_KEY_GPGSIGN, false);
        config.save();
    }

    /** A repository created elsewhere may start on another branch; the store always works on main. */
    private static void onMainBranch(Repository repo) throws IOException {
        Ref head = repo.exactRef(Constants.HEAD);
        String target = head != null && head.isSymbolic() ? head.getTarget().getName() : null;
        if (BRANCH_REF.equals(target)) {
            return;
        }
        if (repo.resolve(Constants.HEAD) != null) {
            throw new IllegalStateException("the repository is not on branch " + BRANCH + ": " + repo.getDirectory());
        }
        RefUpdate.Result result = repo.updateRef(Constants.HEAD).link(BRANCH_REF);
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
            throw new IllegalStateException("cannot switch to branch " + BRANCH + ": " + result);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the document store is closed");
        }
    }

    private static synchronized void isolateFromMachineConfig() {
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof IsolatedSystemReader)) {
            SystemReader.setInstance(new IsolatedSystemReader(current));
        }
    }

    /** JGit's system reader with empty, in-memory system, user and JGit configuration. */
    private static final class IsolatedSystemReader extends SystemReader.Delegate {

        IsolatedSystemReader(SystemReader delegate) {
            super(delegate);
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new EmptyConfig(parent, fs);
        }
    }

    private static final class EmptyConfig extends FileBasedConfig {

        EmptyConfig(Config parent, FS fs) {
            super(parent, null, fs);
        }

        @Override
        public void load() {
            // nothing to read: the machine's configuration is ignored on purpose
        }

        @Override
        public void save() {
            // kept in memory only
        }

        @Override
        public boolean isOutdated() {
            return false;
        }
    }
}
