package com.attest.detection;

import com.attest.azure.ArmRest;
import com.attest.azure.AzureFailure;
import com.attest.azure.AzureIdentity;
import com.attest.azure.CallLog;
import com.attest.azure.PipelineApi;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The end-to-end proof: Azure is asked (Action Groups {@code createNotifications}) to send a test notification
 * through the policy's action group to its webhook receiver that posts to this portal, with the common alert schema;
 * the proof then waits for the portal's own intake to receive it ({@link ProofSweep}). The action group is read
 * first, so the request names the receiver as Azure has it; the request is kept without its intake key.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ProofService {

    @Inject
    private PipelineApi api;

    @Inject
    private DetectionSettings settings;

    @Inject
    private DetectionPipelineService detection;

    @Inject
    private Proofs proofs;

    @Inject
    private Caller caller;

    @Inject
    private Clock clock;

    @Inject
    private com.attest.security.AuditorLimits scope;

    @Inject
    private com.attest.calendar.CalendarService calendars;

    /** The compliance lead sends a test alert through one configured subscription's pipeline now. */
    public DetectionProof send(String subscriptionId) {
        caller.require("send a test alert through the detection pipeline", Role.COMPLIANCE_LEAD);
        return send(detection.subscription(subscriptionId), DetectionProof.Trigger.ON_DEMAND, caller.name());
    }

    DetectionProof sendWeekly(AzureIdentity subscription) {
        return send(subscription, DetectionProof.Trigger.WEEKLY, Proofs.SYSTEM);
    }

    private DetectionProof send(AzureIdentity subscription, DetectionProof.Trigger trigger, String by) {
        Policy policy = settings.policy();
        String sub = subscription.subscriptionId().toLowerCase(java.util.Locale.ROOT);
        JsonObject group;
        try {
            group = actionGroup(sub, policy);
        } catch (AzureFailure e) {
            throw new InvalidInput("subscription", "The action groups of subscription " + subscription.name()
                    + " could not be read: " + e.getMessage());
        }
        JsonObject receiver = PipelineRules.properties(group).getJsonArray("webhookReceivers") == null ? null
                : PipelineRules.properties(group).getJsonArray("webhookReceivers").getValuesAs(JsonObject.class)
                .stream().filter(w -> policy.isIntake(w.getString("serviceUri", ""))).findFirst().orElse(null);
        if (receiver == null) {
            throw new InvalidInput("subscription", "Action group " + policy.actionGroup() + " has no webhook receiver"
                    + " posting to this portal's intake: nothing could arrive. Repair the action group first.");
        }
        String body = Json.createObjectBuilder().add("alertType", "servicehealth")
                .add("webhookReceivers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", receiver.getString("name", "attest-intake"))
                        .add("serviceUri", receiver.getString("serviceUri"))
                        .add("useCommonAlertSchema", true)
                        .add("useAadAuth", receiver.getBoolean("useAadAuth", false)))).build().toString();
        String kept = body.replace(receiver.getString("serviceUri"), withoutQuery(receiver.getString("serviceUri")));
        Instant at = CanonicalJson.storable(clock.instant());
        String answer;
        DetectionProof.State refused = null;
        String why = null;
        try {
            ArmRest.Answer a = api.createNotifications(group.getString("id"), body, CallLog.NONE);
            answer = Json.createObjectBuilder().add("status", a.status()).add("requestId", a.requestId() == null
                    ? JsonValue.NULL : Json.createValue(a.requestId())).add("body", a.text()).build().toString();
        } catch (AzureFailure e) {
            answer = Json.createObjectBuilder().add("status", e.status()).add("error", String.valueOf(e.getMessage()))
                    .build().toString();
            refused = DetectionProof.State.REFUSED;
            why = "Azure did not send the test notification: " + e.getMessage();
        }
        return proofs.start(new DetectionProof(sub, subscription.name(), group.getString("id"), trigger, by, at,
                settings.proofWait(), kept, answer), refused, why, trigger == DetectionProof.Trigger.WEEKLY);
    }

    private JsonObject actionGroup(String sub, Policy policy) throws AzureFailure {
        for (ArmRest.Answer page : api.actionGroups(sub, CallLog.NONE)) {
            JsonValue value = page.json("Listing the action groups").get("value");
            if (value instanceof JsonArray array) {
                Optional<JsonObject> found = array.getValuesAs(JsonObject.class).stream()
                        .filter(g -> g.getString("name", "").equalsIgnoreCase(policy.actionGroup())).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new InvalidInput("subscription", "Action group " + policy.actionGroup() + " does not exist in"
                + " subscription " + sub + ": nothing can be sent through it.");
    }

    /** The subscription's proofs, newest first. */
    public List<DetectionProof> recent(String subscriptionId, int max) {
        caller.require("read the detection pipeline", Role.COMPLIANCE_LEAD, Role.AUDITOR);
        List<com.attest.security.AuditPeriod> limits = scope.limits();
        return proofs.recent(detection.subscription(subscriptionId).subscriptionId(), max).stream()
                .filter(p -> com.attest.security.AuditorLimits.within(limits, p.getRequestedAt()
                        .atZone(calendars.zone()).toLocalDate())).toList();
    }

    public Optional<DetectionProof> find(long id) {
        caller.require("read the detection pipeline", Role.COMPLIANCE_LEAD, Role.AUDITOR);
        return proofs.find(id);
    }

    private static String withoutQuery(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

}
