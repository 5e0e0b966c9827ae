package com.attest.action.web;

import com.attest.azure.AzureActions;
import com.attest.azure.AzureFailure;
import com.attest.azure.AzureIdentity;
import com.attest.azure.AzureSettings;
import com.attest.azure.Workspace;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which Azure identities the portal acts with, from configuration: never a secret, only where it comes from. The
 * compliance lead may check that an identity can obtain a token.
 */
@Named
@ViewScoped
public class AzureSettingsBacking implements Serializable {

    @Inject
    private AzureSettings settings;

    @Inject
    private AzureActions azure;

    @Inject
    private Caller caller;

    private final Map<String, String> checks = new HashMap<>();

    public List<AzureIdentity> getIdentities() {
        return settings.identities();
    }

    public AzureIdentity getGraph() {
        return settings.graphIdentity();
    }

    public List<Workspace> getWorkspaces() {
        return settings.workspaces();
    }

    public List<String> getProblems() {
        return settings.problems();
    }

    public boolean isRedirected() {
        return settings.redirected();
    }

    /** Asks Entra ID for a token as {@code subscriptionId}'s identity (null: the Graph identity). */
    public void check(String subscriptionId) {
        caller.require("check Azure identities", Role.COMPLIANCE_LEAD);
        String key = subscriptionId == null || subscriptionId.isBlank() ? "graph" : subscriptionId;
        try {
            checks.put(key, "✔ " + azure.checkIdentity(key.equals("graph") ? null : subscriptionId));
        } catch (AzureFailure failure) {
            checks.put(key, "✘ " + failure.getMessage());
        } catch (RuntimeException e) {
            checks.put(key, "✘ " + e.getMessage());
        }
        Forms.info("azure.checked");
    }

    public Map<String, String> getChecks() {
        return checks;
    }
}
