package com.attest.intake;

import com.attest.incident.Category;
import com.attest.incident.Severity;
import com.attest.incident.Source;
import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One classification rule as stored; see {@link RuleSet} for how they are applied. */
@Entity
@Table(name = "classification_rule")
@NamedQuery(name = ClassificationRule.ALL, query = "SELECT r FROM ClassificationRule r ORDER BY r.position, r.id")
public class ClassificationRule implements Versioned, Audited {

    static final String ALL = "ClassificationRule.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String name;
    @Enumerated(EnumType.STRING)
    private Source source;
    @Enumerated(EnumType.STRING)
    @Column(name = "match_kind", nullable = false)
    private RuleSet.Rule.Kind kind;
    @Column(nullable = false)
    private String pattern;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Severity severity;
    @Enumerated(EnumType.STRING)
    private Category category;
    @Column(nullable = false)
    private boolean enabled = true;
    @Column(nullable = false)
    private int position;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Version
    private long version;

    protected ClassificationRule() {
    }

    ClassificationRule(RuleSet.Rule r, String by, Instant now) {
        change(r, by, now);
    }

    void change(RuleSet.Rule r, String by, Instant now) {
        this.name = r.name();
        this.source = r.source();
        this.kind = r.kind();
        this.pattern = r.pattern();
        this.severity = r.severity();
        this.category = r.category();
        this.enabled = r.enabled();
        this.position = r.position();
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public RuleSet.Rule rule() {
        return new RuleSet.Rule(id == null ? 0 : id, name, source, kind, pattern, severity, category, enabled,
                position);
    }

    @Override
    public String auditType() {
        return "ClassificationRule";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public String lastChangedBy() {
        return updatedBy;
    }

    @Override
    public Instant lastChangedAt() {
        return updatedAt;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("source", source);
        s.put("kind", kind);
        s.put("pattern", pattern);
        s.put("severity", severity);
        s.put("category", category);
        s.put("enabled", enabled);
        s.put("position", position);
        return s;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Source getSource() {
        return source;
    }

    public RuleSet.Rule.Kind getKind() {
        return kind;
    }

    public String getPattern() {
        return pattern;
    }

    public Severity getSeverity() {
        return severity;
    }

    public Category getCategory() {
        return category;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getPosition() {
        return position;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public long getVersion() {
        return version;
    }
}
