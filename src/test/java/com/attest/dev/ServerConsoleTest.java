package com.attest.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConsoleTest {

    private static final String ESC = "\u001B";

    private static String record(String level, int value, String logger, String message) {
        return "[2026-12-06T12:06:16.089+0000] [] [" + ESC + "[1;92m" + level + ESC + "[0m] [] [" + ESC + "[1;94m"
                + logger + ESC + "[0m] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1796558776089] [levelValue: "
                + value + "] " + message;
    }

    private static List<String> shown(String... lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ServerConsole console = new ServerConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "http://localhost:8080/", System.currentTimeMillis());
        for (String line : lines) {
            console.accept(line);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void showsThePortalsOwnLinesTheFirstPasswordAndWhereItAnswers() {
        List<String> shown = shown(
                record("INFO", 800, "javax.enterprise.system.core", "Grizzly 4.0.2 started in: 5,727ms"),
                "",
                record("WARNING", 900, "javax.enterprise.system.security.ssl", "[["),
                "  The SSL certificate with alias entrustevca has expired: [",
                "",
                "  Version: V3",
                "     [URIName: ldap://www.trustcenter.de/CN=TC%20TrustCenter]]",
                "",
                "[3]: ObjectId: 2.5.29.15 Criticality=true",
                "]",
                "]]]",
                "",
                record("INFO", 800, "com.attest.platform.DatabaseMigrator", "Database schema at version 34"),
                "",
                record("WARNING", 900, "org.eclipse.persistence.session", "[["),
                "  Exception [EclipseLink-4002]",
                "]]",
                "",
                "==================================================================",
                " Attest: first start. Compliance lead account created.",
                "   password: FJdwX8ZdDwUAvnJd5xAq",
                "SLF4J(W): No SLF4J providers were found.",
                record("INFO", 800, "fish.payara.micro.cdi.extension.ClusterScopedInterceptor", "[["),
                "'attest' REST Endpoints:",
                "GET\t/api/metrics",
                "]]",
                "",
                record("SEVERE", 1000, "jakarta.enterprise.web", "[["),
                "  Exception while loading the app",
                "]]",
                "",
                record("INFO", 800, "fish.payara.micro.impl.PayaraMicroImpl",
                        "Payara Micro 6.2025.10 (build 42) ready in 24,343 (ms)"));

        assertEquals("12:06:16 Database schema at version 34", shown.get(0));
        assertEquals(" Attest: first start. Compliance lead account created.", shown.get(2));
        assertEquals("   password: FJdwX8ZdDwUAvnJd5xAq", shown.get(3));
        assertEquals("12:06:16 SEVERE jakarta.enterprise.web", shown.get(4));
        assertEquals("  Exception while loading the app", shown.get(5));
        assertEquals(true, shown.get(6).startsWith("Attest is ready at http://localhost:8080/ (Payara Micro ready in"
                + " 24,343 ms"), shown.get(6));
        assertEquals(7, shown.size(), String.join("\n", shown));
    }
}
