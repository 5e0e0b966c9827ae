package com.attest.pir;

import com.attest.action.ActionRun;
import com.attest.action.ActionRunService;
import com.attest.customernotice.CustomerNoticeService;
import com.attest.customernotice.NoticeDeliveryService;
import com.attest.incident.Incident;
import com.attest.incident.IncidentService;
import com.attest.incident.Milestone;
import com.attest.incident.TimelineService;
import com.attest.runbook.Phase;
import com.attest.runbook.WalkthroughService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A new review's template, filled in from what the incident recorded: its milestones as the timeline, the actions
 * taken in each response phase (runbook actions that took effect and checklist items ticked), the systems and data
 * involved, and whether and when customers were told.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PirPrefill {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @Inject
    private IncidentService incidents;

    @Inject
    private TimelineService timelines;

    @Inject
    private ActionRunService actions;

    @Inject
    private WalkthroughService walkthroughs;

    @Inject
    private CustomerNoticeService notices;

    @Inject
    private NoticeDeliveryService deliveries;

    /** The template filled in from the incident: milestones, actions taken per step, systems and data. */
    PirForm of(Incident incident, ZoneId zone) {
        String timeline = timelines.of(incident).stream().filter(e -> e.getMilestone() != null)
                .map(e -> WHEN.format(e.getOccurredAt().atZone(zone)) + " — " + (e.getText().startsWith(
                        label(e.getMilestone())) ? e.getText() : label(e.getMilestone()) + ": " + e.getText()))
                .collect(Collectors.joining("\n"));
        Map<Phase, List<String>> taken = new HashMap<>();
        for (ActionRun run : actions.of(incident)) {
            if (run.getState().effective()) {
                taken.computeIfAbsent(run.type().phase(), p -> new ArrayList<>()).add(
                        run.type().label() + ": " + run.getSummary() + " (run " + run.getId() + ", "
                                + run.getRequestedBy() + (run.getDecidedBy() == null ? "" : ", approved by "
                                + run.getDecidedBy()) + (run.isBreakGlass() ? ", break glass" : "") + ")");
            }
        }
        walkthroughs.checklist(incident).ifPresent(c -> c.items().stream()
                .filter(i -> i.done() && i.item().action() == null)
                .forEach(i -> taken.computeIfAbsent(i.phase(), p -> new ArrayList<>())
                        .add(i.item().text() + " (" + i.by() + ")")));
        String data = incident.isPersonalData() ? "Personal data involved." : "";
        Instant told = deliveries.firstTold(incident);
        return new PirForm(timeline, "", String.join("\n", incident.getResources()), data, told != null,
                lines(taken.get(Phase.CONTAIN)), lines(taken.get(Phase.ERADICATE)), lines(taken.get(Phase.RECOVER)),
                incident.isPersonalData() || incident.isCustomersAffected(),
                told == null ? null : told.atZone(zone).toLocalDate(),
                told == null ? null : "Customer notice recorded in the portal (see the incident's notices)");
    }

    private static String lines(List<String> items) {
        return items == null ? "" : items.stream().map(s -> "- " + s).collect(Collectors.joining("\n"));
    }

    static String label(Milestone milestone) {
        String name = milestone.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
