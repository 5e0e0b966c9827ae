package com.attest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.attest.platform.InvalidInput;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AccountFormTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    private static Map<String, String> problems(AccountForm form) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        form.normalized().check(errors, true, TODAY);
        try {
            errors.throwIfAny();
            return Map.of();
        } catch (InvalidInput e) {
            return e.errors().stream().collect(Collectors.toMap(InvalidInput.FieldError::field,
                    InvalidInput.FieldError::message));
        }
    }

    @Test
    void aGoodAccountPassesAndIsNormalised() {
        AccountForm form = new AccountForm("  Rita.Responder ", " Rita ", " rita@example.com ",
                EnumSet.of(Role.RESPONDER), null);
        assertEquals(Map.of(), problems(form));
        assertEquals("rita.responder", form.normalized().username());
        assertEquals("rita@example.com", form.normalized().email());
    }

    @Test
    void everyFieldSaysWhatIsWrong() {
        Map<String, String> p = problems(new AccountForm("", "", "not-an-email", EnumSet.noneOf(Role.class), null));
        assertEquals("Username is required.", p.get("username"));
        assertEquals("Name is required.", p.get("displayName"));
        assertEquals("E-mail is not a valid address (expected name@domain.example).", p.get("email"));
        assertEquals("Choose at least one role.", p.get("roles"));
    }

    @Test
    void hostileAndOversizedInputIsRefused() {
        assertEquals("Username must be at most 64 characters long.",
                problems(new AccountForm("u".repeat(10_000), "n", "a@b.example", EnumSet.of(Role.RESPONDER), null))
                        .get("username"));
        assertFalse(problems(new AccountForm("x' OR '1'='1", "n", "a@b.example", EnumSet.of(Role.RESPONDER), null))
                .get("username").isEmpty());
        assertFalse(problems(new AccountForm("<script>", "n", "a@b.example", EnumSet.of(Role.RESPONDER), null))
                .get("username").isEmpty());
        assertEquals("E-mail is not a valid address (expected name@domain.example).",
                problems(new AccountForm("abc", "n", "a@b.example<script>", EnumSet.of(Role.RESPONDER), null))
                        .get("email"));
        assertEquals("Name must be at most 200 characters long.",
                problems(new AccountForm("abc", "n".repeat(201), "a@b.example", EnumSet.of(Role.RESPONDER), null))
                        .get("displayName"));
    }

    @Test
    void auditorsNeedAnAccessDateThatIsNotPast() {
        assertEquals("Access until is required for auditors: their access ends with the audit.",
                problems(new AccountForm("ann", "Ann", "ann@audit.example", EnumSet.of(Role.AUDITOR), null))
                        .get("accessUntil"));
        assertEquals("Access until must not be in the past.",
                problems(new AccountForm("ann", "Ann", "ann@audit.example", EnumSet.of(Role.AUDITOR),
                        TODAY.minusDays(1))).get("accessUntil"));
        assertEquals(Map.of(), problems(new AccountForm("ann", "Ann", "ann@audit.example", EnumSet.of(Role.AUDITOR),
                TODAY)));
    }

    @Test
    void collectorThrowsAllProblemsTogether() {
        InvalidInput.Collector errors = new InvalidInput.Collector().add("a", "first").add("b", "second");
        InvalidInput e = assertThrows(InvalidInput.class, errors::throwIfAny);
        assertEquals(2, e.errors().size());
        assertEquals("a: first; b: second", e.getMessage());
    }
}
