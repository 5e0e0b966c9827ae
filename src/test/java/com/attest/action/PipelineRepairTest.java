package com.attest.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.testing.PipelineFixtures;
import com.attest.testing.PipelineFixtures.Variant;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dry run of a repair of the action group: the exact requests (method, URL with api-version, the body with the
 * intake key masked), the {@code az} equivalents, and the plan kept with the request reading back equal.
 */
class PipelineRepairTest {

    static final String SUB = "11111111-2222-3333-4444-555555555555";
    static final String INTAKE = "https://attest.contoso.com/api/intake/azure-monitor";
    static final String ID = "/subscriptions/" + SUB + "/resourceGroups/rg-soc/providers/Microsoft.Insights/"
            + "actionGroups/ag-security-oncall";
    static final String URL = "https://management.azure.com" + ID + "?api-version=2023-01-01";

    private final PipelineRepair repair = new PipelineRepair(new RepairPolicy() {
        @Override
        public String actionGroup() {
            return "ag-security-oncall";
        }

        @Override
        public String automation() {
            return "route-high-alerts";
        }

        @Override
        public List<String> severities() {
            return List.of("High");
        }

        @Override
        public String intakeUrl() {
            return INTAKE;
        }
    });

    @Test
    void aMissingGroupIsReadThenCreatedWithItsAzEquivalents() {
        DryRun plan = repair.dryRun(ID, null);
        assertEquals(List.of("GET " + URL, "PUT " + URL), plan.calls().stream().map(c -> c.method() + " "
                + c.resource()).toList());
        String body = plan.calls().get(1).body();
        assertTrue(body.contains("\"serviceUri\":\"" + INTAKE + "?key=<new intake key>\""), body);
        assertTrue(body.contains("\"useCommonAlertSchema\":true") && body.contains("\"enabled\":true"), body);
        assertEquals("az monitor action-group create --name ag-security-oncall --resource-group rg-soc --subscription "
                + SUB + " --short-name securityonca --action webhook attest-intake '" + INTAKE
                + "?key=<new intake key>' usecommonalertschema", plan.commands().get(0));
        assertEquals("az rest --method put --url '" + URL + "' --body '" + body + "'", plan.commands().get(1));
        assertTrue(plan.commands().get(2).startsWith("# <new intake key>: a new Azure Monitor intake key"),
                plan.commands().get(2));
        assertEquals(plan, DryRun.fromJson(plan.toJson()), "the plan kept with the request reads back the same");
    }

    @Test
    void aDisabledGroupIsWrittenWholeEnabledWithNothingCreated() {
        JsonObject group = Json.createReader(new StringReader(PipelineFixtures.actionGroups(SUB,
                Variant.ACTION_GROUP_DISABLED, INTAKE))).readObject().getJsonArray("value").getJsonObject(0);
        DryRun plan = repair.dryRun(ID, group);
        assertEquals(2, plan.calls().size());
        String body = plan.calls().get(1).body();
        assertTrue(body.contains("\"enabled\":true") && body.contains("security-oncall@contoso.com")
                && body.contains(INTAKE + "?key=*****") && !body.contains("fake-intake-key"), body);
        assertEquals(1, plan.commands().size(), "only the az rest equivalent; no new key");
        assertTrue(plan.commands().get(0).startsWith("az rest --method put --url '" + URL + "'"));
    }
}
