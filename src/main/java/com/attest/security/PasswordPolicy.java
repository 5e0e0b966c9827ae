package com.attest.security;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.resources.DictionaryUtil;
import org.passay.EnglishSequenceData;
import org.passay.IllegalSequenceRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.RepeatCharactersRule;

/**
 * What a local account's password must be (NIST SP 800-63B): 12 to 128 characters (long passphrases welcome,
 * unbounded input not), not all blank, not the username, not one of the passwords attackers try first — nor such a
 * password with digits or symbols around it ("password1234") — and without runs such as 12345, abcde, qwert or a
 * character four times over. No rules about mixing kinds of characters. Returns the problem as a sentence, or
 * {@code null} when the password is fine.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    /** Runs that make a long password guessable anyway. */
    private static final PasswordValidator RUNS = new PasswordValidator(
            new IllegalSequenceRule(EnglishSequenceData.Numerical, 5, false),
            new IllegalSequenceRule(EnglishSequenceData.Alphabetical, 5, false),
            new IllegalSequenceRule(EnglishSequenceData.USQwerty, 5, false),
            new RepeatCharactersRule(4, 1));

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
        if (common(password)) {
            return "Password is one attackers try first (a common password, perhaps with digits or symbols added):"
                    + " choose a passphrase of your own.";
        }
        if (!RUNS.validate(new PasswordData(password)).isValid()) {
            return "Password must not contain runs such as 12345, abcde or qwert, or one character four times over.";
        }
        return null;
    }

    /** Whether the password, or its core without the digits and symbols around it, is on the blocklist. */
    static boolean common(String password) {
        String lower = password.toLowerCase(Locale.ROOT).strip();
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        return Blocklist.WORDS.contains(lower) || core.length() >= 4 && Blocklist.WORDS.contains(core);
    }

    /** The passwords attackers try first, read when first needed. */
    private static final class Blocklist {
        static final Set<String> WORDS = load();

        private static Set<String> load() {
            Set<String> words = new HashSet<>(DictionaryUtil.loadUnrankedDictionary(DictionaryUtil.passwords)
                    .keySet());
            words.add("attest"); // the service's own name
            return words;
        }
    }
}
