package com.attest.runbook;

import static com.attest.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.Accounts;
import com.attest.testing.Deployments;
import com.attest.testing.SharedPortal;
import com.attest.testing.TestClock;
import com.attest.testing.Wait;
import com.attest.testing.PortalClient;
import com.attest.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runbook and the policy, version-controlled: each save is exactly one Git commit by its author (read back
 * with JGit from the repository the portal manages), a stale edit or bad input changes neither Git nor the
 * register, the author cannot approve their own version, and Markdown never runs script. The repository and its
 * remote are the shared portal's: other tests save and approve versions too, so this class works from the latest
 * version it finds and counts the commits its own saves make.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocumentsIT {

    private static final String DB = SharedPortal.DB;
    private static final String RUNBOOK = "incident-response-runbook";
    private static final String POLICY = "incident-response-policy";
    private static final Path REPOSITORY = SharedPortal.documents();
    private static final Path REMOTE = SharedPortal.documentsRemote();
    private static final String LENA = "lena.documents";
    private static final String RITA = "rita.documents";
    private static final String ANN = "ann.documents";

    @ArquillianResource
    private URL base;

    @Deployment(name = SharedPortal.NAME, testable = false)
    static WebArchive deployment() {
        return SharedPortal.deployment();
    }

    @BeforeAll
    static void accounts() {
        Accounts.create(DB, LENA, PASSWORD, null, "COMPLIANCE_LEAD");
        Accounts.create(DB, RITA, PASSWORD, null, "RESPONDER");
        Accounts.auditor(DB, ANN, PASSWORD, TestClock.today().plusDays(30));
    }

    @Test
    void theSeedRunbookAndPolicyWaitForALeadsApprovalAndTheirFirstCommitsAreInGit() throws Exception {
        JsonObject runbook = get(RUNBOOK, ANN);
        JsonObject first = runbook.getJsonArray("versions").getJsonObject(runbook.getJsonArray("versions").size() - 1);
        assertEquals("system", first.getString("author"));
        assertTrue(List.of("IN_REVIEW", "APPROVED", "SUPERSEDED").contains(first.getString("state")));
        assertTrue(commits().stream().anyMatch(c -> c.getFullMessage().startsWith("Initial version")));
        assertEquals(POLICY, get(POLICY, RITA).getString("slug"));
    }

    @Test
    void aSaveIsExactlyOneCommitByItsAuthorAndAStaleOrBadSaveChangesNothing() throws Exception {
        JsonObject latest = latest(RUNBOOK);
        String body = text(RUNBOOK, latest);
        int basedOn = latest.getInt("number");
        int before = commits().size();
        String changed = body.replace("## Contain", "## Contain\n\nIsolate first, investigate second.");
        HttpResponse<String> saved = PortalClient.post(base, "api/documents/" + RUNBOOK + "/versions", "admin",
                Deployments.ADMIN_PASSWORD, save(basedOn, changed, "Contain: isolate first"));
        assertEquals(201, saved.statusCode(), saved.body());
        JsonObject version = read(saved.body());
        assertEquals(basedOn + 1, version.getInt("number"));
        List<RevCommit> after = commits();
        assertEquals(before + 1, after.size(), "exactly one commit");
        RevCommit head = after.get(0);
        assertEquals(version.getString("commitId"), head.getName());
        assertEquals("admin", head.getAuthorIdent().getName());
        assertEquals("lead@example.com", head.getAuthorIdent().getEmailAddress());
        assertEquals("Contain: isolate first", head.getFullMessage());
        assertTrue(fileAt(head, "runbooks/" + RUNBOOK + ".md").contains("Isolate first, investigate second."));

        HttpResponse<String> stale = PortalClient.post(base, "api/documents/" + RUNBOOK + "/versions", LENA,
                PASSWORD, save(basedOn, changed + "\nMore.", "stale"));
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("admin saved version " + (basedOn + 1)), stale.body());

        String noItems = changed.replaceAll("(?m)^- \\[ \\] .*$", "");
        HttpResponse<String> bad = PortalClient.post(base, "api/documents/" + RUNBOOK + "/versions", "admin",
                Deployments.ADMIN_PASSWORD, save(basedOn + 1, noItems, "no items"));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("step-"), bad.body());
        HttpResponse<String> untitled = PortalClient.post(base, "api/documents/" + POLICY + "/versions", "admin",
                Deployments.ADMIN_PASSWORD, save(latest(POLICY).getInt("number"), "no title here", "x"));
        assertEquals(400, untitled.statusCode(), untitled.body());
        assertTrue(untitled.body().contains("'# Title' heading"), untitled.body());
        assertEquals(before + 1, commits().size(), "refused saves leave the repository unchanged");
    }

    @Test
    void theAuthorCannotApproveTheirOwnVersionAndApprovalPutsExactlyOneVersionInForce() throws Exception {
        JsonObject latest = latest(POLICY);
        String body = text(POLICY, latest) + "\nReviewed annually by the compliance lead.\n";
        JsonObject v = read(PortalClient.post(base, "api/documents/" + POLICY + "/versions", "admin",
                Deployments.ADMIN_PASSWORD, save(latest.getInt("number"), body, "Annual review")).body());
        int n = v.getInt("number");
        String path = "api/documents/" + POLICY + "/versions/" + n;
        assertEquals(200, PortalClient.post(base, path + "/submit", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        HttpResponse<String> own = PortalClient.post(base, path + "/approve", "admin", Deployments.ADMIN_PASSWORD,
                "{\"comment\":\"fine\"}");
        assertEquals(400, own.statusCode());
        assertTrue(own.body().contains("another compliance lead must approve it"), own.body());
        assertEquals(403, PortalClient.post(base, path + "/approve", RITA, PASSWORD, "{}").statusCode());
        assertEquals(403, PortalClient.post(base, path + "/approve", ANN, PASSWORD, "{}").statusCode());
        HttpResponse<String> approved = PortalClient.post(base, path + "/approve", LENA, PASSWORD,
                "{\"comment\":\"Approved for the year\"}");
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals("APPROVED", read(approved.body()).getString("state"));
        JsonArray versions = get(POLICY, ANN).getJsonArray("versions");
        assertEquals(1, versions.stream().filter(x -> x.asJsonObject().getString("state").equals("APPROVED")).count());
        assertFalse(read(approved.body()).isNull("reviewDue"));
    }

    @Test
    void respondersAndAuditorsReadButCannotEdit() throws Exception {
        JsonObject latest = latest(RUNBOOK);
        String body = text(RUNBOOK, latest);
        assertEquals(403, PortalClient.post(base, "api/documents/" + RUNBOOK + "/versions", RITA, PASSWORD,
                save(latest.getInt("number"), body + "\nx", "x")).statusCode());
        assertEquals(403, PortalClient.post(base, "api/documents/" + RUNBOOK + "/versions", ANN, PASSWORD,
                save(latest.getInt("number"), body + "\nx", "x")).statusCode());
        try (PortalClient rita = PortalClient.signedIn(base, RITA, PASSWORD)) {
            assertEquals(403, rita.raw("runbooks/edit.xhtml?doc=" + RUNBOOK).getStatusCode());
            assertEquals(200, rita.raw("runbooks/view.xhtml?doc=" + RUNBOOK).getStatusCode());
        }
    }

    @Test
    void markdownWithScriptShowsTextAndNeverRunsIt() throws Exception {
        JsonObject latest = latest(POLICY);
        String body = text(POLICY, latest) + "\n<script>document.title='owned'</script>\n\n"
                + "[click me](javascript:alert(1)) <img src=x onerror=alert(2)>\n";
        HttpResponse<String> saved = PortalClient.post(base, "api/documents/" + POLICY + "/versions", "admin",
                Deployments.ADMIN_PASSWORD, save(latest.getInt("number"), body, "hostile text"));
        assertEquals(201, saved.statusCode(), saved.body());
        int n = read(saved.body()).getInt("number");
        try (PortalClient ann = PortalClient.signedIn(base, ANN, PASSWORD)) {
            HtmlPage page = (HtmlPage) ann.get("runbooks/view.xhtml?doc=" + POLICY + "&v=" + n);
            String rendered = page.getElementById("rendered").asXml();
            assertFalse(rendered.contains("<script>"), rendered);
            assertFalse(rendered.toLowerCase().contains("javascript:"), rendered);
            assertTrue(page.getElementById("rendered").getElementsByTagName("img").isEmpty(), "no image element");
            assertTrue(page.getElementById("rendered").getElementsByTagName("script").isEmpty(), "no script element");
            assertTrue(page.getElementById("rendered").asNormalizedText().contains("<script>"), "shown as text");
            assertFalse(page.getTitleText().contains("owned"));
        }
    }

    @Test
    void anIncidentKeepsTheRunbookVersionInForceWhenDeclaredAndResponderTicksLandOnItsTimeline() throws Exception {
        int pinned = approveNewVersion("Pinning: version A");
        String ref = declaredIncident("Runbook pinning drill");
        JsonObject checklist = read(PortalClient.api(base, "api/incidents/" + ref + "/runbook", ANN, PASSWORD).body());
        assertEquals(pinned, checklist.getInt("version"));

        int later = approveNewVersion("Pinning: version B");
        assertTrue(later > pinned);
        assertEquals(pinned, read(PortalClient.api(base, "api/incidents/" + ref + "/runbook", RITA, PASSWORD)
                .body()).getInt("version"), "a new version in force does not change an open incident's checklist");
        String next = declaredIncident("Declared after version B");
        assertEquals(later, read(PortalClient.api(base, "api/incidents/" + next + "/runbook", RITA, PASSWORD)
                .body()).getInt("version"));

        HttpResponse<String> ticked = PortalClient.post(base, "api/incidents/" + ref + "/runbook/items/contain-1",
                RITA, PASSWORD, "{\"done\":true,\"note\":\"NSG applied\"}");
        assertEquals(200, ticked.statusCode(), ticked.body());
        JsonObject item = read(PortalClient.api(base, "api/incidents/" + ref + "/runbook", RITA, PASSWORD).body())
                .getJsonArray("items").getJsonObject(0);
        assertTrue(item.getBoolean("done"));
        assertEquals(RITA, item.getString("by"));
        String timeline = PortalClient.api(base, "api/incidents/" + ref, RITA, PASSWORD).body();
        assertTrue(timeline.contains("Runbook done: Contain"), timeline);
        assertEquals(400, PortalClient.post(base, "api/incidents/" + ref + "/runbook/items/contain-1", RITA,
                PASSWORD, "{\"done\":true}").statusCode(), "already done");
        assertEquals(400, PortalClient.post(base, "api/incidents/" + ref + "/runbook/items/nope-9", RITA,
                PASSWORD, "{\"done\":true}").statusCode());
        assertEquals(403, PortalClient.post(base, "api/incidents/" + ref + "/runbook/items/contain-2", ANN,
                PASSWORD, "{\"done\":true}").statusCode());
    }

    @Test
    void evidenceFilesAreCheckedByContentHashedAndServedAsDownloads() throws Exception {
        approveNewVersion("Evidence drill");
        String ref = declaredIncident("Evidence drill");
        byte[] pdf = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> ok = upload(ref, "nsg-change.pdf", "contain-1", pdf);
        assertEquals(201, ok.statusCode(), ok.body());
        JsonObject attached = read(ok.body());
        assertEquals(com.attest.platform.audit.Sha256.hex(pdf), attached.getString("sha256"));

        HttpResponse<String> disguised = upload(ref, "report.pdf", null, new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0});
        assertEquals(400, disguised.statusCode());
        assertTrue(disguised.body().contains("a Windows program"), disguised.body());
        HttpResponse<String> big = upload(ref, "dump.txt", null, new byte[11 * 1024 * 1024]);
        assertEquals(400, big.statusCode());
        HttpResponse<String> exe = upload(ref, "tool.exe", null, new byte[]{'M', 'Z'});
        assertEquals(400, exe.statusCode());
        assertEquals(403, PortalClient.post(base, "api/incidents/" + ref + "/attachments?name=x.txt", ANN,
                PASSWORD, "hello").statusCode());
        assertEquals(1, TestDatabase.number(DB, "SELECT count(*) FROM incident_attachment"
                + " WHERE incident_id = (SELECT id FROM incident WHERE reference = '" + ref + "')"), "nothing half-saved");

        java.net.http.HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "api/incidents/" + ref + "/attachments/"
                                + attached.getJsonNumber("id") + ""))
                        .header("Authorization", basic(ANN)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        org.junit.jupiter.api.Assertions.assertArrayEquals(pdf, download.body());
        assertTrue(download.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf"));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertTrue(download.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    private HttpResponse<String> upload(String ref, String name, String item, byte[] body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        base + "api/incidents/" + ref + "/attachments?name=" + name + (item == null ? "" : "&item=" + item)))
                .header("Authorization", basic(RITA)).header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void savesArePushedToTheConfiguredRemote() throws Exception {
        JsonObject latest = latest(POLICY);
        HttpResponse<String> saved = PortalClient.post(base, "api/documents/" + POLICY + "/versions", "admin",
                Deployments.ADMIN_PASSWORD, save(latest.getInt("number"), text(POLICY, latest) + "\nPushed.\n",
                        "push me"));
        assertEquals(201, saved.statusCode(), saved.body());
        String commit = read(saved.body()).getString("commitId");
        String remoteHead = Wait.until("the remote to have the saved commit", Duration.ofSeconds(30),
                DocumentsIT::remoteHead, commit::equals);
        assertEquals(commit, remoteHead, "the remote's main is the saved commit");
    }

    @Test
    void aPolicysHistoryImportsFromAnotherRepositoryWithItsAuthorsAndABadSourceChangesNothing() throws Exception {
        Path source = Files.createTempDirectory(SharedPortal.importSources(), "policy-source");
        try (Git git = Git.init().setDirectory(source.toFile()).setInitialBranch("main").call()) {
            String[][] commits = {{"Alice", "# Imported policy\n\nFirst draft.\n", "Start the policy"},
                    {"Bob", "# Imported policy\n\nFirst draft.\n\nScope: production.\n", "Add scope"},
                    {"Alice", "# Imported policy\n\nScope: production and staging.\n", "Widen scope"}};
            for (String[] c : commits) {
                Files.createDirectories(source.resolve("docs"));
                Files.writeString(source.resolve("docs/policy.md"), c[1]);
                git.add().addFilepattern("docs/policy.md").call();
                git.commit().setAuthor(c[0], c[0].toLowerCase() + "@example.com")
                        .setCommitter(c[0], c[0].toLowerCase() + "@example.com").setMessage(c[2]).setSign(false).call();
            }
            Files.writeString(source.resolve("docs/untitled.md"), "no title\n");
            git.add().addFilepattern("docs/untitled.md").call();
            git.commit().setAuthor("Bob", "bob@example.com").setMessage("untitled").setSign(false).call();
        }
        int before = commits().size();
        HttpResponse<String> bad = PortalClient.post(base, "api/documents/" + POLICY + "/import", "admin",
                Deployments.ADMIN_PASSWORD, "{\"repository\":\"" + source + "\",\"path\":\"docs/untitled.md\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(before, commits().size(), "a refused import leaves the repository unchanged");
        assertEquals(403, PortalClient.post(base, "api/documents/" + POLICY + "/import", RITA, PASSWORD,
                "{\"repository\":\"" + source + "\",\"path\":\"docs/policy.md\"}").statusCode());

        // outside the configured sources, missing, or not a repository: one answer that tells nothing of what exists
        Path outside = Files.createTempDirectory("attest-import-outside");
        try (Git git = Git.init().setDirectory(outside.toFile()).setInitialBranch("main").call()) {
            Files.writeString(outside.resolve("policy.md"), "# Outside\n");
            git.add().addFilepattern("policy.md").call();
            git.commit().setAuthor("Eve", "eve@example.com").setMessage("x").setSign(false).call();
        }
        String generic = "Nothing imported: the repository is not within the import sources, cannot be read, or has"
                + " no such file.";
        for (String[] refused : new String[][]{{outside.toString(), "policy.md"}, {"/etc", "passwd"},
                {source + "/../../..", "etc/passwd"}, {SharedPortal.importSources() + "/missing", "policy.md"},
                {"https://169.254.169.254/metadata", "x"}, {"file:///etc", "passwd"}, {source.toString(), "none.md"}}) {
            HttpResponse<String> answer = PortalClient.post(base, "api/documents/" + POLICY + "/import", "admin",
                    Deployments.ADMIN_PASSWORD, "{\"repository\":\"" + refused[0] + "\",\"path\":\"" + refused[1]
                            + "\"}");
            assertEquals(400, answer.statusCode(), refused[0] + " " + answer.body());
            assertTrue(answer.body().contains(generic), refused[0] + " " + answer.body());
        }
        assertEquals(before, commits().size(), "no refused import changed the repository");

        HttpResponse<String> imported = PortalClient.post(base, "api/documents/" + POLICY + "/import", "admin",
                Deployments.ADMIN_PASSWORD, "{\"repository\":\"" + source + "\",\"path\":\"docs/policy.md\"}");
        assertEquals(201, imported.statusCode(), imported.body());
        JsonArray versions = read(imported.body()).getJsonArray("versions");
        assertEquals(3, versions.size());
        assertEquals("Alice", versions.getJsonObject(0).getString("author"));
        assertEquals("Bob", versions.getJsonObject(1).getString("author"));
        assertEquals("DRAFT", versions.getJsonObject(2).getString("state"));
        List<RevCommit> log = commits();
        assertEquals(before + 3, log.size());
        assertEquals("Widen scope", log.get(0).getFullMessage());
        assertEquals("Alice", log.get(0).getAuthorIdent().getName());
    }

    /** admin writes a new runbook version, lena approves it; its number. */
    private int approveNewVersion(String note) throws Exception {
        JsonObject latest = latest(RUNBOOK);
        String body = text(RUNBOOK, latest).replace("## Recover", "## Recover\n\n" + note + ".");
        HttpResponse<String> saved = PortalClient.post(base, "api/documents/" + RUNBOOK + "/versions", "admin",
                Deployments.ADMIN_PASSWORD, save(latest.getInt("number"), body, note));
        assertEquals(201, saved.statusCode(), saved.body());
        int n = read(saved.body()).getInt("number");
        String path = "api/documents/" + RUNBOOK + "/versions/" + n;
        assertEquals(200, PortalClient.post(base, path + "/submit", "admin", Deployments.ADMIN_PASSWORD, "{}")
                .statusCode());
        assertEquals(200, PortalClient.post(base, path + "/approve", LENA, PASSWORD, "{}").statusCode());
        return n;
    }

    private String declaredIncident(String title) {
        HttpResponse<String> reported = PortalClient.post(base, "api/incidents", RITA, PASSWORD,
                "{\"title\":\"" + title + "\",\"category\":\"OTHER\",\"severity\":\"P3\",\"detectedAt\":\""
                        + TestClock.now().minusSeconds(600) + "\"}");
        assertEquals(201, reported.statusCode(), reported.body());
        JsonObject incident = read(reported.body());
        String ref = incident.getString("reference");
        HttpResponse<String> declared = PortalClient.post(base, "api/incidents/" + ref + "/declare", RITA, PASSWORD,
                "{\"version\":" + incident.getJsonNumber("version") + ",\"at\":\"" + TestClock.now().minusSeconds(60)
                        + "\"}");
        assertEquals(200, declared.statusCode(), declared.body());
        return ref;
    }

    private JsonObject get(String slug, String user) {
        String password = user.equals("admin") ? Deployments.ADMIN_PASSWORD : PASSWORD;
        HttpResponse<String> response = PortalClient.api(base, "api/documents/" + slug, user, password);
        assertEquals(200, response.statusCode(), response.body());
        return read(response.body());
    }

    private JsonObject latest(String slug) {
        return get(slug, "admin").getJsonArray("versions").getJsonObject(0);
    }

    /** The text of a version, read from Git at its commit. */
    private static String text(String slug, JsonObject version) throws Exception {
        try (Git git = Git.open(REPOSITORY.toFile())) {
            RevCommit commit = git.getRepository().parseCommit(git.getRepository().resolve(version.getString("commitId")));
            String kind = slug.endsWith("runbook") ? "runbooks/" : "policies/";
            return fileAt(commit, kind + slug + ".md");
        }
    }

    private static String fileAt(RevCommit commit, String path) throws Exception {
        try (Git git = Git.open(REPOSITORY.toFile());
             TreeWalk walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            return new String(git.getRepository().open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<RevCommit> commits() throws Exception {
        try (Git git = Git.open(REPOSITORY.toFile())) {
            List<RevCommit> all = new ArrayList<>();
            git.log().call().forEach(all::add);
            return all;
        }
    }

    /** The commit the remote's main points at, or null. */
    private static String remoteHead() {
        try (Git remote = Git.open(REMOTE.toFile())) {
            org.eclipse.jgit.lib.ObjectId head = remote.getRepository().resolve("refs/heads/main");
            return head == null ? null : head.getName();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String save(int basedOn, String body, String message) {
        return Json.createObjectBuilder().add("basedOn", basedOn).add("body", body).add("message", message).build()
                .toString();
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
