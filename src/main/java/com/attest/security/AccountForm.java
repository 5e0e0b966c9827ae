package com.attest.security;

import com.attest.platform.InvalidInput;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The details of an account as an administrator enters them, and the rules they must meet. Field names
 * match the form's component ids, so each problem shows beside its field.
 */
public record AccountForm(String username, String displayName, String email, Set<Role> roles,
                          LocalDate accessUntil) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** An e-mail address as the portal accepts it everywhere (accounts, on-call recipients, senders). */
    public static boolean isEmail(String address) {
        return address != null && address.length() <= 254 && EMAIL.matcher(address).matches();
    }

    public static String normalizeUsername(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }

    /** The username trimmed and lower-cased; other text trimmed. */
    public AccountForm normalized() {
        return new AccountForm(normalizeUsername(username), trim(displayName), trim(email),
                roles == null ? EnumSet.noneOf(Role.class) : roles, accessUntil);
    }

    /** Checks the username (only when creating) and the rest; {@code today} bounds the access date. */
    void check(InvalidInput.Collector errors, boolean checkUsername, LocalDate today) {
        if (checkUsername) {
            if (username.isEmpty()) {
                errors.add("username", "Username is required.");
            } else if (username.length() > 64) {
                errors.add("username", "Username must be at most 64 characters long.");
            } else if (!USERNAME.matcher(username).matches()) {
                errors.add("username", "Username must be 3 to 64 characters: letters, digits and . _ @ -, "
                        + "starting with a letter or digit.");
            }
        }
        if (displayName.isEmpty()) {
            errors.add("displayName", "Name is required.");
        } else if (displayName.length() > 200) {
            errors.add("displayName", "Name must be at most 200 characters long.");
        } else if (displayName.chars().anyMatch(c -> c < 0x20)) {
            errors.add("displayName", "Name must not contain control characters.");
        }
        if (email.isEmpty()) {
            errors.add("email", "E-mail is required.");
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add("email", "E-mail is not a valid address (expected name@domain.example).");
        }
        if (roles.isEmpty()) {
            errors.add("roles", "Choose at least one role.");
        }
        if (roles.contains(Role.AUDITOR) && accessUntil == null) {
            errors.add("accessUntil", "Access until is required for auditors: their access ends with the audit.");
        } else if (accessUntil != null && accessUntil.isBefore(today)) {
            errors.add("accessUntil", "Access until must not be in the past.");
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
