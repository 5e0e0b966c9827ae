package com.attest.incident.web;

import com.attest.incident.Incident;
import com.attest.incident.IncidentRegister;
import com.attest.incident.IncidentRegister.ResponseTimes;
import com.attest.incident.Severity;
import com.attest.incident.SlaClock;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The home page's figures: open incidents by severity, current breaches, response times over 90 days. */
@Named
@ViewScoped
public class DashboardBacking implements Serializable {

    static final Duration PERIOD = Duration.ofDays(90);

    @Inject
    private IncidentRegister register;

    @Inject
    private Clock clock;

    private Map<Severity, Long> open;
    private List<Incident> overdue;
    private Map<Severity, ResponseTimes> times;
    private long longest;

    @PostConstruct
    void load() {
        open = register.openBySeverity();
        overdue = register.overdue(10);
        times = register.responseTimes(PERIOD);
        longest = times.values().stream()
                .flatMap(t -> java.util.stream.Stream.of(t.toAcknowledge(), t.toContain()))
                .filter(Objects::nonNull).mapToLong(Duration::getSeconds).max().orElse(1);
    }

    /** Width of a bar, as a percentage of the longest mean time shown. */
    public long width(Duration duration) {
        return duration == null ? 0 : Math.max(1, duration.getSeconds() * 100 / Math.max(1, longest));
    }

    public String text(Duration duration) {
        return duration == null ? "—" : SlaClock.humanize(duration);
    }

    public SlaClock clockOf(Incident incident) {
        return incident.clock(clock.instant());
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public Map<Severity, Long> getOpen() {
        return open;
    }

    public List<Incident> getOverdue() {
        return overdue;
    }

    public Map<Severity, ResponseTimes> getTimes() {
        return times;
    }
}
