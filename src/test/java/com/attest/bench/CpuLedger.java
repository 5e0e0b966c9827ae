package com.attest.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the machine's processor time goes during a benchmark: the portal's JVM, the PostgreSQL processes and the load
 * generator itself (the benchmark's PostgreSQL alone: its postmaster and the processes it started), read from {@code /proc} (Linux; user + system time, clock ticks of 10 ms). On a machine where all
 * three share the cores, the sum per request says how many requests per second the cores can carry at all.
 */
final class CpuLedger {

    private static final double TICK_MS = 10.0;

    /** Processor milliseconds used so far by the portal, PostgreSQL and this process. */
    record Reading(double portal, double database, double generator) {

        Reading minus(Reading earlier) {
            return new Reading(portal - earlier.portal, database - earlier.database, generator - earlier.generator);
        }

        /** Per request: "portal 1.23 + database 0.45 + generator 0.12 = 1.80 ms of processor time". */
        String per(int requests) {
            return String.format("processor time per request: portal %.2f + PostgreSQL %.2f + load generator %.2f"
                    + " = %.2f ms", portal / requests, database / requests, generator / requests,
                    (portal + database + generator) / requests);
        }
    }

    private final long portalPid;
    private final String postmaster;

    /** {@code backendPid}: any server process of the benchmark's PostgreSQL (its parent is the postmaster). */
    CpuLedger(long portalPid, long backendPid) {
        this.portalPid = portalPid;
        String backend = stat(Path.of("/proc", Long.toString(backendPid)));
        this.postmaster = backend == null ? "?" : backend.substring(backend.lastIndexOf(')') + 2).split(" ")[1];
    }

    Reading read() {
        double database = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : processes) {
                String stat = stat(p);
                if (stat == null) {
                    continue;
                }
                if (p.getFileName().toString().equals(postmaster)) {
                    database += ticks(stat) + exitedChildren(stat); // connections that ended meanwhile count there
                } else if (stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1].equals(postmaster)) {
                    database += ticks(stat);
                }
            }
        } catch (IOException e) {
            return new Reading(0, 0, 0);
        }
        String portal = stat(Path.of("/proc", Long.toString(portalPid)));
        String self = stat(Path.of("/proc/self"));
        return new Reading(portal == null ? 0 : ticks(portal), database, self == null ? 0 : ticks(self));
    }

    private static String stat(Path process) {
        try {
            return Files.readString(process.resolve("stat"));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** cutime + cstime: the time of children that exited and were waited for, in ms. */
    private static double exitedChildren(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * TICK_MS;
    }

    /** utime + stime (fields 14 and 15 of /proc/PID/stat, counted after the command in parentheses), in ms. */
    private static double ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MS;
    }
}
