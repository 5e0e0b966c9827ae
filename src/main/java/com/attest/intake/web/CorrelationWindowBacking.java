package com.attest.intake.web;

import com.attest.intake.IntakeSettings;
import com.attest.intake.IntakeSettingsService;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The intake page's correlation window: how long a new alert joins the open incident of its resource. */
@Named
@ViewScoped
public class CorrelationWindowBacking implements Serializable {

    @Inject
    private IntakeSettingsService settings;

    private Integer correlationWindow;
    private long version;

    @PostConstruct
    void load() {
        IntakeSettings current = settings.settings();
        correlationWindow = current.getCorrelationWindowMinutes();
        version = current.getVersion();
    }

    public void saveWindow() {
        IntakeSettings saved = settings.changeSettings(version, correlationWindow);
        version = saved.getVersion();
        Forms.info("intake.windowSaved", saved.getCorrelationWindowMinutes());
    }

    public Integer getCorrelationWindow() { return correlationWindow; }
    public void setCorrelationWindow(Integer correlationWindow) { this.correlationWindow = correlationWindow; }
}
