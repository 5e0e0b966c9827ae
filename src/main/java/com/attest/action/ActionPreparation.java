package com.attest.action;

import com.attest.azure.AzureIdentity;
import com.attest.azure.AzureSettings;
import com.attest.azure.Workspace;
import com.attest.incident.Incident;
import com.attest.platform.InvalidInput;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a responder needs to prepare an action request: the subscriptions and workspaces configured to check
 * values against, the checked values with their dry run, and values suggested from what the incident recorded.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ActionPreparation {

    @Inject
    private Clock clock;

    @Inject
    private Caller caller;

    @Inject
    private AzureSettings azure;

    @Inject
    private PipelineRepair repairs;

    /** What a request form checks values against: the subscriptions and workspaces configured, and the time. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ActionInputs.Context inputContext() {
        Instant now = clock.instant();
        return new ActionInputs.Context() {
            @Override
            public boolean subscriptionConfigured(String subscriptionId) {
                return azure.subscription(subscriptionId).isPresent();
            }

            @Override
            public boolean workspaceConfigured(String workspaceId) {
                return azure.workspace(workspaceId).isPresent();
            }

            @Override
            public String configuredSubscriptions() {
                return azure.identities().stream().map(i -> i.name() + " " + i.subscriptionId())
                        .collect(Collectors.joining(", "));
            }

            @Override
            public Instant now() {
                return now;
            }
        };
    }

    /** The parameters checked and the dry run of {@code type}; refuses bad values, naming each field. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map.Entry<Map<String, String>, DryRun> preview(ActionType type, Map<String, String> raw) {
        if (type.repairsPipeline()) {
            caller.require("prepare repairs of the detection pipeline", Role.COMPLIANCE_LEAD);
        } else {
            caller.require("prepare runbook actions", Role.RESPONDER, Role.COMPLIANCE_LEAD);
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, String> values = ActionInputs.check(type, raw, inputContext(), errors);
        errors.throwIfAny();
        if (type.repairsPipeline()) {
            return Map.entry(values, repairs.plan(type, values));
        }
        return Map.entry(values, type.executes() || type == ActionType.RECORD_IAC_REDEPLOY
                ? DryRun.of(type, values) : new DryRun(List.of(), List.of(), null));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> suggestions(Incident incident, ActionType type) {
        Map<String, String> values = new LinkedHashMap<>();
        ActionInputs.Context context = inputContext();
        for (Param param : type.params()) {
            Collection<String> candidates = switch (param.kind()) {
                case VM_ID, SQL_DATABASE_ID, RECOVERY_VAULT_ID, DEFENDER_ALERT_ID, SCOPE -> incident.getResources();
                case USER -> incident.getUsers();
                default -> List.of();
            };
            candidates.stream().filter(c -> ActionInputs.problem(param, c, context) == null).findFirst()
                    .ifPresent(c -> values.put(param.name(), c));
            if (param.kind() == Param.Kind.HOURS) {
                values.put(param.name(), "24");
            }
            if (type == ActionType.COLLECT_ENTRA_AUDIT) {
                Instant end = incident.getClosedAt() != null ? incident.getClosedAt()
                        : incident.getResolvedAt() != null ? incident.getResolvedAt() : clock.instant();
                values.put("from", incident.getDetectedAt().minus(Duration.ofHours(1))
                        .truncatedTo(ChronoUnit.MINUTES).toString());
                values.put("to", end.plus(Duration.ofMinutes(1)).isAfter(clock.instant())
                        ? clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()
                        : end.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))
                        .toString());
            }
            if (param.kind() == Param.Kind.WORKSPACE && azure.workspaces().size() == 1) {
                values.put(param.name(), azure.workspaces().get(0).workspaceId());
            }
            if (param.kind() == Param.Kind.SUBSCRIPTION && azure.identities().size() == 1) {
                values.put(param.name(), azure.identities().get(0).subscriptionId());
            }
        }
        return values;
    }

    /** The subscription whose identity queries workspace {@code workspaceId}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String workspaceSubscription(String workspaceId) {
        return azure.workspace(workspaceId).map(w -> w.subscriptionId()).orElseThrow();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Workspace> workspaces() {
        return azure.workspaces();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AzureIdentity> identities() {
        return azure.identities();
    }
}
