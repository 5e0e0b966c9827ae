package com.attest.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportSourcesTest {

    @TempDir
    Path root;

    @Test
    void nothingConfiguredIsOffAndAcceptsNothing() throws Exception {
        ImportSources off = ImportSources.parse(" ");
        assertTrue(off.isOff());
        Path repo = Files.createDirectories(root.resolve("repo"));
        assertEquals(Optional.empty(), off.resolve(repo.toString()));
        assertEquals(Optional.empty(), off.resolve("https://github.com/acme/policies.git"));
    }

    @Test
    void aFolderIsAcceptedOnlyInsideAConfiguredOneWithLinksFollowed() throws Exception {
        Path allowed = Files.createDirectories(root.resolve("sources"));
        Path repo = Files.createDirectories(allowed.resolve("policies"));
        Path outside = Files.createDirectories(root.resolve("secrets"));
        Files.createSymbolicLink(allowed.resolve("escape"), outside);
        ImportSources sources = ImportSources.parse(allowed + ", https://git.example.com/acme/");

        assertEquals(Optional.of(repo.toRealPath().toString()), sources.resolve(repo.toString()));
        assertEquals(Optional.of(repo.toRealPath().toString()), sources.resolve(repo.toUri().toString()));
        assertEquals(Optional.empty(), sources.resolve(outside.toString()));
        assertEquals(Optional.empty(), sources.resolve(allowed + "/../secrets"), "dot segments leave the folder");
        assertEquals(Optional.empty(), sources.resolve(allowed + "/escape"), "a link out of the folder");
        assertEquals(Optional.empty(), sources.resolve(root.resolve("sources-sibling").toString()));
        assertEquals(Optional.empty(), sources.resolve("policies"), "a relative path");
        assertEquals(Optional.empty(), sources.resolve(allowed + "/missing"));
        assertEquals(Optional.empty(), sources.resolve("/etc"));
    }

    @Test
    void anAddressIsAcceptedOnlyOnAConfiguredHostPortAndPath() {
        ImportSources sources = ImportSources.parse("https://git.example.com/acme");
        assertEquals(Optional.of("https://git.example.com/acme/policies.git"),
                sources.resolve("https://GIT.example.com/acme/policies.git"));
        for (String refused : List.of("https://git.example.com/acme-evil/x.git", "https://git.example.com/other/x.git",
                "https://git.example.com:8443/acme/x.git", "https://git.example.com.evil.example/acme/x.git",
                "https://user:pw@git.example.com/acme/x.git", "https://git.example.com/acme/../other/x.git",
                "https://git.example.com/acme/x.git?u=1", "http://git.example.com/acme/x.git",
                "ssh://git.example.com/acme/x.git", "git://git.example.com/acme/x.git", "https://10.0.0.4/acme/x.git",
                "https://169.254.169.254/acme/x")) {
            assertEquals(Optional.empty(), sources.resolve(refused), refused);
        }
    }

    @Test
    void aConfiguredEntryThatIsNeitherFolderNorAddressIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImportSources.parse("relative/folder"));
        assertTrue(e.getMessage().contains("relative/folder"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImportSources.parse("https://user@host/x"));
    }
}
