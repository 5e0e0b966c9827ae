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

    /**
     * Processor milliseconds used so far by the portal, PostgreSQL and this process; and of the portal's, by its JIT
     * compiler threads (a portal still compiling its code is not yet the portal that runs for weeks).
     */
    record Reading(double portal, double compiler, double database, double generator) {

        Reading minus(Reading earlier) {
            return new Reading(portal - earlier.portal, compiler - earlier.compiler, database - earlier.database,
                    generator - earlier.generator);
        }

        /** Per request: "portal 1.23 (compiling 0.02) + database 0.45 + generator 0.12 = 1.80 ms of processor time". */
        String per(int requests) {
            return String.format("processor time per request: portal %.2f (compiling %.2f) + PostgreSQL %.2f + load"
                    + " generator %.2f = %.2f ms", portal / requests, compiler / requests, database / requests,
                    generator / requests, (portal + database + generator) / requests);
        }

        /** The share of the portal's time its compiler took. */
        double compiling() {
            return portal == 0 ? 0 : compiler / portal;
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
            return new Reading(0, 0, 0, 0);
        }
        String portal = stat(Path.of("/proc", Long.toString(portalPid)));
        String self = stat(Path.of("/proc/self"));
        return new Reading(portal == null ? 0 : ticks(portal), compiler(), database, self == null ? 0 : ticks(self));
    }

    /** The time of the portal's JIT compiler threads (C1 and C2 CompilerThreadN), in ms. */
    private double compiler() {
        double ms = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(portalPid),
                "task"))) {
            for (Path t : threads) {
                String stat = stat(t);
                if (stat != null && stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .contains("CompilerThre")) {
                    ms += ticks(stat);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ms;
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
