package com.attest.intake.web;

import com.attest.incident.Category;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import com.attest.intake.ClassificationRule;
import com.attest.intake.RuleSet;
import java.io.Serializable;

/** A classification rule as its form edits it: a new one (id 0) or one loaded at the version seen. */
public class RuleFields implements Serializable {

    private long id;
    private long version;
    private String name;
    private Source source;
    private RuleSet.Rule.Kind kind = RuleSet.Rule.Kind.TEXT;
    private String pattern;
    private Severity severity;
    private Category category;
    private boolean enabled = true;
    private int position;

    /** A new rule, placed after the last one. */
    static RuleFields next(int position) {
        RuleFields f = new RuleFields();
        f.position = position;
        return f;
    }

    static RuleFields of(ClassificationRule rule) {
        RuleFields f = new RuleFields();
        f.id = rule.getId();
        f.version = rule.getVersion();
        f.name = rule.getName();
        f.source = rule.getSource();
        f.kind = rule.getKind();
        f.pattern = rule.getPattern();
        f.severity = rule.getSeverity();
        f.category = rule.getCategory();
        f.enabled = rule.isEnabled();
        f.position = rule.getPosition();
        return f;
    }

    RuleSet.Rule rule() {
        return new RuleSet.Rule(id, name, source, kind, pattern, severity, category, enabled, position);
    }

    public long getId() { return id; }
    public long getVersion() { return version; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Source getSource() { return source; }
    public void setSource(Source source) { this.source = source; }
    public RuleSet.Rule.Kind getKind() { return kind; }
    public void setKind(RuleSet.Rule.Kind kind) { this.kind = kind; }
    public String getPattern() { return pattern; }
    public void setPattern(String pattern) { this.pattern = pattern; }
    public Severity getSeverity() { return severity; }
    public void setSeverity(Severity severity) { this.severity = severity; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public int getPosition() { return position; }
    public void setPosition(int position) { this.position = position; }
}
