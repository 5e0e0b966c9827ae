package com.attest.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.PipelineFixtures;
import com.attest.testing.PipelineFixtures.Variant;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline judged from what Azure returned: each broken variant gives its sentence; unread is never a pass. */
class PipelineRulesTest {

    static final String SUB = "11111111-2222-3333-4444-555555555555";
    static final String INTAKE = "https://attest.contoso.com/api/intake/azure-monitor";
    static final String WS = "/subscriptions/" + SUB + "/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights"
            + "/workspaces/law-soc/providers/Microsoft.SecurityInsights";
    static final Policy POLICY = new Policy("ag-security-oncall", "route-high-alerts", List.of("High"), INTAKE);

    static Listing listing(String json) {
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        return Listing.of(o.getJsonArray("value").getValuesAs(JsonObject.class));
    }

    static PipelineRead read(Variant variant, String lastRun) {
        Listing workflows = listing(PipelineFixtures.workflows(SUB));
        Map<String, Listing> runs = Map.of(
                PipelineFixtures.lower(PipelineFixtures.workflowId(SUB, PipelineFixtures.ROUTE_LOGIC_APP)),
                listing(PipelineFixtures.runs(SUB, PipelineFixtures.ROUTE_LOGIC_APP, "Succeeded")),
                PipelineFixtures.lower(PipelineFixtures.workflowId(SUB, PipelineFixtures.PLAYBOOK_LOGIC_APP)),
                listing(PipelineFixtures.runs(SUB, PipelineFixtures.PLAYBOOK_LOGIC_APP, lastRun)));
        return new PipelineRead(SUB, "prod", listing(PipelineFixtures.actionGroups(SUB, variant, INTAKE)),
                listing(PipelineFixtures.automations(SUB, variant)), workflows, runs,
                Map.of("law-soc", listing(PipelineFixtures.automationRules(WS, SUB))));
    }

    static List<String> sentences(List<Finding> findings, Verdict verdict) {
        return findings.stream().filter(f -> f.verdict() == verdict).map(Finding::sentence).toList();
    }

    @Test
    void aHealthyPipelinePassesEveryPart() {
        List<Finding> findings = PipelineRules.evaluate(read(Variant.HEALTHY, "Succeeded"), POLICY);
        assertEquals(Verdict.PASS, PipelineRules.overall(findings), findings.toString());
        assertEquals(List.of(Part.ACTION_GROUP, Part.AUTOMATION, Part.PLAYBOOK, Part.AUTOMATION_RULE, Part.PLAYBOOK),
                findings.stream().map(Finding::part).toList());
        assertEquals("Action group ag-security-oncall is enabled, posts to this portal with the common alert schema"
                + " (webhook attest-intake) and has 2 receivers.", findings.get(0).sentence());
        assertEquals("Workflow automation route-high-alerts routes High alerts to logic-defender-route.",
                findings.get(1).sentence());
        assertEquals("Sentinel automation rule Notify Teams of new incidents runs logic-sentinel-teams on incidents"
                + " created.", findings.get(3).sentence());
    }

    @Test
    void aDisabledActionGroupFails() {
        List<Finding> findings = PipelineRules.evaluate(read(Variant.ACTION_GROUP_DISABLED, "Succeeded"), POLICY);
        assertEquals(List.of("Action group ag-security-oncall is disabled."), sentences(findings, Verdict.FAIL));
    }

    @Test
    void aRouteToALogicAppThatNoLongerExistsFails() {
        List<Finding> findings = PipelineRules.evaluate(read(Variant.LOGIC_APP_MISSING, "Succeeded"), POLICY);
        assertEquals(List.of("The automation routes High alerts to a Logic App that no longer exists"
                + " (logic-defender-route-old)."), sentences(findings, Verdict.FAIL));
    }

    @Test
    void aWebhookPointingElsewhereFails() {
        List<Finding> findings = PipelineRules.evaluate(read(Variant.WEBHOOK_ELSEWHERE, "Succeeded"), POLICY);
        assertEquals(List.of("Action group ag-security-oncall posts elsewhere (attest-intake → old-portal.example.net),"
                + " not to this portal's intake."), sentences(findings, Verdict.FAIL));
    }

    @Test
    void aPlaybookWhoseLatestRunFailedFails() {
        List<Finding> findings = PipelineRules.evaluate(read(Variant.HEALTHY, "Failed"), POLICY);
        assertEquals(List.of("Logic App logic-sentinel-teams's latest run (2026-12-01T20:16:32.5779407Z) failed."),
                sentences(findings, Verdict.FAIL));
    }

    @Test
    void anAutomationThatDoesNotRouteHighAlertsFails() {
        Policy mediumToo = new Policy("ag-security-oncall", "route-high-alerts", List.of("High", "Medium"), INTAKE);
        List<Finding> findings = PipelineRules.evaluate(read(Variant.HEALTHY, "Succeeded"), mediumToo);
        assertEquals(List.of("Workflow automation route-high-alerts does not route Medium alerts (it routes High)."),
                sentences(findings, Verdict.FAIL));
    }

    @Test
    void whatCouldNotBeReadIsNeverAPass() {
        PipelineRead healthy = read(Variant.HEALTHY, "Succeeded");
        String refused = "Listing the action groups of subscription " + SUB + ": 403 AuthorizationFailed: The client"
                + " does not have authorization to perform action 'Microsoft.Insights/actionGroups/read'.";
        PipelineRead unread = new PipelineRead(SUB, "prod", Listing.failed(refused), Listing.failed("429 throttled"),
                Listing.failed("timed out"), Map.of(), Map.of("law-soc", Listing.failed("404 ResourceNotFound")));
        List<Finding> findings = PipelineRules.evaluate(unread, POLICY);
        assertEquals(Verdict.UNREADABLE, PipelineRules.overall(findings));
        assertTrue(findings.stream().allMatch(f -> f.verdict() == Verdict.UNREADABLE), findings.toString());
        assertEquals("Action group ag-security-oncall could not be read: " + refused, findings.get(0).sentence());
        assertTrue(Verdict.UNREADABLE.gap() && Verdict.FAIL.gap() && !Verdict.WARN.gap() && !Verdict.PASS.gap());
        assertEquals(PipelineRules.playbooksUsed(healthy, POLICY).size(), 2);
    }

    @Test
    void noActionGroupAndNoAutomationFailWithTheirNames() {
        PipelineRead empty = new PipelineRead(SUB, "prod", Listing.of(List.of()), Listing.of(List.of()),
                Listing.of(List.of()), Map.of(), Map.of());
        assertEquals(List.of("Action group ag-security-oncall does not exist in subscription prod: nobody is notified"
                        + " of alerts.", "Defender for Cloud has no workflow automation route-high-alerts: High alerts"
                        + " are routed nowhere."),
                sentences(PipelineRules.evaluate(empty, POLICY), Verdict.FAIL));
    }

    @Test
    void theDiagramColoursEachBoxAndLinksItToItsFinding() {
        List<Finding> findings = PipelineRules.evaluate(read(Variant.ACTION_GROUP_DISABLED, "Succeeded"), POLICY);
        for (PipelineDiagram.Layout layout : PipelineDiagram.Layout.values()) {
            String svg = PipelineDiagram.svg(findings, POLICY, layout, i -> i < 0 ? "#evidence" : "#finding-" + i);
            assertTrue(svg.startsWith("<svg ") && svg.endsWith("</svg>"), svg);
            assertTrue(svg.contains("<a href=\"#finding-0\" aria-label=\"Action group ag-security-oncall: Fails\">"
                    + "<rect class=\"pipeline-box verdict-FAIL\""), svg);
            assertTrue(svg.contains("aria-label=\"Workflow automation route-high-alerts: Passes\"><rect class=\""
                    + "pipeline-box verdict-PASS\""), svg);
            assertTrue(svg.contains("aria-label=\"Logic App logic-defender-route: Passes\""), svg);
            assertTrue(svg.contains("aria-label=\"Playbooks logic-sentinel-teams: Passes\""), svg);
            assertTrue(svg.contains("<a href=\"#evidence\" aria-label=\"Defender for Cloud alerts\">"), svg);
        }
        String unread = PipelineDiagram.svg(List.of(new Finding(Part.ACTION_GROUP, null, Verdict.UNREADABLE,
                "could not be read")), POLICY, PipelineDiagram.Layout.WIDE, i -> "#f" + i);
        assertTrue(unread.contains("aria-label=\"Action group ag-security-oncall: Could not be read\"><rect"
                + " class=\"pipeline-box verdict-UNREADABLE\""), unread);
        assertTrue(unread.contains("aria-label=\"Workflow automation route-high-alerts: Not reached\""), unread);
        assertTrue(PipelineDiagram.svg(List.of(new Finding(Part.ACTION_GROUP, "<x>", Verdict.FAIL, "a & b")), new Policy(
                "ag-<script>", "a", List.of("High"), INTAKE), PipelineDiagram.Layout.TALL, i -> "#f" + i)
                .contains("ag-&lt;script&gt;"), "names are escaped");
    }
}
