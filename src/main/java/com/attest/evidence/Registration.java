package com.attest.evidence;

import java.time.LocalDate;

/**
 * A record to register: where it lives, what it is called, its period date, the SHA-256 that identifies its
 * content, and the canonical snapshot hashed (null for a file, whose bytes are hashed where they are kept).
 */
public record Registration(String typeCode, String source, long sourceId, String title, LocalDate periodDate,
                           String sha256, String snapshot) {
}
