package com.attest.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Arranges accounts straight in the test database, with password hashes in the Jakarta Security PBKDF2
 * format ({@code algorithm:iterations:salt:hash}) that the portal verifies, created and last changed "now" on the
 * portal's clock ({@link TestClock}). On the shared portal every test class names its own people (e.g.
 * {@code rita.incident}), so one class's roles, e-mail addresses and engagements never meet another's.
 */
public final class Accounts {

    /** The password the tests give the accounts they arrange. */
    public static final String PASSWORD = "a-long-test-passphrase";

    private Accounts() {
    }

    public static long create(String database, String username, String password, LocalDate accessUntil,
                              String... roles) {
        try (Connection c = TestDatabase.connect(database)) {
            PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO app_user (username, display_name, email, password_hash, access_until,
                                          created_at, password_changed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""");
            insert.setString(1, username);
            insert.setString(2, "Test " + username);
            insert.setString(3, username + "@example.com");
            insert.setString(4, hash(password));
            insert.setObject(5, accessUntil);
            java.time.OffsetDateTime now = TestClock.now().atOffset(java.time.ZoneOffset.UTC);
            insert.setObject(6, now);
            insert.setObject(7, now);
            ResultSet rs = insert.executeQuery();
            rs.next();
            long id = rs.getLong(1);
            for (String role : roles) {
                PreparedStatement r = c.prepareStatement("INSERT INTO app_user_role (user_id, role) VALUES (?, ?)");
                r.setLong(1, id);
                r.setString(2, role);
                r.executeUpdate();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An auditor (that role only) with an engagement open to them from a month ago for three months, whose audit
     * period spans every date a test arranges, so the auditor's boundary lets them read what the test wrote.
     */
    public static long auditor(String database, String username, String password, LocalDate accessUntil) {
        return auditor(database, username, password, accessUntil, LocalDate.of(2000, 1, 1), LocalDate.of(2099, 12, 31));
    }

    /** An auditor (that role only) with an engagement open to them now for the audit period given. */
    public static long auditor(String database, String username, String password, LocalDate accessUntil,
                               LocalDate periodFrom, LocalDate periodTo) {
        long id = create(database, username, password, accessUntil, "AUDITOR");
        long engagement = TestDatabase.number(database, "INSERT INTO engagement (name, period_from, period_to,"
                + " access_from, access_to, created_by, created_at) VALUES ('Audit by " + username + "', DATE '"
                + periodFrom + "', DATE '" + periodTo + "', " + TestClock.sql() + " - interval '30 days', "
                + TestClock.sql() + " + interval '90 days', 'lead', " + TestClock.sql() + ") RETURNING id");
        TestDatabase.execute(database, "INSERT INTO engagement_auditor (engagement_id, username) VALUES ("
                + engagement + ", '" + username + "')");
        return id;
    }

    public static String hash(String password) {
        try {
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            int iterations = 10000;
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 64 * 8)).getEncoded();
            return "PBKDF2WithHmacSHA512:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
