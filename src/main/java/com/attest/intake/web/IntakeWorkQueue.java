package com.attest.intake.web;

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
import java.util.List;

/** First-run set-up: until an intake key is issued (or Entra ID tokens are accepted), no alert can arrive. */
@ApplicationScoped
public class IntakeWorkQueue implements WorkQueue {

    @Inject
    private IntakeKeyService keys;

    @Inject
    private IntakeGate gate;

    @Inject
    private Clock clock;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD) || gate.tokensAccepted()
                || keys.all().stream().anyMatch(k -> k.isActive(clock.instant()))) {
            return List.of();
        }
        return List.of(new WorkItem(Forms.text("queue.setUp"), Forms.text("queue.setUpIntake"),
                Forms.text("queue.setUpIntakeDetail"), "/admin/intake.xhtml", null, false));
    }
}
