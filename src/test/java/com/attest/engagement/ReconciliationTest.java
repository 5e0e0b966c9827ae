package com.attest.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.engagement.Reconciliation.AzureItem;
import com.attest.engagement.Reconciliation.Difference;
import com.attest.engagement.Reconciliation.Disposition;
import com.attest.engagement.Reconciliation.Outcome;
import com.attest.engagement.Reconciliation.PortalAlert;
import com.attest.engagement.Reconciliation.Result;
import com.attest.engagement.Reconciliation.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final Instant T = Instant.parse("2025-03-04T10:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(15);
    private static final String WS = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights"
            + "/workspaces/law/providers/Microsoft.SecurityInsights/incidents/";

    private static AzureItem sentinel(String name, String severity, String status, Instant created, String... alerts) {
        return new AzureItem(Reconciliation.SENTINEL, WS + name, name, "Incident " + name, severity, status, created,
                status.equals("Closed") ? created.plusSeconds(3600) : null, List.of(alerts), 1, "aa");
    }

    private static AzureItem defender(String name, String severity, Instant created) {
        return new AzureItem(Reconciliation.DEFENDER, "/subscriptions/s/providers/Microsoft.Security/locations/x"
                + "/alerts/" + name, name, "Alert " + name, severity, "Active", created, null, List.of(), 2, "bb");
    }

    private static PortalAlert alert(String source, String id, String ref, String severity, boolean closed,
                                     Instant at, String reclassified) {
        return new PortalAlert(source, id, ref, severity, closed, at, closed ? at.plusSeconds(3600) : null,
                reclassified);
    }

    private static Row only(Result r) {
        assertEquals(1, r.rows().size(), r.toString());
        return r.rows().get(0);
    }

    @Test
    void aSentinelIncidentMatchesItsPortalAlertByArmIdWhateverTheCase() {
        Row row = only(Reconciliation.reconcile(List.of(sentinel("ABC", "Medium", "New", T)),
                List.of(alert("SENTINEL", (WS + "abc").toLowerCase(), "INC-2025-001", "P3", false, T, null)),
                List.of(), TOLERANCE));
        assertEquals(Outcome.MATCHED, row.outcome());
        assertEquals("INC-2025-001", row.incidentRef());
        assertEquals(List.of(), row.differences());
    }

    @Test
    void aSentinelIncidentMatchesThroughTheIdOfOneOfItsAlerts() {
        Row row = only(Reconciliation.reconcile(List.of(sentinel("abc", "High", "New", T, "d-1", "d-2")),
                List.of(alert("DEFENDER", "D-2", "INC-2025-002", "P2", false, T.plusSeconds(7200), null)),
                List.of(), TOLERANCE));
        assertEquals(Outcome.MATCHED, row.outcome());
        assertEquals("alert id d-2", row.matchedBy());
        assertEquals(List.of(), row.differences(), "a correlated alert's own time is not compared");
    }

    @Test
    void aSentinelIdFromAnotherSourceIsNoMatch() {
        assertEquals(Outcome.UNMATCHED, only(Reconciliation.reconcile(List.of(sentinel("abc", "High", "New", T)),
                List.of(alert("DEFENDER", WS + "abc", "INC-2025-003", "P2", false, T, null)), List.of(),
                TOLERANCE)).outcome());
    }

    @Test
    void aDefenderAlertMatchesBySystemAlertId() {
        Row row = only(Reconciliation.reconcile(List.of(defender("2518_x", "High", T)),
                List.of(alert("DEFENDER", "2518_X", "INC-2025-004", "P2", false, T, null)), List.of(), TOLERANCE));
        assertEquals(Outcome.MATCHED, row.outcome());
        assertEquals("Defender alert id", row.matchedBy());
    }

    @Test
    void anUnmatchedItemWithADispositionIsAccountedFor() {
        Disposition d = new Disposition(Reconciliation.SENTINEL, WS + "ABC", "BENIGN", "closed in Sentinel", null,
                "rita", T);
        Result r = Reconciliation.reconcile(List.of(sentinel("abc", "Low", "Closed", T), sentinel("def", "Low",
                "New", T)), List.of(), List.of(d), TOLERANCE);
        assertEquals(List.of(Outcome.DISPOSITIONED, Outcome.UNMATCHED), r.rows().stream().map(Row::outcome).toList());
        assertEquals(1, r.unmatched().size());
        assertEquals("closed in Sentinel", r.rows().get(0).disposition().reason());
    }

    @Test
    void aDispositionNeverHidesAMatch() {
        Disposition d = new Disposition(Reconciliation.SENTINEL, WS + "abc", "OTHER", "why", null, "rita", T);
        assertEquals(Outcome.MATCHED, only(Reconciliation.reconcile(List.of(sentinel("abc", "Low", "New", T)),
                List.of(alert("SENTINEL", WS + "abc", "INC-2025-005", "P4", false, T, null)), List.of(d),
                TOLERANCE)).outcome());
    }

    @Test
    void severityIsComparedThroughTheMapping() {
        assertEquals("P2", Reconciliation.severity("High"));
        assertEquals("P3", Reconciliation.severity("medium"));
        assertEquals("P4", Reconciliation.severity("Informational"));
        assertNull(Reconciliation.severity("Critical"));
        Row row = only(Reconciliation.reconcile(List.of(sentinel("abc", "High", "New", T)),
                List.of(alert("SENTINEL", WS + "abc", "INC-2025-006", "P3", false, T, null)), List.of(), TOLERANCE));
        assertEquals(List.of(new Difference("severity", "High (P2)", "P3", null)), row.differences());
    }

    @Test
    void aReclassificationWithItsReasonExplainsASeverityDifference() {
        Result r = Reconciliation.reconcile(List.of(sentinel("abc", "High", "New", T)), List.of(alert("SENTINEL",
                WS + "abc", "INC-2025-007", "P1", false, T, "credential theft confirmed")), List.of(), TOLERANCE);
        Difference d = only(r).differences().get(0);
        assertTrue(d.explained());
        assertEquals("reclassified: credential theft confirmed", d.explanation());
        assertEquals(1, r.differences());
        assertEquals(0, r.unexplained());
    }

    @Test
    void createdTimesAgreeWithinTheTolerance() {
        List<AzureItem> items = List.of(sentinel("abc", "High", "New", T));
        assertEquals(List.of(), only(Reconciliation.reconcile(items, List.of(alert("SENTINEL", WS + "abc", "I", "P2",
                false, T.plus(TOLERANCE), null)), List.of(), TOLERANCE)).differences());
        assertEquals("created", only(Reconciliation.reconcile(items, List.of(alert("SENTINEL", WS + "abc", "I",
                "P2", false, T.plus(TOLERANCE).plusSeconds(1), null)), List.of(), TOLERANCE)).differences().get(0)
                .field());
    }

    @Test
    void statusMustAgree() {
        Row row = only(Reconciliation.reconcile(List.of(sentinel("abc", "High", "Closed", T)),
                List.of(alert("SENTINEL", WS + "abc", "I", "P2", false, T, null)), List.of(), TOLERANCE));
        assertEquals(List.of(new Difference("status", "Closed", "open", null)), row.differences());
    }

    @Test
    void closedInBothTheClosingTimesAgreeWithinTheTolerance() {
        List<AzureItem> items = List.of(sentinel("abc", "High", "Closed", T));
        assertEquals(List.of(), only(Reconciliation.reconcile(items, List.of(new PortalAlert("SENTINEL", WS + "abc",
                "I", "P2", true, T, T.plusSeconds(3600).plus(TOLERANCE), null)), List.of(), TOLERANCE)).differences());
        assertEquals(List.of(new Difference("closed", T.plusSeconds(3600).toString(), T.plusSeconds(7200).toString(),
                null)), only(Reconciliation.reconcile(items, List.of(new PortalAlert("SENTINEL", WS + "abc", "I",
                "P2", true, T, T.plusSeconds(7200), null)), List.of(), TOLERANCE)).differences());
    }

    @Test
    void theSameItemCollectedTwiceCountsOnceAndTheResultIsTheSameInAnyOrder() {
        AzureItem first = sentinel("abc", "High", "New", T);
        AzureItem again = new AzureItem(first.kind(), first.azureId(), first.name(), first.title(), "Low", "New", T,
                null, List.of(), 9, "cc");
        Result a = Reconciliation.reconcile(List.of(first, again, defender("z", "Low", T)), List.of(), List.of(),
                TOLERANCE);
        Result b = Reconciliation.reconcile(List.of(defender("z", "Low", T), again, first), List.of(), List.of(),
                TOLERANCE);
        assertEquals(a, b);
        assertEquals(2, a.rows().size());
        assertEquals(List.of(Reconciliation.DEFENDER, Reconciliation.SENTINEL), a.rows().stream().map(Row::kind)
                .toList());
    }
}
