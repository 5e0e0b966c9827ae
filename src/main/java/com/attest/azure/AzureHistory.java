package com.attest.azure;

import com.azure.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The Azure half of the evidence table, read page by page as Azure returns it: Defender for Cloud's alert history of
 * a subscription ({@code Microsoft.Security/alerts}, {@value #SECURITY_API}; the list takes no time filter, so every
 * alert Azure still keeps comes back) and a Logic App workflow's run history ({@code Microsoft.Logic/workflows/NAME/
 * runs}, {@value #LOGIC_API}, filtered by start time; each run carries its trigger and status). No released
 * management library covers either here, so the calls go through the azure-core pipeline.
 */
@ApplicationScoped
public class AzureHistory {

    public static final String SECURITY_API = SdkAzureActions.DEFENDER_API;
    public static final String LOGIC_API = "2019-05-01";

    @Inject
    AzureClients clients;

    /** For CDI. */
    public AzureHistory() {
    }

    public AzureHistory(AzureClients clients) {
        this.clients = clients;
    }

    private AzureIdentity identity(String subscriptionId) {
        return clients.settings().subscription(subscriptionId).orElseThrow(() ->
                new IllegalArgumentException("No Azure identity is configured for subscription " + subscriptionId));
    }

    /** Every page of the subscription's Defender for Cloud alerts. */
    public List<ArmRest.Answer> defenderAlerts(String subscriptionId, int maxPages, CallLog log) throws AzureFailure {
        return new ArmRest(clients).pages(identity(subscriptionId), HttpMethod.GET, "/subscriptions/"
                        + subscriptionId + "/providers/Microsoft.Security/alerts?api-version=" + SECURITY_API, null,
                "Listing the Defender for Cloud alerts of subscription " + subscriptionId, maxPages, log);
    }

    /** Every page of the runs of {@code playbook} that started in {@code [from, to)}. */
    public List<ArmRest.Answer> playbookRuns(Playbook playbook, Instant from, Instant to, int maxPages, CallLog log)
            throws AzureFailure {
        String filter = "StartTime ge " + from + " and StartTime lt " + to;
        return new ArmRest(clients).pages(identity(playbook.subscriptionId()), HttpMethod.GET, playbook.id()
                        + "/runs?api-version=" + LOGIC_API + "&$filter=" + SentinelApi.encode(filter), null,
                "Listing the runs of Logic App " + playbook.name(), maxPages, log);
    }
}
