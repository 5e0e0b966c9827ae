package com.attest.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.attest.platform.InvalidInput;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionInputsTest {

    static final String SUB = "11111111-2222-3333-4444-555555555555";
    static final String OTHER_SUB = "99999999-2222-3333-4444-555555555555";
    static final String WORKSPACE = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    static final String VM = "/subscriptions/" + SUB + "/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01";
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    static final ActionInputs.Context CONTEXT = new ActionInputs.Context() {
        @Override
        public boolean subscriptionConfigured(String subscriptionId) {
            return SUB.equals(subscriptionId);
        }

        @Override
        public boolean workspaceConfigured(String workspaceId) {
            return WORKSPACE.equals(workspaceId);
        }

        @Override
        public String configuredSubscriptions() {
            return "prod " + SUB;
        }

        @Override
        public Instant now() {
            return NOW;
        }
    };

    static Map<String, String> check(ActionType type, Map<String, String> raw, InvalidInput.Collector errors) {
        return ActionInputs.check(type, raw, CONTEXT, errors);
    }

    static List<InvalidInput.FieldError> errors(ActionType type, Map<String, String> raw) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        check(type, raw, errors);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (InvalidInput e) {
            return e.errors();
        }
    }

    @Test
    void quarantineFillsTheNsgDefaultsFromTheVm() {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, String> values = check(ActionType.QUARANTINE_VM, Map.of("vm", "  " + VM + " "), errors);
        errors.throwIfAny();
        assertEquals(VM, values.get("vm"));
        assertEquals("rg-prod", values.get("nsgResourceGroup"));
        assertEquals("nsg-quarantine", values.get("nsg"));
    }

    @Test
    void malformedResourceIdsAreRefusedNamingTheField() {
        for (String bad : List.of("vm-web-01", VM + "/extensions/x", VM + "?api-version=1",
                "/subscriptions/" + SUB + "/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/../x",
                VM.replace("Microsoft.Compute", "Microsoft.Storage"), "/subscriptions/not-a-guid/resourceGroups/r"
                        + "/providers/Microsoft.Compute/virtualMachines/v")) {
            List<InvalidInput.FieldError> e = errors(ActionType.QUARANTINE_VM, Map.of("vm", bad));
            assertEquals(1, e.size(), bad);
            assertEquals("param.vm", e.get(0).field());
            assertTrue(e.get(0).message().contains("is not the resource id of a virtual machine"), e.get(0).message());
        }
    }

    @Test
    void anUnknownSubscriptionIsRefusedListingTheConfiguredOnes() {
        List<InvalidInput.FieldError> e = errors(ActionType.QUARANTINE_VM, Map.of("vm", VM.replace(SUB, OTHER_SUB)));
        assertEquals("param.vm", e.get(0).field());
        assertEquals("Virtual machine: subscription " + OTHER_SUB + " is not configured in this portal (configured: prod "
                + SUB + ").", e.get(0).message());
        assertEquals("param.subscription", errors(ActionType.ROTATE_SECRET,
                Map.of("subscription", OTHER_SUB, "vault", "kv-prod", "secret", "s")).get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@contoso.com' or 1==1 //", "alice@contoso.com'\n| take 100000",
            "x' | union AzureActivity | where '1'=='1", "alice@contoso.com\"); drop", "alice@contoso.com\\'",
            "' or true or '", "alice", "alice@contoso.com | take 1"})
    void kqlInjectionInAUserIsRefused(String user) {
        List<InvalidInput.FieldError> e = errors(ActionType.KQL_USER_AUDIT,
                Map.of("workspace", WORKSPACE, "user", user, "hours", "24"));
        assertEquals(1, e.size());
        assertEquals("param.user", e.get(0).field());
        assertTrue(e.get(0).message().contains("neither a user principal name"), e.get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1' or 1==1", "10.0.0.1 | take 5", "256.1.1.1", "10.0.0", "::1' //",
            "localhost", "example.com", "10.0.0.1/24", ""})
    void kqlInjectionInAnIpIsRefused(String ip) {
        List<InvalidInput.FieldError> e = errors(ActionType.KQL_IP_ACTIVITY,
                Map.of("workspace", WORKSPACE, "ip", ip, "hours", "24"));
        assertEquals(1, e.size(), ip);
        assertEquals("param.ip", e.get(0).field());
    }

    @Test
    void ipv6AndApostrophesInUpnsAreFine() {
        assertTrue(errors(ActionType.KQL_IP_ACTIVITY, Map.of("workspace", WORKSPACE, "ip", "2001:db8::7", "hours", "1"))
                .isEmpty());
        assertTrue(errors(ActionType.KQL_USER_AUDIT, Map.of("workspace", WORKSPACE, "user", "o'neil@contoso.com",
                "hours", "720")).isEmpty());
    }

    @Test
    void hoursWorkspacesAndTimesAreChecked() {
        assertEquals("param.hours", errors(ActionType.KQL_KEYVAULT, Map.of("workspace", WORKSPACE, "hours", "721"))
                .get(0).field());
        assertEquals("param.hours", errors(ActionType.KQL_KEYVAULT, Map.of("workspace", WORKSPACE, "hours", "1d"))
                .get(0).field());
        assertEquals("param.workspace", errors(ActionType.KQL_KEYVAULT,
                Map.of("workspace", "00000000-0000-0000-0000-000000000000", "hours", "1")).get(0).field());
        String db = "/subscriptions/" + SUB + "/resourceGroups/rg-prod/providers/Microsoft.Sql/servers/sql-prod/databases/prod-db";
        Map<String, String> raw = new HashMap<>(Map.of("database", db, "target", "prod-db-restored",
                "time", "2026-11-28T11:00:00Z"));
        assertTrue(errors(ActionType.RESTORE_SQL_PIT, raw).get(0).message().contains("not in the past"));
        raw.put("time", "2026-10-01T00:00:00Z");
        assertTrue(errors(ActionType.RESTORE_SQL_PIT, raw).get(0).message().contains("35 days"));
        raw.put("time", "2026-11-27T03:00:00+01:00");
        InvalidInput.Collector ok = new InvalidInput.Collector();
        assertEquals("2026-11-27T02:00:00Z", check(ActionType.RESTORE_SQL_PIT, raw, ok).get("time"));
        raw.put("target", "PROD-DB");
        assertEquals("param.target", errors(ActionType.RESTORE_SQL_PIT, raw).get(0).field());
    }

    @Test
    void everyMissingRequiredValueIsNamed() {
        List<InvalidInput.FieldError> e = errors(ActionType.DELETE_ROLE_ASSIGNMENT, Map.of());
        assertEquals(List.of("param.assignee", "param.role", "param.scope"),
                e.stream().map(InvalidInput.FieldError::field).toList());
        assertEquals("Role is required.", e.get(1).message());
    }

    @Test
    void namesFollowAzureRules() {
        assertNull(ActionInputs.problem(ActionType.ROTATE_SECRET.params().get(1), "kv-soc2-prod", CONTEXT));
        assertFalse(ActionInputs.problem(ActionType.ROTATE_SECRET.params().get(1), "kv--double", CONTEXT) == null);
        assertFalse(ActionInputs.problem(ActionType.ROTATE_SECRET.params().get(2), "a/b", CONTEXT) == null);
        assertFalse(ActionInputs.problem(ActionType.DELETE_ROLE_ASSIGNMENT.params().get(1), "Owner' or", CONTEXT) == null);
        assertNull(ActionInputs.problem(ActionType.DELETE_ROLE_ASSIGNMENT.params().get(2),
                "/subscriptions/" + SUB + "/resourceGroups/rg-prod", CONTEXT));
        assertFalse(ActionInputs.problem(ActionType.RECORD_IAC_REDEPLOY.params().get(1), "http://ci/run/1", CONTEXT)
                == null);
    }
}
