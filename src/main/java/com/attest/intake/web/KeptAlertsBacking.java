package com.attest.intake.web;

import com.attest.intake.AlertService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The intake page's alerts kept without an incident (cost and budget, service-health, resource-health notifications,
 * or whatever the keep rules say): the latest of them, each with the rule that kept it and its verbatim payload.
 */
@Named
@ViewScoped
public class KeptAlertsBacking implements Serializable {

    private static final int LATEST = 50;

    @Inject
    private AlertService alerts;

    /** AlertService's records are not serializable: read again when a failover brought the view to another node. */
    private transient List<AlertService.KeptAlert> latest;

    @PostConstruct
    void load() {
        latest = alerts.kept(LATEST);
    }

    public List<AlertService.KeptAlert> getLatest() {
        if (latest == null) {
            load();
        }
        return latest;
    }

    public int getMax() { return LATEST; }
}
