package com.attest.exercise.web;

import com.attest.exercise.ExerciseSchedule;
import com.attest.exercise.ExerciseService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The policy's yearly exercise, in the compliance lead's queue once none was held in the last twelve months. */
@ApplicationScoped
public class ExerciseWorkQueue implements WorkQueue {

    @Inject
    private ExerciseService exercises;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD)) {
            return List.of();
        }
        ExerciseSchedule.Due due = exercises.schedule();
        if (!due.flagged()) {
            return List.of();
        }
        String detail = due.state() == ExerciseSchedule.State.NEVER ? Forms.text("exercise.never")
                : Forms.text("queue.exerciseDueSince", due.next());
        return List.of(new WorkItem(Forms.text("queue.exercise"), Forms.text("queue.exerciseDue"), detail,
                "/exercises/new.xhtml", null, true));
    }
}
