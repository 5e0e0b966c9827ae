package com.attest.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One runbook step: guidance in Markdown followed by a checklist. Item keys are positional, so the
 * constructor assigns {@code <phase>-<n>} to each item whatever key it came with.
 */
public record Step(Phase phase, String guidance, List<Item> items) {

    public Step {
        Objects.requireNonNull(phase, "phase");
        guidance = RunbookFormat.normalizeBlock(guidance);
        List<Item> keyed = new ArrayList<>();
        if (items != null) {
            for (Item item : items) {
                keyed.add(new Item(phase.itemKey(keyed.size() + 1), item.text(), item.action()));
            }
        }
        items = List.copyOf(keyed);
    }
}
