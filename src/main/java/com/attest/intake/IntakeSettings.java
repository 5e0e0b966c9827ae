package com.attest.intake;

import com.attest.incident.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one row of intake settings: the correlation window and whom new incidents wake, and how severe. */
@Entity
@Table(name = "intake_settings")
public class IntakeSettings {

    @Id
    private Short id;
    @Column(name = "correlation_window_minutes", nullable = false)
    private int correlationWindowMinutes;
    @Enumerated(EnumType.STRING)
    @Column(name = "notify_min_severity", nullable = false)
    private Severity notifyMinSeverity;
    @Column(name = "email_recipients", nullable = false)
    private String emailRecipients;
    @Version
    private long version;

    protected IntakeSettings() {
    }

    public Duration correlationWindow() {
        return Duration.ofMinutes(correlationWindowMinutes);
    }

    /** Whether a new incident of this severity pages the on-call person (P1 is the most severe). */
    public boolean notifies(Severity severity) {
        return severity.compareTo(notifyMinSeverity) <= 0;
    }

    public List<String> recipients() {
        return Arrays.stream(emailRecipients.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    void change(int windowMinutes, Severity minSeverity, String recipients) {
        this.correlationWindowMinutes = windowMinutes;
        this.notifyMinSeverity = minSeverity;
        this.emailRecipients = recipients;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("correlationWindowMinutes", correlationWindowMinutes);
        s.put("notifyMinSeverity", notifyMinSeverity);
        s.put("emailRecipients", emailRecipients);
        return s;
    }

    public int getCorrelationWindowMinutes() {
        return correlationWindowMinutes;
    }

    public Severity getNotifyMinSeverity() {
        return notifyMinSeverity;
    }

    public String getEmailRecipients() {
        return emailRecipients;
    }

    public long getVersion() {
        return version;
    }
}
