package com.attest.actionitem.web;

import com.attest.actionitem.ActionItem;
import com.attest.actionitem.ActionItemService;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A person's open action items, from reviews and exercises alike, by due date; late ones first. */
@ApplicationScoped
public class ActionItemWorkQueue implements WorkQueue {

    @Inject
    private ActionItemService items;

    @Inject
    private Clock clock;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (person.name() == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return items.openOwnedBy(person.name()).stream().map(item -> {
            Instant due = item.getDueOn() == null ? null
                    : item.getDueOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            String href = item.getRaisedBy() == ActionItem.RaisedBy.REVIEW
                    ? "/pirs/view.xhtml?id=" + item.getParentId() : "/exercises/view.xhtml?id=" + item.getParentId();
            return new WorkItem(Forms.text("queue.myActionItems"), item.getDescription(),
                    Forms.text(item.getRaisedBy() == ActionItem.RaisedBy.REVIEW ? "queue.itemOfReview"
                                    : "queue.itemOfExercise", item.getDueOn() == null ? "—" : item.getDueOn().toString(),
                            Forms.text("pir.item." + item.getStatus())),
                    href, due, due != null && due.isBefore(now));
        }).toList();
    }
}
