package com.attest.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.runbook.GitDocumentStore.DiffLine;
import com.attest.runbook.GitDocumentStore.DiffLine.Kind;
import com.attest.runbook.GitDocumentStore.Revision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDocumentStoreTest {

    private static final String RUNBOOK = "runbooks/incident-response.md";
    private static final Instant T1 = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-02T10:30:00Z");
    private static final Instant T3 = Instant.parse("2025-03-03T11:45:00Z");

    @TempDir
    Path dir;
    private GitDocumentStore store;

    @BeforeEach
    void open() {
        store = GitDocumentStore.open(dir.resolve("docs"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void commitRecordsAuthorTimeAndContent() throws Exception {
        String id = store.commit(RUNBOOK, "# Incident response\n", "Ada Lovelace", "ada@example.com",
                "Add the runbook", T1);

        assertTrue(ObjectId.isId(id));
        try (Git git = Git.open(store.directory().toFile())) {
            List<RevCommit> log = new ArrayList<>();
            git.log().call().forEach(log::add);
            assertEquals(1, log.size());
            RevCommit commit = log.get(0);
            assertEquals(id, commit.name());
            PersonIdent author = commit.getAuthorIdent();
            assertEquals("Ada Lovelace", author.getName());
            assertEquals("ada@example.com", author.getEmailAddress());
            assertEquals(T1, author.getWhenAsInstant());
            assertEquals(author.getName(), commit.getCommitterIdent().getName());
            assertEquals(T1, commit.getCommitterIdent().getWhenAsInstant());
            assertEquals("Add the runbook", commit.getFullMessage());
            assertEquals("main", git.getRepository().getBranch());
        }
        assertEquals(Optional.of("# Incident response\n"), store.read(RUNBOOK, id));
    }

    @Test
    void contentIsStoredAsGiven() {
        String crlf = "line one\r\nline two\r\n";
        String id = store.commit(RUNBOOK, crlf, "Ada", "ada@example.com", "CRLF kept", T1);

        assertEquals(Optional.of(crlf), store.read(RUNBOOK, id));
    }

    @Test
    void historyIsNewestFirstAndOnlyForThePath() {
        String first = store.commit(RUNBOOK, "v1\n", "Ada", "ada@example.com", "First", T1);
        store.commit("policy/security-policy.md", "policy\n", "Grace", "grace@example.com", "Policy", T2);
        String second = store.commit(RUNBOOK, "v2\n", "Grace", "grace@example.com", "Second", T3);

        List<Revision> history = store.history(RUNBOOK);

        assertEquals(List.of(second, first), history.stream().map(Revision::commitId).toList());
        assertEquals(new Revision(second, "Grace", "grace@example.com", T3, "Second"), history.get(0));
        assertEquals(Optional.of("v1\n"), store.read(RUNBOOK, first));
        assertEquals(Optional.of("v2\n"), store.read(RUNBOOK, second));
        assertEquals(Optional.empty(), store.read("policy/security-policy.md", first));
        assertEquals(List.of(), store.history("runbooks/none.md"));
    }

    @Test
    void unknownOrMalformedCommitIdIsRefused() {
        store.commit(RUNBOOK, "v1\n", "Ada", "ada@example.com", "First", T1);

        assertThrows(IllegalArgumentException.class, () -> store.read(RUNBOOK, "0".repeat(40)));
        assertThrows(IllegalArgumentException.class, () -> store.read(RUNBOOK, "deadbeefdeadbeef"));
        assertThrows(IllegalArgumentException.class, () -> store.read(RUNBOOK, "HEAD"));
        assertThrows(IllegalArgumentException.class, () -> store.read(RUNBOOK, "not-an-id"));
        assertThrows(IllegalArgumentException.class, () -> store.read(RUNBOOK, null));
    }

    @Test
    void nothingChangedIsRefusedWithoutACommit() {
        String id = store.commit(RUNBOOK, "same\n", "Ada", "ada@example.com", "First", T1);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.commit(RUNBOOK, "same\n", "Ada", "ada@example.com", "Again", T2));

        assertEquals("nothing changed", e.getMessage());
        assertEquals(List.of(id), store.history(RUNBOOK).stream().map(Revision::commitId).toList());
    }

    @Test
    void pathsOutsideTheRepositoryAndBlankMessagesAreRefused() {
        for (String path : List.of("../escape.md", "runbooks/../../escape.md", "/etc/passwd", "a//b.md",
                "./a.md", "a\\b.md", "C:/x.md", ".git/config", "runbooks/.GIT/x", ".gitattributes", "")) {
            assertThrows(IllegalArgumentException.class,
                    () -> store.commit(path, "x\n", "Ada", "ada@example.com", "Escape", T1), path);
        }
        assertThrows(IllegalArgumentException.class,
                () -> store.commit(RUNBOOK, "x\n", "Ada", "ada@example.com", " \n", T1));
        assertThrows(IllegalArgumentException.class,
                () -> store.commit(RUNBOOK, "x\n", "Ada", "ada@example.com", null, T1));
        assertFalse(Files.exists(dir.resolve("escape.md")));
        assertEquals(List.of(), store.history(RUNBOOK));
    }

    @Test
    void diffShowsRemovedAndAddedLines() {
        String from = store.commit(RUNBOOK, "one\nold line\nthree\n", "Ada", "ada@example.com", "First", T1);
        String to = store.commit(RUNBOOK, "one\nnew line\nthree\nfour\n", "Ada", "ada@example.com", "Second", T2);

        String diff = store.diff(RUNBOOK, from, to);

        assertTrue(diff.contains("\n-old line\n"), diff);
        assertTrue(diff.contains("\n+new line\n"), diff);
        assertTrue(diff.contains("\n+four\n"), diff);
        assertTrue(diff.contains("@@ -1,3 +1,4 @@"), diff);
        assertEquals("", store.diff(RUNBOOK, to, to));

        assertEquals(List.of(
                new DiffLine(Kind.CONTEXT, 1, 1, "one"),
                new DiffLine(Kind.REMOVED, 2, 0, "old line"),
                new DiffLine(Kind.ADDED, 0, 2, "new line"),
                new DiffLine(Kind.CONTEXT, 3, 3, "three"),
                new DiffLine(Kind.ADDED, 0, 4, "four")), store.diffLines(RUNBOOK, from, to));
    }

    @Test
    void diffLinesAgainstACommitWithoutTheFile() {
        String before = store.commit("other.md", "x\n", "Ada", "ada@example.com", "Other", T1);
        String after = store.commit(RUNBOOK, "a\nb\n", "Ada", "ada@example.com", "Runbook", T2);

        assertEquals(List.of(new DiffLine(Kind.ADDED, 0, 1, "a"), new DiffLine(Kind.ADDED, 0, 2, "b")),
                store.diffLines(RUNBOOK, before, after));
        assertEquals(List.of(new DiffLine(Kind.REMOVED, 1, 0, "a"), new DiffLine(Kind.REMOVED, 2, 0, "b")),
                store.diffLines(RUNBOOK, after, before));
    }

    @Test
    void importHistoryReplaysAuthorsMessagesAndTimes() throws Exception {
        Path source = dir.resolve("source");
        List<RevCommit> originals = new ArrayList<>();
        try (Git git = Git.init().setDirectory(source.toFile()).setInitialBranch("main").call()) {
            String[][] steps = {
                    {"v1\n", "Ada", "ada@example.com", "Draft"},
                    {"v1\nv2\n", "Grace", "grace@example.com", "Add escalation"},
                    {"v1\nv2\nv3\n", "Ada", "ada@example.com", "Add contacts\n\nWith the on-call rota."},
            };
            Instant[] times = {T1, T2, T3};
            for (int i = 0; i < steps.length; i++) {
                Files.createDirectories(source.resolve("docs"));
                Files.writeString(source.resolve("docs/ir.md"), steps[i][0], StandardCharsets.UTF_8);
                Files.writeString(source.resolve("unrelated-" + i + ".txt"), "x", StandardCharsets.UTF_8);
                git.add().addFilepattern(".").call();
                PersonIdent who = new PersonIdent(steps[i][1], steps[i][2], times[i], java.time.ZoneOffset.UTC);
                originals.add(git.commit().setAuthor(who).setCommitter(who).setMessage(steps[i][3])
                        .setSign(false).call());
            }
        }
        store.commit("other.md", "unrelated\n", "Ada", "ada@example.com", "Before the import", T1);

        List<String> imported = store.importHistory(source.toString(), "docs/ir.md", RUNBOOK,
                "Importer", "importer@example.com");

        assertEquals(3, imported.size());
        List<Revision> history = store.history(RUNBOOK);
        List<String> newestFirst = new ArrayList<>(imported);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, history.stream().map(Revision::commitId).toList());
        for (int i = 0; i < 3; i++) {
            Revision revision = history.get(2 - i);
            PersonIdent original = originals.get(i).getAuthorIdent();
            assertEquals(original.getName(), revision.authorName());
            assertEquals(original.getEmailAddress(), revision.authorEmail());
            assertEquals(original.getWhenAsInstant(), revision.when());
            assertEquals(originals.get(i).getFullMessage(), revision.message());
        }
        assertEquals(Optional.of("v1\nv2\nv3\n"), store.read(RUNBOOK, imported.get(2)));
        assertEquals(Optional.of("unrelated\n"), store.read("other.md", imported.get(2)));
        try (Git git = Git.open(store.directory().toFile())) {
            RevCommit last = git.log().setMaxCount(1).call().iterator().next();
            assertEquals("Importer", last.getCommitterIdent().getName());
            assertEquals("importer@example.com", last.getCommitterIdent().getEmailAddress());
        }
        assertThrows(IllegalArgumentException.class, () -> store.importHistory(source.toString(),
                "docs/missing.md", "runbooks/missing.md", "Importer", "importer@example.com"));
        assertThrows(IllegalArgumentException.class, () -> store.importHistory("ssh://host/repo.git",
                "docs/ir.md", RUNBOOK, "Importer", "importer@example.com"));
        try (var temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(temp.noneMatch(p -> p.getFileName().toString().startsWith("runbook-import-")
                    && p.toFile().lastModified() >= System.currentTimeMillis() - 60_000),
                    "temporary clones are removed");
        }
    }

    @Test
    void importFromAFileUrl() throws Exception {
        Path source = dir.resolve("source");
        try (Git git = Git.init().setDirectory(source.toFile()).setInitialBranch("main").call()) {
            Files.writeString(source.resolve("ir.md"), "hello\n", StandardCharsets.UTF_8);
            git.add().addFilepattern("ir.md").call();
            git.commit().setAuthor("Ada", "ada@example.com").setCommitter("Ada", "ada@example.com")
                    .setMessage("Only").setSign(false).call();
        }

        List<String> imported = store.importHistory(source.toUri().toString(), "ir.md", RUNBOOK, "Importer",
                "importer@example.com");

        assertEquals(1, imported.size());
        assertEquals(Optional.of("hello\n"), store.read(RUNBOOK, imported.get(0)));
    }

    @Test
    void importReplaysADeletion() throws Exception {
        Path source = dir.resolve("source");
        try (Git git = Git.init().setDirectory(source.toFile()).setInitialBranch("main").call()) {
            Files.writeString(source.resolve("ir.md"), "first\n", StandardCharsets.UTF_8);
            git.add().addFilepattern("ir.md").call();
            git.commit().setAuthor("Ada", "ada@example.com").setMessage("Add").setSign(false).call();
            git.rm().addFilepattern("ir.md").call();
            git.commit().setAuthor("Ada", "ada@example.com").setMessage("Remove").setSign(false).call();
            Files.writeString(source.resolve("ir.md"), "second\n", StandardCharsets.UTF_8);
            git.add().addFilepattern("ir.md").call();
            git.commit().setAuthor("Ada", "ada@example.com").setMessage("Restore").setSign(false).call();
        }

        List<String> imported = store.importHistory(source.toString(), "ir.md", RUNBOOK, "Importer",
                "importer@example.com");

        assertEquals(3, imported.size());
        assertEquals(Optional.of("first\n"), store.read(RUNBOOK, imported.get(0)));
        assertEquals(Optional.empty(), store.read(RUNBOOK, imported.get(1)));
        assertEquals(Optional.of("second\n"), store.read(RUNBOOK, imported.get(2)));
    }

    @Test
    void pushUpdatesTheRemoteMain() throws Exception {
        Path bare = dir.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        store.commit(RUNBOOK, "v1\n", "Ada", "ada@example.com", "First", T1);
        String remote = bare.toUri().toString();

        String first = store.push(remote, null, null);
        assertTrue(first.startsWith("pushed "), first);

        String head = store.commit(RUNBOOK, "v2\n", "Ada", "ada@example.com", "Second", T2);
        String second = store.push(remote, "user", "token");
        assertTrue(second.matches("pushed [0-9a-f]{7}\\.\\.[0-9a-f]{7}"), second);
        assertTrue(second.endsWith(head.substring(0, 7)), second);

        try (Git remoteGit = Git.open(bare.toFile())) {
            assertEquals(head, remoteGit.getRepository().resolve("refs/heads/main").name());
        }
        assertEquals("up to date", store.push(remote, null, null));
    }

    @Test
    void pushRefusedByTheRemoteIsReported() throws Exception {
        Path bare = dir.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        try (GitDocumentStore other = GitDocumentStore.open(dir.resolve("other"))) {
            other.commit(RUNBOOK, "theirs\n", "Grace", "grace@example.com", "Theirs", T1);
            other.push(bare.toString(), null, null);
        }
        store.commit(RUNBOOK, "ours\n", "Ada", "ada@example.com", "Ours", T2);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.push(bare.toString(), null, null));
        assertTrue(e.getMessage().contains("REJECTED_NONFASTFORWARD"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> store.push(dir.resolve("no-such-remote").toString(), null, null));
    }

    @Test
    void reopeningSeesTheHistory() {
        String id = store.commit(RUNBOOK, "v1\n", "Ada", "ada@example.com", "First", T1);
        store.close();

        store = GitDocumentStore.open(dir.resolve("docs"));

        assertEquals(List.of(id), store.history(RUNBOOK).stream().map(Revision::commitId).toList());
        assertEquals(Optional.of("v1\n"), store.read(RUNBOOK, id));
    }

    @Test
    void concurrentCommitsAllLand() throws Exception {
        int threads = 4;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String path = "runbooks/team-" + t + ".md";
                tasks.add(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int n = 0; n < each; n++) {
                        ids.add(store.commit(path, "revision " + n + "\n", "Ada", "ada@example.com",
                                "Edit " + n, T1.plusSeconds(n)));
                    }
                    return ids;
                });
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : pool.invokeAll(tasks)) {
                all.addAll(f.get());
            }
            assertEquals(threads * each, all.stream().distinct().count());
            try (Git git = Git.open(store.directory().toFile())) {
                List<String> log = new ArrayList<>();
                git.log().call().forEach(c -> log.add(c.name()));
                assertEquals(all.stream().sorted().collect(Collectors.toList()),
                        log.stream().sorted().collect(Collectors.toList()));
            }
            for (int t = 0; t < threads; t++) {
                String path = "runbooks/team-" + t + ".md";
                assertEquals(each, store.history(path).size());
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
