package com.attest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsTwelveToOneHundredTwentyEightCharacters() {
        assertNull(PasswordPolicy.problem("twelve-chars", "rita"));
        assertNull(PasswordPolicy.problem("a-long-passphrase-".repeat(8).substring(0, 128), "rita"));
    }

    @Test
    void saysWhatIsWrong() {
        assertEquals("Password is required.", PasswordPolicy.problem(null, "rita"));
        assertEquals("Password is required.", PasswordPolicy.problem("", "rita"));
        assertEquals("Password must be at least 12 characters long.", PasswordPolicy.problem("eleven-char", "rita"));
        assertEquals("Password must be at most 128 characters long.", PasswordPolicy.problem("x".repeat(10_000), "r"));
        assertEquals("Password must not be only spaces.", PasswordPolicy.problem(" ".repeat(12), "rita"));
        assertEquals("Password must not be the username.",
                PasswordPolicy.problem("Rita.Responder", "rita.responder"));
    }

    @Test
    void refusesWhatAttackersTryFirstEvenWithDigitsOrSymbolsAround() {
        String common = "Password is one attackers try first (a common password, perhaps with digits or symbols"
                + " added): choose a passphrase of your own.";
        assertEquals(common, PasswordPolicy.problem("password1234", "rita"));
        assertEquals(common, PasswordPolicy.problem("Sunshine2026!", "rita"));
        assertEquals(common, PasswordPolicy.problem("!!Attest2026!!", "rita"));
        assertEquals(common, PasswordPolicy.problem("1qaz2wsx3edc", "rita"));
        assertNull(PasswordPolicy.problem("first-password-rita", "rita"), "a passphrase is not a common password");
    }

    @Test
    void refusesRunsAndRepeats() {
        String runs = "Password must not contain runs such as 12345, abcde or qwert, or one character four times over.";
        assertEquals(runs, PasswordPolicy.problem("my-pin-is-56789", "rita"));
        assertEquals(runs, PasswordPolicy.problem("Trustno-qwerty", "rita"));
        assertEquals(runs, PasswordPolicy.problem("zzzz-very-sleepy", "rita"));
    }
}
