package com.attest.azure;

import static com.attest.azure.AzureCalls.json;
import static com.attest.azure.AzureCalls.optional;
import static com.attest.azure.AzureCalls.recorded;
import static com.attest.azure.AzureCalls.requireName;
import static com.attest.azure.AzureCalls.step;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.resourcemanager.authorization.fluent.AuthorizationManagementClient;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleDefinitionInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import com.azure.resourcemanager.sql.fluent.DatabasesClient;
import com.azure.resourcemanager.sql.fluent.models.DatabaseInner;
import com.azure.resourcemanager.sql.models.CreateMode;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.microsoft.graph.models.ServicePrincipal;
import com.microsoft.graph.models.User;
import com.microsoft.graph.users.item.revokesigninsessions.RevokeSignInSessionsPostResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incident-response actions, performed through the Azure SDKs and Microsoft Graph (see {@link AzureActions} for
 * what each does). Every exchange goes to the action's {@link CallLog} through {@link CallRecording}.
 */
@ApplicationScoped
public class SdkAzureActions implements AzureActions {

    static final String QUARANTINE_INBOUND = "attest-quarantine-deny-all-inbound";
    static final String QUARANTINE_OUTBOUND = "attest-quarantine-deny-all-outbound";
    static final String DEFENDER_API = "2022-01-01";
    static final String BACKUP_API = "2023-04-01";
    /** How long a backup restore request may take to be accepted (the restore job itself runs on in Azure). */
    static final Duration BACKUP_ACCEPT_LIMIT = Duration.ofMinutes(10);

    private static final Pattern UPN = Pattern.compile("[^@\\s/?#]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern VAULT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]");
    private static final Pattern SECRET_NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w .()/-]{1,200}");
    private static final Pattern SQL_NAME = Pattern.compile("[^<>*%&:\\\\/?\\s][^<>*%&:\\\\/?]{0,127}");
    private static final Pattern RECOVERY_POINT = Pattern.compile("[\\w-]{1,100}");

    private final SecureRandom random = new SecureRandom();

    @Inject
    AzureClients clients;

    /** For CDI. */
    public SdkAzureActions() {
    }

    public SdkAzureActions(AzureClients clients) {
        this.clients = clients;
    }

    // ---------------------------------------------------------------- VM quarantine

    @Override
    public ActionResult quarantineVm(String vmId, String nsgResourceGroup, String nsgName, CallLog log)
            throws AzureFailure {
        Matcher vm = ResourceIds.parse(ResourceIds.VM, vmId, "a virtual machine id");
        requireName(ResourceIds.RESOURCE_GROUP, nsgResourceGroup, "a resource group name");
        requireName(ResourceIds.AZURE_NAME, nsgName, "a network security group name");
        AzureIdentity identity = identity(ResourceIds.subscription(vm));
        String vmName = vm.group(3);
        return recorded(log, () -> {
            VirtualMachineInner machine = step("Reading the VM", () -> clients.compute(identity).serviceClient()
                    .getVirtualMachines().getByResourceGroupWithResponse(vm.group(2), vmName, null,
                            CallRecording.context()).getValue());
            String nicId = primaryNic(machine, vmId);
            Matcher nic = ResourceIds.parse(ResourceIds.NIC, nicId, "a network interface id");
            NetworkManagementClient network = clients.network(identity).serviceClient();
            NetworkInterfaceInner nicState = step("Reading the network interface", () -> network
                    .getNetworkInterfaces().getByResourceGroupWithResponse(nic.group(2), nic.group(3), null,
                            CallRecording.context()).getValue());
            String previous = nicState.networkSecurityGroup() == null ? null : nicState.networkSecurityGroup().id();
            NetworkSecurityGroupInner nsg = optional("Reading the quarantine network security group", () -> network
                    .getNetworkSecurityGroups().getByResourceGroupWithResponse(nsgResourceGroup, nsgName, null,
                            CallRecording.context()).getValue());
            String nsgId = nsg != null ? nsg.id() : "/subscriptions/" + ResourceIds.subscription(vm)
                    + "/resourceGroups/" + nsgResourceGroup + "/providers/Microsoft.Network/networkSecurityGroups/"
                    + nsgName;
            String before = json(o -> o.add("vm", machine.id() == null ? vmId : machine.id()).add("nic", nicId)
                    .add("networkSecurityGroup", previous));
            boolean rulesInPlace = nsg != null && deniesEverything(nsg);
            boolean attached = ResourceIds.sameId(previous, nsgId);
            if (rulesInPlace && attached) {
                return new ActionResult(true, vmName + " already quarantined: " + nsgName + " on "
                        + ResourceIds.name(nicId), before, before, null, null, null, nsgId);
            }
            if (!rulesInPlace) {
                NetworkSecurityGroupInner wanted = new NetworkSecurityGroupInner()
                        .withSecurityRules(quarantineRules());
                wanted.withLocation(nsg != null ? nsg.location() : machine.location());
                if (nsg != null && nsg.tags() != null) {
                    wanted.withTags(nsg.tags());
                }
                NetworkSecurityGroupInner written = step("Writing the quarantine network security group",
                        () -> finish(network.getNetworkSecurityGroups().beginCreateOrUpdate(nsgResourceGroup, nsgName,
                                wanted, CallRecording.context())));
                if (written != null && written.id() != null) {
                    nsgId = written.id();
                }
            }
            if (!ResourceIds.sameId(previous, nsgId)) {
                nicState.withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(nsgId));
                step("Putting the quarantine network security group on the network interface",
                        () -> finish(network.getNetworkInterfaces().beginCreateOrUpdate(nic.group(2), nic.group(3),
                                nicState, CallRecording.context())));
            }
            String finalNsg = nsgId;
            String after = json(o -> o.add("vm", machine.id() == null ? vmId : machine.id()).add("nic", nicId)
                    .add("networkSecurityGroup", finalNsg));
            return new ActionResult(false, vmName + " quarantined: " + nsgName + " on " + ResourceIds.name(nicId),
                    before, after, null, null, null, finalNsg);
        });
    }

    @Override
    public ActionResult releaseVm(String nicId, String previousNsgId, CallLog log) throws AzureFailure {
        Matcher nic = ResourceIds.parse(ResourceIds.NIC, nicId, "a network interface id");
        if (previousNsgId != null && !previousNsgId.isBlank()) {
            ResourceIds.parse(ResourceIds.NSG, previousNsgId, "a network security group id");
        }
        String wanted = previousNsgId == null || previousNsgId.isBlank() ? null : previousNsgId.strip();
        AzureIdentity identity = identity(ResourceIds.subscription(nic));
        String nicName = nic.group(3);
        return recorded(log, () -> {
            NetworkManagementClient network = clients.network(identity).serviceClient();
            NetworkInterfaceInner state = step("Reading the network interface", () -> network
                    .getNetworkInterfaces().getByResourceGroupWithResponse(nic.group(2), nicName, null,
                            CallRecording.context()).getValue());
            String current = state.networkSecurityGroup() == null ? null : state.networkSecurityGroup().id();
            String before = json(o -> o.add("nic", nicId).add("networkSecurityGroup", current));
            String after = json(o -> o.add("nic", nicId).add("networkSecurityGroup", wanted));
            String target = wanted == null ? "no network security group" : ResourceIds.name(wanted);
            if (ResourceIds.sameId(current, wanted)) {
                return new ActionResult(true, nicName + " already has " + target, before, before, null, null, null,
                        null);
            }
            state.withNetworkSecurityGroup(wanted == null ? null : new NetworkSecurityGroupInner().withId(wanted));
            step("Restoring the network interface's network security group", () -> finish(network
                    .getNetworkInterfaces().beginCreateOrUpdate(nic.group(2), nicName, state,
                            CallRecording.context())));
            return new ActionResult(false, nicName + " released: " + target + " instead of "
                    + (current == null ? "none" : ResourceIds.name(current)), before, after, null, null, null, null);
        });
    }

    private static String primaryNic(VirtualMachineInner machine, String vmId) throws AzureFailure {
        List<NetworkInterfaceReference> nics = machine.networkProfile() == null ? null
                : machine.networkProfile().networkInterfaces();
        if (nics == null || nics.isEmpty()) {
            throw new AzureFailure(0, null, "Reading the VM: " + vmId + " has no network interface", null, false,
                    null);
        }
        return nics.stream().filter(n -> Boolean.TRUE.equals(n.primary())).findFirst().orElse(nics.get(0)).id();
    }

    static List<SecurityRuleInner> quarantineRules() {
        List<SecurityRuleInner> rules = new ArrayList<>();
        for (SecurityRuleDirection direction : List.of(SecurityRuleDirection.INBOUND, SecurityRuleDirection.OUTBOUND)) {
            rules.add(new SecurityRuleInner()
                    .withName(direction == SecurityRuleDirection.INBOUND ? QUARANTINE_INBOUND : QUARANTINE_OUTBOUND)
                    .withPriority(100)
                    .withDirection(direction)
                    .withAccess(SecurityRuleAccess.DENY)
                    .withProtocol(SecurityRuleProtocol.ASTERISK)
                    .withSourceAddressPrefix("*")
                    .withSourcePortRange("*")
                    .withDestinationAddressPrefix("*")
                    .withDestinationPortRange("*"));
        }
        return rules;
    }

    /** True when, in both directions, a deny-everything rule comes before any allow rule. */
    static boolean deniesEverything(NetworkSecurityGroupInner nsg) {
        List<SecurityRuleInner> rules = nsg.securityRules() == null ? List.of() : nsg.securityRules();
        for (SecurityRuleDirection direction : List.of(SecurityRuleDirection.INBOUND, SecurityRuleDirection.OUTBOUND)) {
            Integer deny = rules.stream().filter(r -> direction.equals(r.direction()))
                    .filter(r -> SecurityRuleAccess.DENY.equals(r.access()) && everything(r))
                    .map(SecurityRuleInner::priority).filter(p -> p != null).min(Integer::compare).orElse(null);
            if (deny == null) {
                return false;
            }
            boolean allowedFirst = rules.stream().filter(r -> direction.equals(r.direction()))
                    .anyMatch(r -> SecurityRuleAccess.ALLOW.equals(r.access()) && r.priority() != null
                            && r.priority() < deny);
            if (allowedFirst) {
                return false;
            }
        }
        return true;
    }

    private static boolean everything(SecurityRuleInner rule) {
        return SecurityRuleProtocol.ASTERISK.equals(rule.protocol()) && "*".equals(rule.sourceAddressPrefix())
                && "*".equals(rule.destinationAddressPrefix()) && "*".equals(rule.sourcePortRange())
                && "*".equals(rule.destinationPortRange());
    }

    // ---------------------------------------------------------------- Microsoft Graph

    @Override
    public ActionResult disableUser(String user, CallLog log) throws AzureFailure {
        String id = user(user);
        return recorded(log, () -> {
            User state = step("Reading the user", () -> clients.graph().users().byUserId(id).get(config ->
                    config.queryParameters.select = new String[] {"id", "userPrincipalName", "accountEnabled"}));
            String before = json(o -> o.add("user", state.getUserPrincipalName() == null ? id
                    : state.getUserPrincipalName()).add("id", state.getId())
                    .add("accountEnabled", state.getAccountEnabled()));
            String after = json(o -> o.add("user", state.getUserPrincipalName() == null ? id
                    : state.getUserPrincipalName()).add("id", state.getId()).add("accountEnabled", false));
            if (Boolean.FALSE.equals(state.getAccountEnabled())) {
                return new ActionResult(true, id + " already disabled", before, before, null, null, null,
                        state.getId());
            }
            User change = new User();
            change.setAccountEnabled(false);
            step("Disabling the user", () -> clients.graph().users().byUserId(id).patch(change));
            return new ActionResult(false, id + " disabled (accountEnabled=false)", before, after, null, null, null,
                    state.getId());
        });
    }

    /** Pages of audit entries read at most (500 each): beyond that the summary says the log is partial. */
    static final int AUDIT_PAGES = 40;

    @Override
    public ActionResult collectDirectoryAudits(java.time.Instant from, java.time.Instant to, String fileName,
                                               CallLog log) throws AzureFailure {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("An audit window needs a start before its end.");
        }
        String filter = "activityDateTime ge " + from + " and activityDateTime le " + to;
        return recorded(log, () -> {
            // read as Graph sends it, so every field of every entry is kept as evidence, not only the modelled ones
            JsonArrayBuilder entries = Json.createArrayBuilder();
            var request = clients.graph().auditLogs().directoryAudits().toGetRequestInformation(config -> {
                config.queryParameters.filter = filter;
                config.queryParameters.top = 500;
            });
            int count = 0;
            int pages = 0;
            String next = null;
            do {
                if (next != null) {
                    request = clients.graph().auditLogs().directoryAudits().withUrl(next).toGetRequestInformation();
                }
                var page = request;
                JsonObject body = step(pages == 0 ? "Reading the Entra ID audit log"
                        : "Reading the next page of the Entra ID audit log", () -> rawJson(page));
                for (JsonValue entry : body.getJsonArray("value") == null ? JsonValue.EMPTY_JSON_ARRAY
                        : body.getJsonArray("value")) {
                    entries.add(entry);
                    count++;
                }
                next = body.getString("@odata.nextLink", null);
                pages++;
            } while (next != null && pages < AUDIT_PAGES);
            boolean partial = next != null;
            String file = Json.createObjectBuilder().add("from", from.toString()).add("to", to.toString())
                    .add("count", count).add("partial", partial).add("entries", entries).build().toString();
            int total = count;
            String after = json(o -> o.add("from", from.toString()).add("to", to.toString()).add("count", total)
                    .add("partial", partial));
            return new ActionResult(false, total + (total == 1 ? " audit entry" : " audit entries") + " from " + from
                    + " to " + to + (partial ? " (partial: more than " + AUDIT_PAGES + " pages)" : ""), null, after,
                    file.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    fileName == null || fileName.isBlank() ? "entra-audit-log.json" : fileName, "application/json",
                    null);
        });
    }

    /** One Graph answer as its raw JSON; Graph's errors come back as {@code ODataError}. */
    private JsonObject rawJson(com.microsoft.kiota.RequestInformation request) throws java.io.IOException {
        java.util.HashMap<String, com.microsoft.kiota.serialization.ParsableFactory<? extends
                com.microsoft.kiota.serialization.Parsable>> errors = new java.util.HashMap<>();
        errors.put("XXX", com.microsoft.graph.models.odataerrors.ODataError::createFromDiscriminatorValue);
        try (java.io.InputStream in = clients.graph().getRequestAdapter().sendPrimitive(request, errors,
                java.io.InputStream.class)) {
            return Json.createReader(in).readObject();
        }
    }

    @Override
    public ActionResult revokeSessions(String user, CallLog log) throws AzureFailure {
        String id = user(user);
        return recorded(log, () -> {
            User state = step("Reading the user", () -> clients.graph().users().byUserId(id).get(config ->
                    config.queryParameters.select = new String[] {"id", "userPrincipalName",
                            "signInSessionsValidFromDateTime"}));
            String before = json(o -> o.add("user", id).add("id", state.getId()).add("signInSessionsValidFrom",
                    state.getSignInSessionsValidFromDateTime()));
            RevokeSignInSessionsPostResponse answer = step("Revoking the user's sessions",
                    () -> clients.graph().users().byUserId(id).revokeSignInSessions().post());
            boolean revoked = answer == null || !Boolean.FALSE.equals(answer.getValue());
            String after = json(o -> o.add("user", id).add("id", state.getId()).add("revoked", revoked)
                    .add("at", OffsetDateTime.now()));
            return new ActionResult(false, id + (revoked ? ": sign-in sessions revoked"
                    : ": Graph did not confirm the revocation"), before, after, null, null, null, state.getId());
        });
    }

    @Override
    public ActionResult disableServicePrincipal(String servicePrincipalObjectId, CallLog log) throws AzureFailure {
        String id = objectId(servicePrincipalObjectId, "a service principal object id");
        return recorded(log, () -> {
            ServicePrincipal state = step("Reading the service principal", () -> clients.graph().servicePrincipals()
                    .byServicePrincipalId(id).get(config -> config.queryParameters.select =
                            new String[] {"id", "appId", "displayName", "accountEnabled"}));
            String name = state.getDisplayName() == null ? id : state.getDisplayName();
            String before = json(o -> o.add("servicePrincipal", id).add("appId", state.getAppId())
                    .add("displayName", state.getDisplayName()).add("accountEnabled", state.getAccountEnabled()));
            String after = json(o -> o.add("servicePrincipal", id).add("appId", state.getAppId())
                    .add("displayName", state.getDisplayName()).add("accountEnabled", false));
            if (Boolean.FALSE.equals(state.getAccountEnabled())) {
                return new ActionResult(true, "service principal " + name + " already disabled", before, before,
                        null, null, null, id);
            }
            ServicePrincipal change = new ServicePrincipal();
            change.setAccountEnabled(false);
            step("Disabling the service principal", () -> clients.graph().servicePrincipals()
                    .byServicePrincipalId(id).patch(change));
            return new ActionResult(false, "service principal " + name + " disabled (accountEnabled=false)", before,
                    after, null, null, null, id);
        });
    }

    private static String user(String user) {
        if (user == null) {
            throw new IllegalArgumentException("A user (UPN or object id) is missing.");
        }
        String id = user.strip();
        if (!UPN.matcher(id).matches() && !ResourceIds.OBJECT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a user principal name or object id: " + user);
        }
        return id;
    }

    private static String objectId(String id, String what) {
        if (id == null || !ResourceIds.OBJECT_ID.matcher(id.strip()).matches()) {
            throw new IllegalArgumentException("Not " + what + ": " + id);
        }
        return id.strip().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- REST: Log Analytics, Defender, Backup

    @Override
    public ActionResult queryLogs(String subscriptionId, String workspaceId, String kql, Duration timespan,
                                  String fileName, CallLog log) throws AzureFailure {
        String workspace = objectId(workspaceId, "a Log Analytics workspace id");
        if (kql == null || kql.isBlank()) {
            throw new IllegalArgumentException("The query is empty.");
        }
        if (timespan == null || timespan.isNegative() || timespan.isZero()) {
            throw new IllegalArgumentException("The time span must be positive.");
        }
        AzureIdentity identity = identity(subscriptionId);
        String body = Json.createObjectBuilder().add("query", kql).add("timespan", timespan.toString()).build()
                .toString();
        return recorded(log, () -> {
            HttpPipeline pipeline = clients.pipeline(identity, AzureClients.LOG_ANALYTICS_SCOPE);
            byte[] answer = send(pipeline, HttpMethod.POST, AzureClients.LOG_ANALYTICS_ENDPOINT + "/v1/workspaces/"
                    + workspace + "/query", body, "Querying Log Analytics workspace " + workspace).body();
            JsonObject result = parse(answer, "Querying Log Analytics workspace " + workspace);
            JsonArray tables = result.containsKey("tables") ? result.getJsonArray("tables")
                    : JsonValue.EMPTY_JSON_ARRAY;
            int rows = 0;
            for (JsonValue table : tables) {
                JsonArray tableRows = table.asJsonObject().getJsonArray("rows");
                rows += tableRows == null ? 0 : tableRows.size();
            }
            int rowCount = rows;
            String after = json(o -> o.add("workspace", workspace).add("timespan", timespan.toString())
                    .add("tables", tables.size()).add("rows", rowCount));
            String partial = result.containsKey("error") && result.get("error") instanceof JsonObject error
                    ? " (partial: " + CallRecording.errorText(Json.createObjectBuilder().add("error", error).build()
                    .toString()) + ")" : "";
            return new ActionResult(false, rowCount + (rowCount == 1 ? " row" : " rows") + " from workspace "
                    + workspace + " over " + timespan.toString().substring(2) + partial, null, after, answer,
                    fileName == null || fileName.isBlank() ? "log-query-" + workspace + ".json" : fileName,
                    "application/json", null);
        });
    }

    @Override
    public ActionResult fetchDefenderAlert(String alertId, CallLog log) throws AzureFailure {
        Matcher alert = ResourceIds.parse(ResourceIds.DEFENDER_ALERT, alertId, "a Defender for Cloud alert id");
        AzureIdentity identity = identity(ResourceIds.subscription(alert));
        String id = alertId.strip();
        String name = alert.group(4);
        return recorded(log, () -> {
            HttpPipeline pipeline = clients.pipeline(identity, AzureClients.ARM_SCOPE);
            byte[] answer = send(pipeline, HttpMethod.GET, AzureClients.ARM_ENDPOINT + id + "?api-version="
                    + DEFENDER_API, null, "Reading the Defender for Cloud alert").body();
            JsonObject properties = parse(answer, "Reading the Defender for Cloud alert")
                    .getJsonObject("properties");
            String title = properties == null ? name : properties.getString("alertDisplayName", name);
            String severity = properties == null ? null : properties.getString("severity", null);
            String status = properties == null ? null : properties.getString("status", null);
            String entity = properties == null ? null : properties.getString("compromisedEntity", null);
            String after = json(o -> o.add("alert", id).add("alertDisplayName", title).add("severity", severity)
                    .add("status", status).add("compromisedEntity", entity));
            return new ActionResult(false, "Defender for Cloud alert \"" + title + "\""
                    + (severity == null ? "" : ", " + severity) + (status == null ? "" : ", " + status), null, after,
                    answer, "defender-alert-" + name + ".json", "application/json",
                    properties == null ? null : properties.getString("systemAlertId", null));
        });
    }

    @Override
    public ActionResult restoreVmFromBackup(String vaultId, String vmId, String recoveryPointName, CallLog log)
            throws AzureFailure {
        Matcher vault = ResourceIds.parse(ResourceIds.BACKUP_VAULT, vaultId, "a Recovery Services vault id");
        Matcher vm = ResourceIds.parse(ResourceIds.VM, vmId, "a virtual machine id");
        String point = requireName(RECOVERY_POINT, recoveryPointName, "a recovery point name");
        AzureIdentity identity = identity(ResourceIds.subscription(vault));
        String vmGroup = vm.group(2);
        String vmName = vm.group(3);
        String vaultPath = vaultId.strip();
        String item = vaultPath + "/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;"
                + vmGroup + ";" + vmName + "/protectedItems/VM;iaasvmcontainerv2;" + vmGroup + ";" + vmName
                + "/recoveryPoints/" + point;
        String body = Json.createObjectBuilder().add("properties", Json.createObjectBuilder()
                .add("objectType", "IaasVMRestoreRequest")
                .add("recoveryPointId", point)
                .add("recoveryType", "OriginalLocation")
                .add("sourceResourceId", vmId.strip())
                .add("originalStorageAccountOption", false)
                .add("encryptionDetails", Json.createObjectBuilder().add("encryptionEnabled", false)))
                .build().toString();
        return recorded(log, () -> {
            HttpPipeline pipeline = clients.pipeline(identity, AzureClients.ARM_SCOPE);
            JsonObject recoveryPoint = parse(send(pipeline, HttpMethod.GET, AzureClients.ARM_ENDPOINT + item
                    + "?api-version=" + BACKUP_API, null, "Reading the recovery point").body(),
                    "Reading the recovery point");
            JsonObject pointProperties = recoveryPoint.getJsonObject("properties");
            String pointTime = pointProperties == null ? null : pointProperties.getString("recoveryPointTime", null);
            String before = json(o -> o.add("vm", vmId.strip()).add("vault", vaultPath).add("recoveryPoint", point)
                    .add("recoveryPointTime", pointTime));
            Answer accepted = send(pipeline, HttpMethod.POST, AzureClients.ARM_ENDPOINT + item + "/restore"
                    + "?api-version=" + BACKUP_API, body, "Starting the restore from backup");
            String jobId = backupJob(pipeline, accepted);
            String after = json(o -> o.add("vm", vmId.strip()).add("recoveryPoint", point).add("job", jobId));
            return new ActionResult(false, vmName + " restore from recovery point " + point
                    + (pointTime == null ? "" : " (" + pointTime + ")") + " started"
                    + (jobId == null ? "" : ": backup job " + jobId), before, after, null, null, null, jobId);
        });
    }

    /** Polls the restore request (Azure-AsyncOperation, else Location) until Azure has accepted it; the job id. */
    private String backupJob(HttpPipeline pipeline, Answer accepted) throws AzureFailure {
        String jobId = jobId(accepted.body());
        String operation = accepted.header("Azure-AsyncOperation");
        boolean statusResource = operation != null;
        if (operation == null) {
            operation = accepted.header("Location");
        }
        Instant deadline = clients.clock().instant().plus(BACKUP_ACCEPT_LIMIT);
        Answer last = accepted;
        while (operation != null && (last.status() == 202 || statusResource)) {
            sleep(last.retryAfter());
            if (clients.clock().instant().isAfter(deadline)) {
                throw new AzureFailure(0, null, "Starting the restore from backup: Azure had not accepted it after "
                        + BACKUP_ACCEPT_LIMIT.toMinutes() + " minutes", null, true, null);
            }
            last = send(pipeline, HttpMethod.GET, operation, null, "Waiting for the restore from backup to start");
            String found = jobId(last.body());
            if (found != null) {
                jobId = found;
            }
            if (statusResource) {
                JsonObject status = parse(last.body(), "Waiting for the restore from backup to start");
                String state = status.getString("status", "InProgress");
                if ("InProgress".equalsIgnoreCase(state)) {
                    continue;
                }
                if (!"Succeeded".equalsIgnoreCase(state)) {
                    String[] error = status.get("error") instanceof JsonObject e
                            ? CallRecording.parseError(Json.createObjectBuilder().add("error", e).build().toString())
                            : null;
                    throw AzureFailures.failure("Starting the restore from backup", last.status(),
                            error == null ? state : error[0], error == null ? "the operation " + state : error[1],
                            null, null);
                }
                break;
            }
        }
        return jobId;
    }

    /** Waits for a long-running operation, polling as often as Azure's Retry-After or the configured interval says. */
    private <T> T finish(com.azure.core.util.polling.SyncPoller<?, T> poller) {
        return poller.setPollInterval(clients.settings().pollInterval()).getFinalResult();
    }

    private static String jobId(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonObject json = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))
                    .readObject();
            JsonObject properties = json.getJsonObject("properties");
            if (properties != null && properties.getString("jobId", null) != null) {
                return properties.getString("jobId");
            }
            String id = json.getString("id", null);
            return id != null && id.toLowerCase(Locale.ROOT).contains("/backupjobs/") ? ResourceIds.name(id) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void sleep(Duration wait) throws AzureFailure {
        try {
            Thread.sleep(Math.min(wait.toMillis(), 60_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureFailure(0, null, "Interrupted while waiting for Azure", null, false, e);
        }
    }

    /** An answer of the REST pipeline, read whole. */
    private record Answer(int status, byte[] body, com.azure.core.http.HttpHeaders headers, Duration pollInterval) {
        String header(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        /** Retry-After, the configured poll interval when Azure gives none. */
        Duration retryAfter() {
            Duration after = AzureFailures.retryAfter(header("Retry-After"), null, null);
            return after == null ? pollInterval : after;
        }
    }

    private Answer send(HttpPipeline pipeline, HttpMethod method, String url, String body, String doing)
            throws AzureFailure {
        HttpRequest request = new HttpRequest(method, url);
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(BinaryData.fromString(body));
        }
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        Answer answer = step(doing, () -> {
            try (HttpResponse response = pipeline.sendSync(request, CallRecording.context())) {
                BinaryData data = response.getBodyAsBinaryData();
                return new Answer(response.getStatusCode(), data == null ? new byte[0] : data.toBytes(),
                        response.getHeaders(), clients.settings().pollInterval());
            }
        });
        if (answer.status() >= 400) {
            String[] error = CallRecording.parseError(new String(answer.body(), StandardCharsets.UTF_8));
            Duration retryAfter = answer.status() == 429 || answer.status() == 503
                    ? AzureFailures.retryAfter(answer.header("Retry-After"), answer.header("retry-after-ms"),
                    answer.header("x-ms-retry-after-ms")) : null;
            throw AzureFailures.failure(doing, answer.status(), error == null ? null : error[0],
                    error == null ? CallRecording.cut(new String(answer.body(), StandardCharsets.UTF_8).strip(), 500)
                            : error[1], retryAfter, null);
        }
        return answer;
    }

    private static JsonObject parse(byte[] body, String doing) throws AzureFailure {
        try {
            return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        } catch (RuntimeException e) {
            throw new AzureFailure(0, null, doing + ": the answer is not a JSON object", null, false, e);
        }
    }

    // ---------------------------------------------------------------- Key Vault

    @Override
    public ActionResult rotateSecret(String subscriptionId, String vaultName, String secretName, CallLog log)
            throws AzureFailure {
        String vault = requireName(VAULT_NAME, vaultName, "a Key Vault name");
        String secret = requireName(SECRET_NAME, secretName, "a Key Vault secret name");
        AzureIdentity identity = identity(subscriptionId);
        return recorded(log, () -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            KeyVaultSecret written = step("Writing the new secret version", () -> clients.secrets(identity, vault)
                    .setSecretWithResponse(new KeyVaultSecret(secret,
                            Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)), CallRecording.context())
                    .getValue());
            java.util.Arrays.fill(bytes, (byte) 0);
            String versionId = written.getId();
            String version = written.getProperties() == null ? ResourceIds.name(versionId)
                    : written.getProperties().getVersion();
            OffsetDateTime updated = written.getProperties() == null ? null : written.getProperties().getUpdatedOn();
            String after = json(o -> o.add("vault", vault).add("secret", secret).add("version", version)
                    .add("id", versionId).add("updated", updated));
            return new ActionResult(false, "secret " + secret + " in " + vault + " rotated: new version " + version,
                    null, after, null, null, null, versionId);
        });
    }

    // ---------------------------------------------------------------- Role assignments

    @Override
    public ActionResult deleteRoleAssignment(String scope, String assigneeObjectId, String roleName, CallLog log)
            throws AzureFailure {
        Matcher parsed = ResourceIds.parse(ResourceIds.SCOPE, scope, "a role assignment scope");
        String at = parsed.group(0);
        String principal = objectId(assigneeObjectId, "a principal object id");
        String role = requireName(ROLE_NAME, roleName, "a role name");
        AzureIdentity identity = identity(ResourceIds.subscription(parsed));
        return recorded(log, () -> {
            AuthorizationManagementClient authorization = clients.authorization(identity).roleServiceClient();
            RoleDefinitionInner definition = step("Looking up role " + role, () -> {
                for (RoleDefinitionInner d : authorization.getRoleDefinitions().list(at.substring(1), "roleName eq '" + role + "'",
                        CallRecording.context())) {
                    if (role.equalsIgnoreCase(d.roleName())) {
                        return d;
                    }
                }
                return null;
            });
            if (definition == null) {
                throw new AzureFailure(404, "RoleDefinitionNotFound", "Looking up role " + role
                        + ": no role of that name is visible at " + at, null, false, null);
            }
            String definitionGuid = ResourceIds.name(definition.id() == null ? definition.name() : definition.id());
            List<RoleAssignmentInner> matching = step("Listing the role assignments", () -> {
                List<RoleAssignmentInner> found = new ArrayList<>();
                for (RoleAssignmentInner a : authorization.getRoleAssignments().listForScope(at.substring(1),
                        // this SDK method sends $filter as given: it must arrive encoded
                        java.net.URLEncoder.encode("principalId eq '" + principal + "'", StandardCharsets.UTF_8)
                                .replace("+", "%20"), null, null, CallRecording.context())) {
                    if (ResourceIds.sameId(trimSlash(a.scope()), trimSlash(at))
                            && principal.equalsIgnoreCase(a.principalId())
                            && definitionGuid.equalsIgnoreCase(ResourceIds.name(a.roleDefinitionId()))) {
                        found.add(a);
                    }
                }
                return found;
            });
            JsonArrayBuilder ids = Json.createArrayBuilder();
            matching.forEach(a -> ids.add(a.id()));
            JsonArray assignmentIds = ids.build();
            String before = json(o -> o.add("scope", at).add("principalId", principal).add("role", role)
                    .add("assignments", assignmentIds));
            String after = json(o -> o.add("scope", at).add("principalId", principal).add("role", role)
                    .add("assignments", JsonValue.EMPTY_JSON_ARRAY));
            if (matching.isEmpty()) {
                return new ActionResult(true, "no " + role + " assignment of " + principal + " at " + at
                        + ": already removed", before, before, null, null, null, null);
            }
            for (RoleAssignmentInner assignment : matching) {
                step("Deleting role assignment " + assignment.name(), () -> authorization.getRoleAssignments()
                        .deleteWithResponse(trimSlash(at).substring(1), assignment.name(), null,
                                CallRecording.context()));
            }
            return new ActionResult(false, role + " removed from " + principal + " at " + at + " ("
                    + matching.size() + (matching.size() == 1 ? " assignment)" : " assignments)"), before, after,
                    null, null, null, String.join(" ", matching.stream().map(RoleAssignmentInner::id).toList()));
        });
    }

    private static String trimSlash(String scope) {
        if (scope == null) {
            return null;
        }
        String s = scope.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.startsWith("/") ? s : "/" + s;
    }

    // ---------------------------------------------------------------- SQL

    @Override
    public ActionResult restoreSqlDatabase(String sourceDatabaseId, String targetName, OffsetDateTime pointInTime,
                                           CallLog log) throws AzureFailure {
        Matcher source = ResourceIds.parse(ResourceIds.SQL_DATABASE, sourceDatabaseId, "an Azure SQL database id");
        String target = requireName(SQL_NAME, targetName, "a database name");
        if (target.endsWith(".") || target.endsWith(" ")) {
            throw new IllegalArgumentException("Not a database name: " + targetName);
        }
        if (pointInTime == null) {
            throw new IllegalArgumentException("The point in time is missing.");
        }
        AzureIdentity identity = identity(ResourceIds.subscription(source));
        String group = source.group(2);
        String server = source.group(3);
        String database = source.group(4);
        return recorded(log, () -> {
            DatabasesClient databases = clients.sql(identity).serviceClient().getDatabases();
            DatabaseInner existing = optional("Reading the target database", () -> databases
                    .getWithResponse(group, server, target, CallRecording.context()).getValue());
            if (existing != null) {
                String state = json(o -> o.add("database", existing.id()).add("status",
                        existing.status() == null ? null : existing.status().toString()));
                return new ActionResult(true, "database " + target + " already exists on " + server, state, state,
                        null, null, null, existing.id());
            }
            DatabaseInner from = step("Reading the source database", () -> databases
                    .getWithResponse(group, server, database, CallRecording.context()).getValue());
            String before = json(o -> o.add("source", from.id() == null ? sourceDatabaseId.strip() : from.id())
                    .add("target", target).add("targetExists", false));
            DatabaseInner request = new DatabaseInner()
                    .withCreateMode(CreateMode.POINT_IN_TIME_RESTORE)
                    .withSourceDatabaseId(from.id() == null ? sourceDatabaseId.strip() : from.id())
                    .withRestorePointInTime(pointInTime);
            request.withLocation(from.location());
            DatabaseInner restored = step("Restoring the database to " + pointInTime, () -> finish(databases
                    .beginCreateOrUpdate(group, server, target, request, CallRecording.context())));
            String after = json(o -> o.add("database", restored.id()).add("status",
                    restored.status() == null ? null : restored.status().toString())
                    .add("restorePointInTime", pointInTime));
            return new ActionResult(false, database + " restored as " + target + " on " + server + " to "
                    + pointInTime, before, after, null, null, null, restored.id());
        });
    }

    // ---------------------------------------------------------------- identity check

    @Override
    public String checkIdentity(String subscriptionId) throws AzureFailure {
        AzureIdentity identity = subscriptionId == null ? clients.settings().graphIdentity()
                : identity(subscriptionId);
        if (!identity.configured()) {
            throw new IllegalArgumentException("The Azure identity \"" + identity.name() + "\" is not configured.");
        }
        String scope = subscriptionId == null ? AzureClients.GRAPH_SCOPE : AzureClients.ARM_SCOPE;
        try {
            AccessToken token = clients.credential(identity).getTokenSync(new TokenRequestContext().addScopes(scope));
            return identity.name() + " (" + identity.kind() + (identity.clientId() == null ? ""
                    : ", client " + identity.clientId()) + "): signed in for " + scope + ", token valid until "
                    + token.getExpiresAt();
        } catch (RuntimeException e) {
            throw AzureFailures.map("Signing in as " + identity.name(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private AzureIdentity identity(String subscriptionId) {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw new IllegalArgumentException("The subscription is missing.");
        }
        return clients.settings().subscription(subscriptionId).orElseThrow(() -> new IllegalArgumentException(
                "No Azure identity is configured for subscription " + subscriptionId));
    }
}
