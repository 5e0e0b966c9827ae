package com.attest.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Payara Micro's runtime for the zero-setup run, kept between starts so the JVM can share the classes of one start with
 * the next (class-data sharing). Payara Micro unpacks its runtime into a new temporary folder at every start, so no
 * archive of its classes could match the next start's class path; here it is unpacked once, with a launcher bound to
 * it ({@code --rootdir dir/root --outputlauncher}), and kept as it was under {@code dir/pristine}. Each start runs
 * from a fresh copy of it in {@code dir/root} (the jars linked, the configuration copied), because a root directory a
 * start has used keeps the deployed WAR and the next start would deploy it twice. Recording the classes a start loads
 * ({@code -XX:ArchiveClassesAtExit}, written into {@code dir/classes.jsa} when it stops) nearly doubles that start's
 * processor time, so the first start of a fresh clone, the one a newcomer waits for, does not: the second records,
 * and every start after it maps the archive ({@code -XX:SharedArchiveFile}). The archive is the JVM's own check: a
 * class whose bytes changed (a rebuilt WAR) is loaded afresh, and an archive the JVM cannot use is ignored. Nothing is
 * downloaded.
 */
final class PayaraRuntime {

    private final Path jar;
    private final List<String> jvmOptions;
    private final boolean recording;

    private PayaraRuntime(Path jar, List<String> jvmOptions, boolean recording) {
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.recording = recording;
    }

    /** Prepares {@code dir} for a start of {@code microJar} (Payara Micro's jar), unpacking it the first time. */
    static PayaraRuntime prepare(Path dir, Path microJar) throws IOException, InterruptedException {
        Path root = dir.resolve("root");
        Path pristine = dir.resolve("pristine");
        Path archive = dir.resolve("classes.jsa");
        Path launcher = pristine.resolve("launch-micro.jar");
        boolean firstStart = !Files.exists(launcher)
                || Files.getLastModifiedTime(microJar).compareTo(Files.getLastModifiedTime(launcher)) > 0;
        if (firstStart) {
            delete(dir);
            Files.createDirectories(dir);
            // the launcher names the folder it was made for: made for root, kept as it was under pristine
            Process unpack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", microJar.toAbsolutePath().toString(), "--rootdir", root.toAbsolutePath().toString(),
                    "--outputlauncher").redirectErrorStream(true).redirectOutput(dir.resolve("unpack.log").toFile())
                    .start();
            if (!unpack.waitFor(2, TimeUnit.MINUTES) || unpack.exitValue() != 0
                    || !Files.exists(root.resolve("launch-micro.jar"))) {
                unpack.destroyForcibly();
                throw new IOException("Payara Micro's runtime could not be unpacked into " + root + " (see "
                        + dir.resolve("unpack.log") + ")");
            }
            copy(root, pristine);
        }
        delete(root);
        copy(pristine, root);
        List<String> options = new ArrayList<>();
        boolean recording = !firstStart && !Files.exists(archive);
        if (recording || Files.exists(archive)) {
            options.add((recording ? "-XX:ArchiveClassesAtExit=" : "-XX:SharedArchiveFile=")
                    + archive.toAbsolutePath());
            options.add("-Xlog:cds=off"); // what it skips or cannot use is the JVM's business, not the console's
        }
        return new PayaraRuntime(root.resolve("launch-micro.jar").toAbsolutePath(), options, recording);
    }

    /** The jar to start: the launcher bound to this start's copy of the runtime. */
    Path jar() {
        return jar;
    }

    /** The JVM options of class-data sharing: record this start's classes, or map those of the first start. */
    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Whether this start records its classes for the next (the second start, or the second after a new Payara). */
    boolean recording() {
        return recording;
    }

    /** Jars (the runtime, unchanged by a start) are linked; everything else is copied, as it was. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (isJar(source)) {
                    try {
                        Files.createLink(target, source);
                    } catch (FileSystemException | UnsupportedOperationException noLinks) {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static boolean isJar(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jar") || name.endsWith(".rar");
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
