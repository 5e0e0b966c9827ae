package com.attest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsTwelveToOneHundredTwentyEightCharacters() {
        assertNull(PasswordPolicy.problem("twelve-chars", "rita"));
        assertNull(PasswordPolicy.problem("x".repeat(128), "rita"));
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
}
