package com.attest.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.attest.audit.web.AuditTrailBacking.FieldChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A change in the audit trail shown field by field: only what differs, in field order, values as people read them. */
class FieldChangesTest {

    @Test
    void onlyTheFieldsThatDifferWithTheirValuesBeforeAndAfter() {
        List<FieldChange> changes = AuditTrailBacking.changes(
                "{\"owner\":null,\"status\":\"DETECTED\",\"title\":\"Brute force\",\"version\":1}",
                "{\"owner\":\"rita\",\"status\":\"DECLARED\",\"title\":\"Brute force\",\"version\":2,\"tags\":[\"a\"]}");
        assertEquals(List.of(new FieldChange("owner", "null", "rita"), new FieldChange("status", "DETECTED", "DECLARED"),
                new FieldChange("tags", "—", "[\"a\"]"), new FieldChange("version", "1", "2")), changes);
    }

    @Test
    void aNewRecordHasEveryFieldAsAddedAndAStateThatIsNoObjectIsOneValue() {
        assertEquals(List.of(new FieldChange("name", "—", "x")), AuditTrailBacking.changes(null, "{\"name\":\"x\"}"));
        assertEquals(List.of(new FieldChange("value", "—", "plain text")), AuditTrailBacking.changes("", "plain text"));
        assertEquals(List.of(), AuditTrailBacking.changes("{\"a\":1}", "{\"a\":1}"));
    }
}
