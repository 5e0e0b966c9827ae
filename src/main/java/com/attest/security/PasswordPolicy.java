package com.attest.security;

/**
 * What a password must be: 12 to 128 characters (long passphrases welcome, unbounded input not), not all
 * blank, and not the username. Returns the problem as a sentence, or {@code null} when the password is fine.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    public static String problem(String password, String username) {
        if (password == null || password.isEmpty()) {
            return "Password is required.";
        }
        if (password.length() < MIN_LENGTH) {
            return "Password must be at least " + MIN_LENGTH + " characters long.";
        }
        if (password.length() > MAX_LENGTH) {
            return "Password must be at most " + MAX_LENGTH + " characters long.";
        }
        if (password.isBlank()) {
            return "Password must not be only spaces.";
        }
        if (username != null && password.trim().equalsIgnoreCase(username.trim())) {
            return "Password must not be the username.";
        }
        return null;
    }
}
