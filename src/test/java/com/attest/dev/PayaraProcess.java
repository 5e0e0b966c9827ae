package com.attest.dev;

import com.attest.testing.Wait;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Payara Micro serving the built WAR in a process of its own, as an operator runs it. */
public final class PayaraProcess implements AutoCloseable {

    /** How long a start may take: 5 minutes, or {@code -Dpayara.readyMinutes} on a busy machine. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(Long.getLong("payara.readyMinutes", 5));

    private final Process process;
    private final URL base;
    private final Path logFile;

    private PayaraProcess(Process process, URL base, Path logFile) {
        this.process = process;
        this.base = base;
        this.logFile = logFile;
    }

    /**
     * The JVM options production runs the portal with, as one argument ({@code @file}): the file the container's
     * entrypoint and the README's production command give {@code java}.
     */
    public static final String PRODUCTION_OPTIONS = "@" + new File(System.getProperty("attest.jvmOptions",
            "src/main/payara/jvm.options")).getAbsolutePath();

    /** Alone, sessions stay in memory: nothing to replicate them to (see the README's production section). */
    private static final File SINGLE_NODE = new File(System.getProperty("attest.singleNode",
            "src/main/payara/single-node.asadmin"));

    /** The command line: java, the JVM options, Payara Micro deploying the WAR at the root on {@code port}, alone. */
    public static List<String> command(int port, List<String> jvmOptions) {
        return command(port, jvmOptions, List.of());
    }

    /**
     * The same as a member of a cluster when {@code clusterOptions} are given (Payara Micro's own, e.g.
     * {@code --clustermode tcpip:…}), else alone ({@code --nocluster}).
     */
    public static List<String> command(int port, List<String> jvmOptions, List<String> clusterOptions) {
        return command(port, jvmOptions, clusterOptions, microJar());
    }

    /** Payara Micro's jar: {@code -Dpayara.microJar}, else the one the build copies into target. */
    static Path microJar() {
        return Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar")).toAbsolutePath();
    }

    /** The same, started from {@code jar} (Payara Micro's, or a launcher of its runtime unpacked once). */
    static List<String> command(int port, List<String> jvmOptions, List<String> clusterOptions, Path jar) {
        List<String> command = new ArrayList<>();
        String nice = System.getProperty("payara.nice");
        if (nice != null && !nice.isBlank()) { // a drill beside other tests: what it leaves over is theirs
            command.addAll(List.of("nice", "-n", nice));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--deploy", new File(System.getProperty("attest.war", "target/attest.war")).getAbsolutePath(),
                "--contextroot", "/", "--port", String.valueOf(port)));
        if (clusterOptions.isEmpty()) {
            command.addAll(List.of("--nocluster", "--postbootcommandfile", SINGLE_NODE.getAbsolutePath()));
        } else {
            command.addAll(clusterOptions);
        }
        return command;
    }

    /** Starts on a free port with this environment, its output in a temporary log, and waits until ready. */
    public static PayaraProcess start(Map<String, String> env, List<String> jvmOptions)
            throws IOException, InterruptedException {
        return start(freePort(), env, jvmOptions, List.of());
    }

    /** Starts on {@code port} as a cluster member ({@link #command(int, List, List)}) and waits until ready. */
    public static PayaraProcess start(int port, Map<String, String> env, List<String> jvmOptions,
                                      List<String> clusterOptions) throws IOException, InterruptedException {
        Path log = Files.createTempFile("attest-payara", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(port, jvmOptions, clusterOptions))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        PayaraProcess payara = new PayaraProcess(builder.start(), new URL("http://localhost:" + port + "/"), log);
        try {
            payara.awaitReady();
        } catch (RuntimeException | Error notReady) {
            payara.process.destroyForcibly(); // never leave a half-started server behind
            throw notReady;
        }
        return payara;
    }

    /**
     * The options of a member of cluster {@code name} on loopback (Payara Micro's Hazelcast, a TCP/IP member list,
     * multicast off) whose members listen for the data grid on {@code gridPorts}, this one on {@code own}.
     */
    public static List<String> loopbackMember(String name, List<Integer> gridPorts, int own) {
        String members = gridPorts.stream().map(port -> "127.0.0.1:" + port)
                .collect(java.util.stream.Collectors.joining(",", "tcpip:", ""));
        return List.of("--clustermode", members, "--clustername", name, "--interfaces", "127.0.0.1",
                "--startport", String.valueOf(own));
    }

    /**
     * A free port for a node's data grid, below the range the system hands out for outgoing connections: a grid
     * port in that range can be taken by a node's own outgoing connection, which Hazelcast then sees as itself.
     */
    public static int gridPort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 17_000 + random.nextInt(3_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("No free port between 17000 and 20000");
    }

    /** A port free on this machine now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException {
        try {
            Wait.until("Payara Micro to be ready", READY_WITHIN, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Payara Micro stopped:\n" + logText());
                }
                return logText().contains("ready in");
            }, ready -> ready);
        } catch (AssertionError notReady) {
            throw new IllegalStateException("Payara Micro not ready in " + READY_WITHIN.toMinutes() + " minutes:\n"
                    + log(), notReady);
        }
    }

    private String logText() {
        try {
            return log();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public URL base() {
        return base;
    }

    /** The server's process id (to read its processor time from {@code /proc}). */
    public long pid() {
        return process.pid();
    }

    public String log() throws IOException {
        return Files.readString(logFile);
    }

    /** Ends the server as a crash would ({@code kill -9}): no shutdown, nothing flushed, connections cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        process.waitFor();
        Files.deleteIfExists(logFile);
    }
}
