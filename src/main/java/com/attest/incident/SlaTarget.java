package com.attest.incident;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/** The response target of one severity, in minutes; none means "by the close of the next business day". */
@Entity
@Table(name = "sla_target")
@NamedQuery(name = SlaTarget.ALL, query = "SELECT t FROM SlaTarget t ORDER BY t.severity")
public class SlaTarget implements Audited {

    public static final String ALL = "SlaTarget.all";

    @Id
    @Enumerated(EnumType.STRING)
    private Severity severity;
    @Column(name = "response_minutes")
    private Integer responseMinutes;
    @Version
    private long version;

    protected SlaTarget() {
    }

    public Severity getSeverity() {
        return severity;
    }

    public Integer getResponseMinutes() {
        return responseMinutes;
    }

    void setResponseMinutes(Integer responseMinutes) {
        this.responseMinutes = responseMinutes;
    }

    @Override
    public String auditType() {
        return "SlaTarget";
    }

    /** The audit trail names a target by its severity. */
    @Override
    public Object auditId() {
        return severity.name();
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("responseMinutes", responseMinutes);
        return s;
    }
}
