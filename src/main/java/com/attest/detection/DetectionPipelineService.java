package com.attest.detection;

import com.attest.azure.AzureIdentity;
import com.attest.azure.AzureSettings;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.audit.Sha256;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Checks a subscription's detection pipeline: reads it from Resource Manager (outside any transaction), judges it
 * ({@link PipelineRules}) and keeps the check with what Azure returned, verbatim, and its SHA-256. The compliance lead
 * checks on demand; {@code DetectionCheckSweep} checks every configured subscription once a day.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class DetectionPipelineService {

    @Inject
    private AzureSettings azure;

    @Inject
    private DetectionSettings settings;

    @Inject
    private PipelineReader reader;

    @Inject
    private PipelineChecks checks;

    @Inject
    private Caller caller;

    @Inject
    private Clock clock;

    /** The subscriptions a check covers: every configured one. */
    public List<AzureIdentity> subscriptions() {
        return azure.identities().stream().filter(i -> i.subscriptionId() != null).toList();
    }

    /** The compliance lead checks one configured subscription now. */
    public DetectionCheck check(String subscriptionId) {
        caller.require("check the detection pipeline", Role.COMPLIANCE_LEAD);
        return check(subscription(subscriptionId), DetectionCheck.Trigger.ON_DEMAND, caller.name(), false);
    }

    /** The check after repair run {@code runId}, by the system. */
    DetectionCheck recheck(String subscriptionId, long runId) {
        return check(subscription(subscriptionId), DetectionCheck.Trigger.ON_DEMAND, "repair run " + runId, true);
    }

    /** The daily check of one subscription, by the system. */
    DetectionCheck checkDaily(AzureIdentity subscription) {
        return check(subscription, DetectionCheck.Trigger.DAILY, PipelineChecks.SYSTEM, true);
    }

    /**
     * The check to show: {@code checkId} when given (refused when there is none), else the subscription's latest.
     * An auditor sees the latest as of the end of their engagement's period (their boundary keeps a named check
     * to their periods).
     */
    public java.util.Optional<DetectionCheck> shown(Long checkId, String subscriptionId) {
        caller.require("read the detection pipeline", Role.COMPLIANCE_LEAD, Role.AUDITOR);
        if (checkId != null) {
            return java.util.Optional.of(checks.find(checkId).orElseThrow(() -> new InvalidInput("check",
                    "There is no detection pipeline check " + checkId + ".")));
        }
        return checks.latest(subscription(subscriptionId).subscriptionId(), asOf());
    }

    /** The subscription's checks up to now (an auditor's: up to the end of their period), newest first. */
    public List<DetectionCheck> history(String subscriptionId, int max) {
        caller.require("read the detection pipeline", Role.COMPLIANCE_LEAD, Role.AUDITOR);
        List<com.attest.security.AuditPeriod> limits = scope.limits();
        return checks.history(subscription(subscriptionId).subscriptionId(), max).stream()
                .filter(c -> com.attest.security.AuditorLimits.within(limits, c.getCheckedAt()
                        .atZone(calendars.zone()).toLocalDate())).toList();
    }

    private Instant asOf() {
        Instant now = clock.instant();
        List<com.attest.security.AuditPeriod> limits = scope.limits();
        if (limits == null || limits.isEmpty()) {
            return now;
        }
        Instant end = limits.stream().map(p -> p.to().plusDays(1).atStartOfDay(calendars.zone()).toInstant())
                .max(Instant::compareTo).orElse(now);
        return end.isAfter(now) ? now : end;
    }

    @Inject
    private com.attest.security.AuditorLimits scope;

    @Inject
    private com.attest.calendar.CalendarService calendars;

    /** The configured subscription of that id, or a refusal naming it. */
    public AzureIdentity subscription(String subscriptionId) {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw new InvalidInput("subscription", "Choose a subscription to check.");
        }
        return subscriptions().stream().filter(i -> i.subscriptionId().equalsIgnoreCase(subscriptionId.strip()))
                .findFirst().orElseThrow(() -> new InvalidInput("subscription", "Subscription " + subscriptionId.strip()
                        + " is not among the configured Azure subscriptions (attest.azure.subscriptions)."));
    }

    private DetectionCheck check(AzureIdentity subscription, DetectionCheck.Trigger trigger, String by,
                                 boolean bySystem) {
        Policy policy = settings.policy();
        String id = subscription.subscriptionId().toLowerCase(Locale.ROOT);
        String label = subscription.name();
        Instant at = CanonicalJson.storable(clock.instant());
        PipelineReader.Result result = reader.read(id, label, policy);
        List<Finding> findings = PipelineRules.evaluate(result.read(), policy);
        String arm = Json.createObjectBuilder().add("subscriptionId", id).add("subscription", label)
                .add("checkedAt", at.toString())
                .add("policy", Json.createObjectBuilder().add("actionGroup", policy.actionGroup())
                        .add("automation", policy.automation())
                        .add("severities", Json.createArrayBuilder(policy.severities()))
                        .add("intakeUrl", policy.intakeUrl() == null ? "" : policy.intakeUrl()))
                .add("answers", result.answers()).build().toString();
        byte[] bytes = arm.getBytes(StandardCharsets.UTF_8);
        return checks.keep(new DetectionCheck(id, label, trigger, by, at, findings, arm, Sha256.hex(bytes),
                bytes.length), bySystem);
    }
}
