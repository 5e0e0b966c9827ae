package com.attest.engagement;

import com.attest.action.ActionRun;
import com.attest.evidence.EvidenceItem;
import com.attest.incident.Incident;
import com.attest.incident.TimelineEntry;
import com.attest.customernotice.CustomerNotice;
import com.attest.pir.Pir;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything an auditor reads about one incident of the population: its evidence items and the records behind them. */
public record IncidentFile(Incident incident, PopulationRow outcomes, List<EvidenceItem> evidence,
                           List<TimelineEntry> timeline, Pir review, List<CustomerNotice> notices,
                           List<ActionRun> runs) implements Serializable {

    /** The file of an incident with its review, if it has one (the review is null when it has none). */
    public IncidentFile(Incident incident, PopulationRow outcomes, List<EvidenceItem> evidence,
                        List<TimelineEntry> timeline, Optional<Pir> review, List<CustomerNotice> notices,
                        List<ActionRun> runs) {
        this(incident, outcomes, evidence, timeline, review.orElse(null), notices, runs);
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>(outcomes.snapshot());
        s.put("incident", incident.snapshot());
        s.put("evidence", evidence.stream().map(EvidenceItem::snapshotOfItem).toList());
        s.put("timeline", timeline.stream().map(TimelineEntry::snapshot).toList());
        s.put("review", review == null ? null : review.snapshot());
        s.put("notices", notices.stream().map(CustomerNotice::snapshot).toList());
        s.put("actionRuns", runs.stream().map(ActionRun::snapshot).toList());
        return s;
    }

    public Pir getReview() {
        return review;
    }
}
