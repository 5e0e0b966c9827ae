package com.attest.actionitem;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One action item as a form edits it (a review's or an exercise's): a row that may still be empty. */
public class ActionItemRow implements Serializable {

    private Long id;
    private String description;
    private String owner;
    private LocalDate dueOn;
    private ActionItem.Status status = ActionItem.Status.OPEN;

    public static ActionItemRow of(ActionItem item) {
        ActionItemRow row = new ActionItemRow();
        row.id = item.getId();
        row.description = item.getDescription();
        row.owner = item.getOwner();
        row.dueOn = item.getDueOn();
        row.status = item.getStatus();
        return row;
    }

    public static List<ActionItemRow> of(List<ActionItem> items) {
        return items.stream().map(ActionItemRow::of).collect(Collectors.toCollection(ArrayList::new));
    }

    /** The row as the service takes it. */
    public ActionItem.Item item() {
        return new ActionItem.Item(id, description, owner, dueOn, status);
    }

    /**
     * Rows saved for the first time got ids (empty rows are not kept): later saves must name them, or they would be
     * added twice.
     */
    public static void takeIds(List<ActionItemRow> rows, List<ActionItem> saved) {
        int next = 0;
        for (ActionItemRow row : rows) {
            if (!row.item().empty() && next < saved.size()) {
                row.id = saved.get(next++).getId();
            }
        }
    }

    public Long getId() { return id; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public LocalDate getDueOn() { return dueOn; }
    public void setDueOn(LocalDate dueOn) { this.dueOn = dueOn; }
    public ActionItem.Status getStatus() { return status; }
    public void setStatus(ActionItem.Status status) { this.status = status; }
}
