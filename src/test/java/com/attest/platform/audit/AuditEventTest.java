package com.attest.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:15:30.123456Z");

    private static AuditEvent event(long id, String actor, String prev) {
        return new AuditEvent(id, AT, actor, "user.created", "User", "7", null, "{\"username\":\"rita\"}",
                "10.0.0.1", prev);
    }

    @Test
    void hashIsSha256OfPreviousHashAndCanonicalContent() {
        AuditEvent first = event(1, "admin", AuditEvent.GENESIS);
        assertEquals(Sha256.hex(AuditEvent.GENESIS + first.canonicalContent()), first.getHash());
        assertEquals("{\"action\":\"user.created\",\"actor\":\"admin\",\"after\":\"{\\\"username\\\":\\\"rita\\\"}\","
                + "\"before\":null,\"clientAddress\":\"10.0.0.1\",\"entityId\":\"7\",\"entityType\":\"User\",\"id\":1,"
                + "\"occurredAt\":\"2026-11-28T10:15:30.123456Z\"}", first.canonicalContent());
    }

    @Test
    void theContentIsTheCanonicalFormOfTheMapOfItsFields() {
        String[] texts = {null, "", "plain", "q\"b\\n\nt\tc\u0001\u001f", "é ü — \uD83D\uDE00", "{\"a\":[1,\"x\"]}"};
        long id = 1;
        for (String a : texts) {
            for (String b : texts) {
                AuditEvent event = new AuditEvent(id++, Instant.parse("2026-11-28T10:15:30.123456789Z"),
                        a == null ? "system" : a, "alert.received", "Alert", b, a, b, a, AuditEvent.GENESIS);
                java.util.Map<String, Object> fields = new java.util.HashMap<>();
                fields.put("id", event.getId());
                fields.put("occurredAt", event.getOccurredAt());
                fields.put("actor", event.getActor());
                fields.put("action", event.getAction());
                fields.put("entityType", event.getEntityType());
                fields.put("entityId", event.getEntityId());
                fields.put("before", event.getBeforeState());
                fields.put("after", event.getAfterState());
                fields.put("clientAddress", event.getClientAddress());
                assertEquals(CanonicalJson.write(fields), event.canonicalContent());
            }
        }
    }

    @Test
    void theSameRowAlwaysHashesTheSame() {
        assertEquals(event(1, "admin", AuditEvent.GENESIS).getHash(), event(1, "admin", AuditEvent.GENESIS).getHash());
    }

    @Test
    void anyChangeOrADifferentPredecessorChangesTheHash() {
        String original = event(2, "admin", "a".repeat(64)).getHash();
        assertNotEquals(original, event(2, "mallory", "a".repeat(64)).getHash());
        assertNotEquals(original, event(3, "admin", "a".repeat(64)).getHash());
        assertNotEquals(original, event(2, "admin", "b".repeat(64)).getHash());
    }

    @Test
    void knownVector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
    }
}
