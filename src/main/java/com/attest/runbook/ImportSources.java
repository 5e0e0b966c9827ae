package com.attest.runbook;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a document's history may be imported from: the folders on the server and the {@code https://} addresses
 * named in {@code attest.documents.import-sources} (comma-separated). A repository is accepted only inside one of
 * them — a folder's real path (links followed) under a configured folder, an address on a configured host and port
 * whose path starts at a configured path's segment — so an import can neither read an arbitrary folder of the server
 * nor reach a host of the internal network. With nothing configured, import is off.
 */
public final class ImportSources {

    private final List<Path> folders;
    private final List<URI> addresses;

    private ImportSources(List<Path> folders, List<URI> addresses) {
        this.folders = List.copyOf(folders);
        this.addresses = List.copyOf(addresses);
    }

    /**
     * The sources of a configuration value.
     *
     * @throws IllegalArgumentException naming an entry that is neither an absolute folder nor an https:// address
     */
    public static ImportSources parse(String configured) {
        List<Path> folders = new ArrayList<>();
        List<URI> addresses = new ArrayList<>();
        if (configured != null) {
            for (String entry : configured.split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                if (e.regionMatches(true, 0, "https://", 0, 8)) {
                    addresses.add(address(e).orElseThrow(() -> new IllegalArgumentException(
                            "attest.documents.import-sources: not a plain https:// address: " + e)));
                } else {
                    Path folder = folder(e).orElseThrow(() -> new IllegalArgumentException(
                            "attest.documents.import-sources: not an absolute folder: " + e));
                    folders.add(real(folder).orElse(folder));
                }
            }
        }
        return new ImportSources(folders, addresses);
    }

    public boolean isOff() {
        return folders.isEmpty() && addresses.isEmpty();
    }

    /** The configured sources as the lead reads them on the import form. */
    public List<String> describe() {
        List<String> all = new ArrayList<>();
        folders.forEach(f -> all.add(f.toString()));
        addresses.forEach(a -> all.add(a.toString()));
        return all;
    }

    /**
     * The repository to clone for what a person typed (a folder, a file:// URL or an https:// address), when it lies
     * within a configured source; empty otherwise, for whatever reason.
     */
    public Optional<String> resolve(String source) {
        if (source == null || source.isBlank()) {
            return Optional.empty();
        }
        String s = source.strip();
        if (s.regionMatches(true, 0, "https://", 0, 8)) {
            return address(s).filter(this::allowed).map(URI::toString);
        }
        Optional<Path> local;
        if (s.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                local = Optional.of(Path.of(new URI(s)));
            } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return Optional.empty();
            }
        } else if (s.contains("://")) {
            return Optional.empty();
        } else {
            local = folder(s);
        }
        return local.flatMap(ImportSources::real)
                .filter(p -> folders.stream().anyMatch(p::startsWith))
                .map(Path::toString);
    }

    private boolean allowed(URI uri) {
        for (URI a : addresses) {
            if (a.getHost().equalsIgnoreCase(uri.getHost()) && port(a) == port(uri)) {
                String base = a.getPath().endsWith("/") ? a.getPath() : a.getPath() + "/";
                String path = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
                if (path.startsWith(base)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? 443 : uri.getPort();
    }

    /** A plain https address: a host, no user information, query or fragment, no dot segments. */
    private static Optional<URI> address(String s) {
        try {
            URI uri = new URI(s);
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || path.contains("/./")
                    || path.contains("/../") || path.endsWith("/..") || path.endsWith("/.") || path.contains("\\")) {
                return Optional.empty();
            }
            return Optional.of(new URI("https", null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), path,
                    null, null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> folder(String s) {
        try {
            Path p = Path.of(s);
            return p.isAbsolute() ? Optional.of(p.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The folder's real path, links followed; empty when it does not exist. */
    private static Optional<Path> real(Path p) {
        try {
            return Files.isDirectory(p) ? Optional.of(p.toRealPath()) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
