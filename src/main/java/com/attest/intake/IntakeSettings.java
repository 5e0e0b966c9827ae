package com.attest.intake;

import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one row of intake settings: how long a new alert joins the open incident of its resource. */
@Entity
@Table(name = "intake_settings")
public class IntakeSettings implements Versioned, Audited {

    @Id
    private Short id;
    @Column(name = "correlation_window_minutes", nullable = false)
    private int correlationWindowMinutes;
    @Version
    private long version;

    protected IntakeSettings() {
    }

    public Duration correlationWindow() {
        return Duration.ofMinutes(correlationWindowMinutes);
    }

    void change(int windowMinutes) {
        this.correlationWindowMinutes = windowMinutes;
    }

    @Override
    public String auditType() {
        return "IntakeSettings";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("correlationWindowMinutes", correlationWindowMinutes);
        return s;
    }

    public int getCorrelationWindowMinutes() {
        return correlationWindowMinutes;
    }

    public long getVersion() {
        return version;
    }
}
