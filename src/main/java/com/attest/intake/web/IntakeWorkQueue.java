package com.attest.intake.web;

import com.attest.intake.IntakeDeliveryService;
import com.attest.intake.IntakeGate;
import com.attest.intake.IntakeKeyService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Intake in the compliance lead's queue: deliveries of the last week a source sent with a valid key that could not be
 * read or processed (each waits for a fixed reader or rule and a replay, or tells of a broken pipeline); and, until an
 * intake key is issued (or Entra ID tokens are accepted), that no alert can arrive.
 */
@ApplicationScoped
public class IntakeWorkQueue implements WorkQueue {

    @Inject
    private IntakeKeyService keys;

    @Inject
    private IntakeGate gate;

    @Inject
    private IntakeDeliveryService deliveries;

    @Inject
    private Clock clock;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD)) {
            return List.of();
        }
        List<WorkItem> items = new ArrayList<>();
        long refused = deliveries.refusedByDay(7).stream().mapToLong(IntakeDeliveryService.RefusedDay::count).sum();
        if (refused > 0) {
            items.add(new WorkItem(Forms.text("queue.intake"), Forms.text("queue.deliveriesRefused", refused),
                    Forms.text("queue.deliveriesRefusedDetail"), "/admin/intake.xhtml", null, false));
        }
        if (!gate.tokensAccepted() && keys.all().stream().noneMatch(k -> k.isActive(clock.instant()))) {
            items.add(new WorkItem(Forms.text("queue.setUp"), Forms.text("queue.setUpIntake"),
                    Forms.text("queue.setUpIntakeDetail"), "/admin/intake.xhtml", null, false));
        }
        return items;
    }
}
