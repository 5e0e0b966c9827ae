package com.attest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class UserSignInRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    private static User user(LocalDate accessUntil) {
        return new User("rita", "Rita", "rita@example.com", "hash", EnumSet.of(Role.RESPONDER), accessUntil, false,
                NOW);
    }

    @Test
    void fiveFailuresInARowLockForFifteenMinutes() {
        User user = user(null);
        for (int i = 1; i <= 4; i++) {
            assertFalse(user.recordFailedSignIn(NOW.plusSeconds(i)));
        }
        assertTrue(user.recordFailedSignIn(NOW.plusSeconds(5)));
        assertEquals(NOW.plusSeconds(5).plus(Duration.ofMinutes(15)), user.getLockedUntil());
        assertEquals(SignInStatus.LOCKED, user.refusal(NOW.plusSeconds(6), TODAY));
        assertEquals(SignInStatus.LOCKED, user.refusal(NOW.plus(Duration.ofMinutes(15)), TODAY));
        assertNull(user.refusal(NOW.plusSeconds(5).plus(Duration.ofMinutes(15)), TODAY), "lifts by itself");
    }

    @Test
    void aSuccessResetsTheCount() {
        User user = user(null);
        for (int i = 0; i < 4; i++) {
            user.recordFailedSignIn(NOW);
        }
        user.recordSignIn(NOW);
        assertEquals(0, user.getFailedAttempts());
        assertFalse(user.recordFailedSignIn(NOW), "counting starts again");
    }

    @Test
    void afterALockExpiresTheCountStartsAfresh() {
        User user = user(null);
        for (int i = 0; i < 5; i++) {
            user.recordFailedSignIn(NOW);
        }
        Instant later = NOW.plus(Duration.ofMinutes(16));
        assertFalse(user.recordFailedSignIn(later));
        assertEquals(1, user.getFailedAttempts());
        assertNull(user.getLockedUntil());
    }

    @Test
    void accessEndsAfterTheAccessUntilDay() {
        User auditor = user(TODAY);
        assertNull(auditor.refusal(NOW, TODAY), "the last day still counts");
        assertEquals(SignInStatus.EXPIRED, auditor.refusal(NOW, TODAY.plusDays(1)));
    }

    @Test
    void disabledIsRefusedFirst() {
        User user = user(TODAY.minusDays(3));
        user.disable();
        assertEquals(SignInStatus.DISABLED, user.refusal(NOW, TODAY));
        user.enable();
        assertEquals(SignInStatus.EXPIRED, user.refusal(NOW, TODAY));
    }

    @Test
    void theAuditSnapshotNeverHoldsThePasswordHash() {
        assertFalse(user(null).snapshot().containsValue("hash"));
        assertFalse(user(null).snapshot().containsKey("passwordHash"));
    }
}
