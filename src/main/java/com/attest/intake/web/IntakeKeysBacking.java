package com.attest.intake.web;

import com.attest.incident.Source;
import com.attest.intake.EntraSettings;
import com.attest.intake.IntakeGate;
import com.attest.intake.IntakeKey;
import com.attest.intake.IntakeKeyService;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;

/**
 * The intake page's keys (compliance lead): issue one per source, rotate with an overlap, revoke; a new secret is
 * shown once. Beside them, where each source posts and whether Entra ID bearer tokens are accepted.
 */
@Named
@ViewScoped
public class IntakeKeysBacking implements Serializable {

    @Inject
    private IntakeKeyService keys;

    @Inject
    private IntakeGate gate;

    @Inject
    private Clock clock;

    private transient List<IntakeKey> keyList;
    private Source keySource;
    private String keyName;
    private int overlapHours = 24;
    private String issuedSecret;
    private transient IntakeKey issuedKey;

    @PostConstruct
    void load() {
        keyList = keys.all();
    }

    public void issue() {
        shown(keys.issue(keySource, keyName));
        keyName = null;
    }

    public void rotate(IntakeKey key) {
        shown(keys.rotate(key.getId(), overlapHours));
        Forms.info("intake.rotated", key.getPrefix(), overlapHours);
    }

    public void revoke(IntakeKey key) {
        keys.revoke(key.getId());
        Forms.info("intake.revoked", key.getPrefix());
        keyList = keys.all();
    }

    private void shown(IntakeKeyService.Issued issued) {
        issuedSecret = issued.secret();
        issuedKey = issued.key();
        keyList = keys.all();
    }

    public void forgetSecret() {
        issuedSecret = null;
        issuedKey = null;
    }

    /** Where the source posts, e.g. https://attest.example.com/api/intake/defender. */
    public String endpoint(Source source) {
        ExternalContext ext = FacesContext.getCurrentInstance().getExternalContext();
        String base = ext.getRequestScheme() + "://" + ext.getRequestServerName()
                + (ext.getRequestServerPort() == 80 || ext.getRequestServerPort() == 443 ? ""
                : ":" + ext.getRequestServerPort()) + ext.getRequestContextPath();
        return base + "/api/intake/" + source.intakePath();
    }

    public String keyState(IntakeKey key) {
        if (key.getRevokedAt() != null) {
            return Forms.text("intake.state.revoked");
        }
        if (!key.isActive(clock.instant())) {
            return Forms.text("intake.state.expired");
        }
        return key.getExpiresAt() != null ? Forms.text("intake.state.retiring") : Forms.text("intake.state.active");
    }

    public boolean active(IntakeKey key) {
        return key.isActive(clock.instant());
    }

    public EntraSettings getEntra() {
        return gate.entraSettings();
    }

    public String getEntraProblem() {
        return gate.entraProblem();
    }

    public Source[] getSources() {
        return new Source[]{Source.AZURE_MONITOR, Source.DEFENDER, Source.SENTINEL};
    }

    public List<IntakeKey> getKeyList() { return keyList; }
    public Source getKeySource() { return keySource; }
    public void setKeySource(Source keySource) { this.keySource = keySource; }
    public String getKeyName() { return keyName; }
    public void setKeyName(String keyName) { this.keyName = keyName; }
    public int getOverlapHours() { return overlapHours; }
    public void setOverlapHours(int overlapHours) { this.overlapHours = overlapHours; }
    public String getIssuedSecret() { return issuedSecret; }
    public IntakeKey getIssuedKey() { return issuedKey; }
}
