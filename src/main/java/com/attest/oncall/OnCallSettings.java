package com.attest.oncall;

import com.attest.incident.Severity;
import com.attest.platform.change.Audited;
import com.attest.platform.change.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one row of on-call settings: from which severity a new incident pages, and whom the e-mail channel reaches. */
@Entity
@Table(name = "oncall_settings")
public class OnCallSettings implements Versioned, Audited {

    @Id
    private Short id;
    @Enumerated(EnumType.STRING)
    @Column(name = "notify_min_severity", nullable = false)
    private Severity notifyMinSeverity;
    @Column(name = "email_recipients", nullable = false)
    private String emailRecipients;
    @Version
    private long version;

    protected OnCallSettings() {
    }

    /** Whether a new incident of this severity pages the on-call person (P1 is the most severe). */
    public boolean pages(Severity severity) {
        return severity.compareTo(notifyMinSeverity) <= 0;
    }

    public List<String> recipients() {
        return Arrays.stream(emailRecipients.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    void change(Severity minSeverity, String recipients) {
        this.notifyMinSeverity = minSeverity;
        this.emailRecipients = recipients;
    }

    @Override
    public String auditType() {
        return "OnCallSettings";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("notifyMinSeverity", notifyMinSeverity);
        s.put("emailRecipients", emailRecipients);
        return s;
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
