package com.attest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpResponse;

/** The seeded runbook put in force, as the compliance lead does before the first incident is declared. */
public final class Runbooks {

    private Runbooks() {
    }

    /**
     * Puts a runbook in force: approves version 1 of the seeded runbook unless a version is approved already (a
     * second call, or another test's approved version on the shared portal, finds one in force).
     */
    public static void approveSeed(URL base) {
        String path = "api/documents/incident-response-runbook/versions/1";
        HttpResponse<String> current = PortalClient.api(base, "api/documents/incident-response-runbook", "admin",
                Deployments.ADMIN_PASSWORD);
        assertEquals(200, current.statusCode(), current.body());
        if (current.body().contains("\"state\":\"APPROVED\"")) {
            return;
        }
        if (current.body().contains("\"state\":\"DRAFT\"")) {
            PortalClient.post(base, path + "/submit", "admin", Deployments.ADMIN_PASSWORD, "{}");
        }
        HttpResponse<String> approved = PortalClient.post(base, path + "/approve", "admin", Deployments.ADMIN_PASSWORD,
                "{}");
        assertEquals(200, approved.statusCode(), approved.body());
    }
}
