package com.attest.incident.web;

import com.attest.calendar.CalendarService;
import com.attest.incident.Classification;
import com.attest.incident.Incident;
import com.attest.incident.IncidentChanged;
import com.attest.incident.IncidentService;
import com.attest.incident.Severity;
import com.attest.incident.SlaClock;
import com.attest.incident.Status;
import com.attest.incident.TimelineEntry;
import com.attest.incident.TimelineService;
import com.attest.platform.web.Forms;
import com.attest.platform.web.InstantFormat;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** One incident: its clock, its timeline, and the next step of its response. */
@Named
@ViewScoped
public class IncidentBacking implements Serializable {

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private CalendarService calendars;

    @Inject
    private Clock clock;

    private String ref;
    private Incident incident;
    private List<TimelineRow> rows;
    private final java.util.Map<Long, Integer> numbers = new java.util.HashMap<>();
    private ZoneId zone;

    private String owner;
    private LocalDateTime stepAt;
    private String note;
    private Classification classification;
    private String classificationReason;
    private List<String> openWork = List.of();
    private String openWorkReason;
    private Severity severity;
    private Integer defenderScore;
    private String severityReason;

    public void load() throws IOException {
        incident = incidents.find(ref).orElse(null);
        if (incident == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such incident");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        List<TimelineEntry> timeline = timelines.of(incident);
        numbers.clear();
        timeline.stream().map(TimelineEntry::getId).sorted()
                .forEachOrdered(id -> numbers.put(id, numbers.size() + 1));
        rows = timeline.stream().map(this::row).toList();
        severity = incident.getSeverity();
        defenderScore = incident.getDefenderScore();
        severityReason = incident.getSeverityReason();
        stepAt = now();
        note = null;
        openWork = incident.getStatus().next() == Status.RESOLVED ? incidents.openWork(incident) : List.of();
        openWorkReason = null;
    }

    public void declare() {
        act(() -> incidents.declare(ref, incident.getVersion(), owner, instant(stepAt)), "incident.declaredAs",
                () -> new Object[]{ref, incident.getOwner(), Forms.text("severity." + incident.getSeverity())});
    }

    public void advance() {
        Status next = incident.getStatus().next();
        act(() -> incidents.advance(ref, incident.getVersion(), next, instant(stepAt), note,
                classifies() ? classification : null, classifies() ? classificationReason : null,
                next == Status.RESOLVED ? openWorkReason : null),
                "incident.advanced", () -> new Object[]{ref, Forms.text("status." + next)});
    }

    /** Whether the next step (resolve or close) says what the incident turned out to be. */
    public boolean classifies() {
        Status next = incident == null ? null : incident.getStatus().next();
        return next == Status.RESOLVED || next == Status.CLOSED;
    }

    /** What of the response is still open when the next step resolves the incident: resolving asks why. */
    public List<String> getOpenWork() {
        return openWork;
    }

    public String getOpenWorkReason() {
        return openWorkReason;
    }

    public void setOpenWorkReason(String openWorkReason) {
        this.openWorkReason = openWorkReason;
    }

    public Classification[] getClassifications() {
        return Classification.values();
    }

    public List<String> getClassificationReasons() {
        return Arrays.stream(Classification.values())
                .flatMap(c -> c.reasons().stream()).toList();
    }

    public Classification getClassification() {
        return classification;
    }

    public void setClassification(Classification classification) {
        this.classification = classification;
    }

    public String getClassificationReason() {
        return classificationReason;
    }

    public void setClassificationReason(String classificationReason) {
        this.classificationReason = classificationReason;
    }

    public void classify() {
        act(() -> incidents.classify(ref, incident.getVersion(), severity, defenderScore, severityReason),
                "incident.classified", () -> new Object[]{ref, Forms.text("severity." + incident.getSeverity())});
    }

    /**
     * Makes the change, reloads, and says what happened in the words of {@code key} (its arguments read after the
     * reload); a refusal shows beside the fields and changes nothing.
     */
    void act(Runnable change, String key, java.util.function.Supplier<Object[]> args) {
        change.run();
        reload();
        Forms.info(key, args.get());
    }

    /** Timeline entries are numbered 1, 2, 3 … on their incident, in the order they were recorded. */
    public int number(TimelineEntry entry) {
        return numberOf(entry.getId());
    }

    private TimelineRow row(TimelineEntry entry) {
        return new TimelineRow(number(entry), InstantFormat.format(entry.getOccurredAt()),
                entry.getMilestone() == null ? null : Forms.text("milestone." + entry.getMilestone()),
                entry.getCorrectsId() == null ? null : Forms.text("incident.correction", numberOf(entry.getCorrectsId())),
                entry.getText(), entry.getRecordedBy(), InstantFormat.format(entry.getRecordedAt()));
    }

    /** The number of the entry with this id on this incident's timeline (0 when it is not on it). */
    public int numberOf(Long entryId) {
        Integer n = entryId == null ? null : numbers.get(entryId);
        return n == null ? 0 : n;
    }

    /** The id of entry number {@code number}, or null when there is no such entry. */
    Long entryId(Long number) {
        return number == null ? null : numbers.entrySet().stream().filter(e -> e.getValue().longValue() == number)
                .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Another part of the page (the checklist, an action, a notice) wrote on this incident's timeline. */
    void changed(@Observes(notifyObserver = Reception.IF_EXISTS, during = TransactionPhase.AFTER_SUCCESS)
                 IncidentChanged event) {
        if (incident != null && incident.getId() == event.incidentId()) {
            reload();
        }
    }

    /** Reloads the incident after a change made elsewhere on the page. */
    void reload() {
        try {
            load();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The organisation's time zone, read once per view (the page may need it before the incident loads). */
    private ZoneId zone() {
        if (zone == null) {
            zone = calendars.zone();
        }
        return zone;
    }

    /** Now, to the minute, in the organisation's time zone: the default time of a step or entry. */
    LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), zone()).truncatedTo(ChronoUnit.MINUTES);
    }

    java.time.Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(zone()).toInstant();
    }

    public SlaClock getClock() {
        return incident.clock(clock.instant());
    }

    /** From detection to containment, or a note that it is not contained yet. */
    public String getTimeToContain() {
        return incident.getContainedAt() == null ? Forms.text("incident.notContained")
                : SlaClock.humanize(java.time.Duration.between(incident.getDetectedAt(), incident.getContainedAt()));
    }

    public Status getNextStep() {
        Status next = incident.getStatus().next();
        return next == Status.DECLARED ? null : next;
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public String getZone() {
        return zone().getId();
    }

    public Incident getIncident() {
        return incident;
    }

    /** The timeline as the page shows it, in the order recorded. */
    public List<TimelineRow> getRows() {
        return rows;
    }

    public String getRef() {
        return ref;
    }

    public void setRef(String ref) {
        this.ref = ref;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public LocalDateTime getStepAt() {
        return stepAt;
    }

    public void setStepAt(LocalDateTime stepAt) {
        this.stepAt = stepAt;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public Severity getSeverity() {
        return severity;
    }

    public void setSeverity(Severity severity) {
        this.severity = severity;
    }

    public Integer getDefenderScore() {
        return defenderScore;
    }

    public void setDefenderScore(Integer defenderScore) {
        this.defenderScore = defenderScore;
    }

    public String getSeverityReason() {
        return severityReason;
    }

    public void setSeverityReason(String severityReason) {
        this.severityReason = severityReason;
    }

}
