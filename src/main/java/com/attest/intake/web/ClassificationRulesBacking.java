package com.attest.intake.web;

import com.attest.incident.Category;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import com.attest.intake.ClassificationRule;
import com.attest.intake.IntakeSettingsService;
import com.attest.intake.RuleSet;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The intake page's classification rules (compliance lead): the list in order, and one rule's form. */
@Named
@ViewScoped
public class ClassificationRulesBacking implements Serializable {

    @Inject
    private IntakeSettingsService rules;

    private transient List<ClassificationRule> ruleList;
    private RuleFields rule;

    @PostConstruct
    void load() {
        ruleList = rules.rules();
        newRule();
    }

    public void edit(ClassificationRule existing) {
        rule = RuleFields.of(existing);
    }

    public void newRule() {
        rule = RuleFields.next(ruleList.isEmpty() ? 10 : ruleList.get(ruleList.size() - 1).getPosition() + 10);
    }

    public void saveRule() {
        ClassificationRule saved = rules.save(rule.rule(), rule.getVersion());
        Forms.info("intake.ruleSaved", saved.getName());
        ruleList = rules.rules();
        newRule();
    }

    public void removeRule(ClassificationRule removed) {
        rules.remove(removed.getId());
        Forms.info("intake.ruleRemoved", removed.getName());
        ruleList = rules.rules();
        if (rule.getId() == removed.getId()) {
            newRule();
        }
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

    public List<ClassificationRule> getRuleList() { return ruleList; }
    public RuleFields getRule() { return rule; }
}
