package com.attest.testing;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * "Now" as the deployed portal sees it. Every portal of the suite starts its clock at {@link #START}
 * ({@code attest.clock.start}): a Wednesday at 10:00 UTC, after every fixed date the tests use, so business-day
 * rules, review due dates and year-dependent references do not depend on the day the suite runs. The portal's clock
 * then runs on from there; this one runs in step with it, calibrated against a time the portal itself stamped.
 *
 * <p>Tests take their instants and dates from here, never from {@code Instant.now()}, and write them into SQL through
 * {@link #sql()} rather than the database's {@code now()}, which follows the machine's clock. Without a deployed portal
 * (the benchmarks, the launcher) it is the system clock.
 */
public final class TestClock {

    /** Where every portal of the suite starts its clock: Wednesday 2 December 2026, 10:00 UTC. */
    public static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    /** The portal's clock minus the system clock. */
    private static volatile Duration offset = Duration.ZERO;

    private TestClock() {
    }

    /** The portal's current instant. */
    public static Instant now() {
        return Instant.now().plus(offset);
    }

    /** The portal's current date in UTC (the time zone of the seeded business calendar). */
    public static LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    /** {@link #now()} as a PostgreSQL timestamp literal, to use in SQL instead of {@code now()}. */
    public static String sql() {
        return sql(now());
    }

    /** An instant as a PostgreSQL timestamp literal. */
    public static String sql(Instant instant) {
        return "TIMESTAMPTZ '" + instant + "'";
    }

    /** {@link #today()} as a PostgreSQL date literal, to use in SQL instead of {@code current_date}. */
    public static String sqlToday() {
        return "DATE '" + today() + "'";
    }

    /** A portal is being deployed with its clock at {@link #START}: close enough until {@link #calibrate} runs. */
    static void starting() {
        offset = Duration.between(Instant.now(), START);
    }

    /**
     * Reads the portal's clock at {@code base}: an API call with an unknown name makes the portal record a refused
     * sign-in in the audit trail of {@code database}, stamped with its clock. The stamp lies between the moments
     * the call left and its answer came back; taking the later one keeps this clock at or just behind the portal's
     * (by the few milliseconds of the call), so an instant taken here is never in the portal's future.
     */
    static void calibrate(URL base, String database) {
        HttpClient http = HttpClient.newHttpClient();
        Duration best = null;
        for (int probe = 0; probe < 3; probe++) {
            String name = "clock-probe-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(new URL(base, "api/audit/verify").toString()))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((name + ":x")
                                .getBytes(StandardCharsets.UTF_8))).build();
                http.send(request, HttpResponse.BodyHandlers.discarding());
                Instant answered = Instant.now();
                Instant stamped = stamp(database, name);
                Duration candidate = Duration.between(answered, stamped);
                if (best == null || candidate.compareTo(best) > 0) {
                    best = candidate;
                }
            } catch (java.io.IOException | SQLException e) {
                throw new IllegalStateException("could not read the portal's clock at " + base, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        offset = best;
    }

    private static Instant stamp(String database, String name) throws SQLException {
        try (Connection c = TestDatabase.connect(database); PreparedStatement q = c.prepareStatement(
                "SELECT occurred_at FROM audit_event WHERE action = 'auth.sign-in-failed' AND after_state LIKE ?"
                        + " ORDER BY id DESC LIMIT 1")) {
            q.setString(1, "%\"" + name + "\"%");
            ResultSet rs = q.executeQuery();
            if (!rs.next()) {
                throw new IllegalStateException("the portal recorded no refused sign-in of " + name);
            }
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
