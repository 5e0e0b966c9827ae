package com.attest.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node joins the running ones only with their schema. */
class DatabaseMigratorTest {

    @Test
    void aNodeWithTheRunningNodesSchemaOrAloneStarts() {
        assertNull(DatabaseMigrator.refusal("30", "30", Map.of("host-a-1f", "30")));
        assertNull(DatabaseMigrator.refusal("31", "30", Map.of()), "alone, it migrates");
    }

    @Test
    void aNodeWithAnotherSchemaThanTheRunningNodesRefusesAndSaysWhy() {
        assertEquals("This node brings database schema version 31 but the database is at version 30, used by the"
                + " running node(s) host-a-1f, host-b-2e: it does not join them. Stop every node before upgrading (or"
                + " start this one with their version).", DatabaseMigrator.refusal("31", "30",
                new java.util.TreeMap<>(Map.of("host-b-2e", "30", "host-a-1f", "30"))));
        assertEquals(true, DatabaseMigrator.refusal("29", "30", Map.of("host-a-1f", "30")).contains("version 29"));
    }
}
