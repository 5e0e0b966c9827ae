package com.attest.oncall.web;

import com.attest.incident.Severity;
import com.attest.oncall.Notification;
import com.attest.oncall.OnCallChannels;
import com.attest.oncall.OnCallSettings;
import com.attest.oncall.OnCallSettingsService;
import com.attest.oncall.OutboxService;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The on-call channels, whom and how severe, and how recent notifications went (compliance lead). */
@Named
@ViewScoped
public class OnCallBacking implements Serializable {

    @Inject
    private OnCallSettingsService settings;

    @Inject
    private OnCallChannels channels;

    @Inject
    private OutboxService notifications;

    private Severity minSeverity;
    private String recipients;
    private long version;
    private List<OnCallChannels.Status> statuses;
    private List<Notification> recent;

    @PostConstruct
    void load() {
        OnCallSettings current = settings.settings();
        minSeverity = current.getNotifyMinSeverity();
        recipients = current.getEmailRecipients();
        version = current.getVersion();
        refresh();
    }

    private void refresh() {
        statuses = channels.statuses(settings.settings().recipients());
        recent = notifications.recent(50);
    }

    public void save() {
        OnCallSettings saved = settings.change(version, minSeverity, recipients);
        version = saved.getVersion();
        recipients = saved.getEmailRecipients();
        Forms.info("oncall.saved");
        refresh();
    }

    public void retry(Notification n) {
        try {
            notifications.retry(n.getId());
            Forms.info("oncall.retrying", n.getSubject());
        } finally {
            refresh();
        }
    }

    public void reload() {
        refresh();
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public Severity getMinSeverity() {
        return minSeverity;
    }

    public void setMinSeverity(Severity minSeverity) {
        this.minSeverity = minSeverity;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public List<OnCallChannels.Status> getStatuses() {
        return statuses;
    }

    public List<Notification> getRecent() {
        return recent;
    }
}
