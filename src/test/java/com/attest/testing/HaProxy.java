package com.attest.testing;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * HAProxy (Debian's package) in front of portal nodes on this machine, as production runs it: round robin, no
 * sticky sessions, a node taken out when {@code /health/ready} stops answering, each answer naming the node that
 * gave it ({@code X-Attest-Node}) so a test knows which one to kill.
 */
public final class HaProxy implements AutoCloseable {

    private final Process process;
    private final URL base;
    private final Path config;

    private HaProxy(Process process, URL base, Path config) {
        this.process = process;
        this.base = base;
        this.config = config;
    }

    /** Starts on {@code port} balancing over the nodes on {@code nodePorts} (named node1, node2, …). */
    public static HaProxy start(int port, List<Integer> nodePorts) throws IOException {
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 4096
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout check 5s
                    retries 3
                    option redispatch
                frontend portal
                """);
        cfg.append("    bind 127.0.0.1:").append(port).append('\n').append("""
                    # a plain-HTTP client asking to upgrade to HTTP/2 (h2c, as Java's HTTP client does) would
                    # get a tunnel to one node: every later request on it out of the balancer's sight
                    http-request del-header Upgrade if { req.hdr(Upgrade) -i h2c }
                    http-request del-header HTTP2-Settings
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /health/ready
                    option forwardfor
                    http-response set-header X-Attest-Node %s
                """);
        for (int i = 0; i < nodePorts.size(); i++) {
            cfg.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i))
                    .append(" check inter 2s fall 2 rise 1\n");
        }
        Path config = Files.createTempFile("attest-haproxy", ".cfg");
        Files.writeString(config, cfg);
        String binary = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        Process process = new ProcessBuilder(binary, "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("attest-haproxy", ".log").toFile()).start();
        HaProxy proxy = new HaProxy(process, new URL("http://127.0.0.1:" + port + "/"), config);
        Wait.until("HAProxy listening", Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("HAProxy stopped (exit " + process.exitValue() + ")");
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return proxy;
    }

    public URL base() {
        return base;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor();
        Files.deleteIfExists(config);
    }
}
