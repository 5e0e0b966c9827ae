package com.attest.bench;

import com.attest.dev.PayaraProcess;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options a benchmark starts the portal with: production's ({@link PayaraProcess#PRODUCTION_OPTIONS}), a
 * 1 GB heap, then those of {@code -Dbench.jvm} split on whitespace, the later option winning ({@code
 * -XX:TieredStopAtLevel=4 -XX:-UseSerialGC -XX:+UseG1GC} gives the JVM's own defaults back).
 */
final class PortalJvm {

    private PortalJvm() {
    }

    static List<String> options() {
        List<String> jvm = new ArrayList<>(List.of(PayaraProcess.PRODUCTION_OPTIONS, "-Xmx1g"));
        String more = System.getProperty("bench.jvm", "");
        if (!more.isBlank()) {
            jvm.addAll(List.of(more.trim().split("\\s+")));
        }
        return jvm;
    }
}
