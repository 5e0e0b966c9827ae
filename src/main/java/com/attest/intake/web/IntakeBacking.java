package com.attest.intake.web;

import com.attest.incident.Category;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import com.attest.intake.ClassificationRule;
import com.attest.intake.EntraSettings;
import com.attest.intake.IntakeGate;
import com.attest.intake.IntakeKey;
import com.attest.intake.IntakeKeyService;
import com.attest.intake.IntakeSettings;
import com.attest.intake.IntakeSettingsService;
import com.attest.intake.RuleSet;
import com.attest.platform.InvalidInput;
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

/** Intake keys, classification rules and the correlation window (compliance lead). */
@Named
@ViewScoped
public class IntakeBacking implements Serializable {

    @Inject
    private IntakeKeyService keys;

    @Inject
    private IntakeSettingsService rules;

    @Inject
    private IntakeGate gate;

    @Inject
    private Clock clock;

    private List<IntakeKey> keyList;
    private List<ClassificationRule> ruleList;
    private Source keySource;
    private String keyName;
    private int overlapHours = 24;
    private String issuedSecret;
    private IntakeKey issuedKey;

    private long ruleId;
    private long ruleVersion;
    private String ruleName;
    private Source ruleSource;
    private RuleSet.Rule.Kind ruleKind = RuleSet.Rule.Kind.TEXT;
    private String rulePattern;
    private Severity ruleSeverity;
    private Category ruleCategory;
    private boolean ruleEnabled = true;
    private int rulePosition = 500;

    private Integer correlationWindow;
    private long settingsVersion;

    @PostConstruct
    void load() {
        keyList = keys.all();
        ruleList = rules.rules();
        IntakeSettings settings = rules.settings();
        correlationWindow = settings.getCorrelationWindowMinutes();
        settingsVersion = settings.getVersion();
    }

    public void issue() {
        try {
            IntakeKeyService.Issued issued = keys.issue(keySource, keyName);
            shown(issued);
            keyName = null;
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "keyForm");
        }
    }

    public void rotate(IntakeKey key) {
        try {
            shown(keys.rotate(key.getId(), overlapHours));
            Forms.info("intake.rotated", key.getPrefix(), overlapHours);
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "keys");
        }
    }

    public void revoke(IntakeKey key) {
        try {
            keys.revoke(key.getId());
            Forms.info("intake.revoked", key.getPrefix());
            keyList = keys.all();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "keys");
        }
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

    public void edit(ClassificationRule rule) {
        ruleId = rule.getId();
        ruleVersion = rule.getVersion();
        ruleName = rule.getName();
        ruleSource = rule.getSource();
        ruleKind = rule.getKind();
        rulePattern = rule.getPattern();
        ruleSeverity = rule.getSeverity();
        ruleCategory = rule.getCategory();
        ruleEnabled = rule.isEnabled();
        rulePosition = rule.getPosition();
    }

    public void newRule() {
        ruleId = 0;
        ruleVersion = 0;
        ruleName = null;
        ruleSource = null;
        ruleKind = RuleSet.Rule.Kind.TEXT;
        rulePattern = null;
        ruleSeverity = null;
        ruleCategory = null;
        ruleEnabled = true;
        rulePosition = ruleList.isEmpty() ? 10 : ruleList.get(ruleList.size() - 1).getPosition() + 10;
    }

    public void saveRule() {
        try {
            ClassificationRule saved = rules.save(new RuleSet.Rule(ruleId, ruleName, ruleSource, ruleKind,
                    rulePattern, ruleSeverity, ruleCategory, ruleEnabled, rulePosition), ruleVersion);
            Forms.info("intake.ruleSaved", saved.getName());
            ruleList = rules.rules();
            newRule();
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "ruleForm");
        }
    }

    public void removeRule(ClassificationRule rule) {
        try {
            rules.remove(rule.getId());
            Forms.info("intake.ruleRemoved", rule.getName());
            ruleList = rules.rules();
            if (ruleId == rule.getId()) {
                newRule();
            }
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "rules");
        }
    }

    public void saveWindow() {
        try {
            IntakeSettings saved = rules.changeSettings(settingsVersion, correlationWindow);
            settingsVersion = saved.getVersion();
            Forms.info("intake.windowSaved", saved.getCorrelationWindowMinutes());
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "windowForm");
        }
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

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public Category[] getCategories() {
        return Category.values();
    }

    public RuleSet.Rule.Kind[] getKinds() {
        return RuleSet.Rule.Kind.values();
    }

    public List<IntakeKey> getKeyList() {
        return keyList;
    }

    public List<ClassificationRule> getRuleList() {
        return ruleList;
    }

    public Source getKeySource() {
        return keySource;
    }

    public void setKeySource(Source keySource) {
        this.keySource = keySource;
    }

    public String getKeyName() {
        return keyName;
    }

    public void setKeyName(String keyName) {
        this.keyName = keyName;
    }

    public int getOverlapHours() {
        return overlapHours;
    }

    public void setOverlapHours(int overlapHours) {
        this.overlapHours = overlapHours;
    }

    public String getIssuedSecret() {
        return issuedSecret;
    }

    public IntakeKey getIssuedKey() {
        return issuedKey;
    }

    public long getRuleId() {
        return ruleId;
    }

    public String getRuleName() {
        return ruleName;
    }

    public void setRuleName(String ruleName) {
        this.ruleName = ruleName;
    }

    public Source getRuleSource() {
        return ruleSource;
    }

    public void setRuleSource(Source ruleSource) {
        this.ruleSource = ruleSource;
    }

    public RuleSet.Rule.Kind getRuleKind() {
        return ruleKind;
    }

    public void setRuleKind(RuleSet.Rule.Kind ruleKind) {
        this.ruleKind = ruleKind;
    }

    public String getRulePattern() {
        return rulePattern;
    }

    public void setRulePattern(String rulePattern) {
        this.rulePattern = rulePattern;
    }

    public Severity getRuleSeverity() {
        return ruleSeverity;
    }

    public void setRuleSeverity(Severity ruleSeverity) {
        this.ruleSeverity = ruleSeverity;
    }

    public Category getRuleCategory() {
        return ruleCategory;
    }

    public void setRuleCategory(Category ruleCategory) {
        this.ruleCategory = ruleCategory;
    }

    public boolean isRuleEnabled() {
        return ruleEnabled;
    }

    public void setRuleEnabled(boolean ruleEnabled) {
        this.ruleEnabled = ruleEnabled;
    }

    public int getRulePosition() {
        return rulePosition;
    }

    public void setRulePosition(int rulePosition) {
        this.rulePosition = rulePosition;
    }

    public Integer getCorrelationWindow() {
        return correlationWindow;
    }

    public void setCorrelationWindow(Integer correlationWindow) {
        this.correlationWindow = correlationWindow;
    }
}
