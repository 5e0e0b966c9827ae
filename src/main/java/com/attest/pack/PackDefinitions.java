package com.attest.pack;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The pack definitions shipped in {@code reports/} (copied into the WAR's classes): every {@code *.json} file there
 * is one kind of pack. Read once; a broken file stops the portal's use of packs with its name and problem.
 */
@ApplicationScoped
public class PackDefinitions {

    static final String FOLDER = "reports";

    private volatile List<PackDefinition> all;

    public List<PackDefinition> all() {
        if (all == null) {
            all = load(Thread.currentThread().getContextClassLoader() == null ? PackDefinitions.class.getClassLoader()
                    : Thread.currentThread().getContextClassLoader());
        }
        return all;
    }

    public Optional<PackDefinition> find(String kind) {
        return all().stream().filter(d -> d.kind().equals(kind)).findFirst();
    }

    /** Every definition in the class path's {@code reports/} folder, by kind. */
    public static List<PackDefinition> load(ClassLoader loader) {
        List<PackDefinition> found = new ArrayList<>();
        for (String name : names(loader)) {
            try (InputStream in = loader.getResourceAsStream(FOLDER + "/" + name)) {
                found.add(PackDefinition.parse(name, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        found.sort(Comparator.comparing(PackDefinition::kind));
        return Collections.unmodifiableList(found);
    }

    /** Every definition in a folder (the repository's {@code reports/}, for tests and tools). */
    public static List<PackDefinition> load(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<PackDefinition> found = new ArrayList<>();
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    found.add(PackDefinition.parse(p.getFileName().toString(), in));
                }
            }
            found.sort(Comparator.comparing(PackDefinition::kind));
            return Collections.unmodifiableList(found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the JSON files in the folder, whether the classes are a directory or a JAR. */
    private static TreeSet<String> names(ClassLoader loader) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(FOLDER))) {
                if ("file".equals(url.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(names::add);
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    String path = url.getPath();
                    String jar = path.substring("file:".length(), path.indexOf("!/"));
                    try (JarFile file = new JarFile(java.net.URLDecoder.decode(jar, java.nio.charset.StandardCharsets.UTF_8))) {
                        file.stream().map(e -> e.getName()).filter(n -> n.startsWith(FOLDER + "/")
                                        && n.endsWith(".json") && n.indexOf('/', FOLDER.length() + 1) < 0)
                                .forEach(n -> names.add(n.substring(FOLDER.length() + 1)));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("The pack definitions in " + FOLDER + "/ could not be listed", e);
        }
        return names;
    }
}
