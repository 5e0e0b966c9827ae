package com.attest.runbook;

import java.util.List;

/**
 * An incident response runbook as stored in Git: a title, an introduction in Markdown and its steps.
 * {@link RunbookFormat} writes and reads it; {@link RunbookFormat#validate(Runbook)} says whether it is
 * complete.
 */
public record Runbook(String title, String introduction, List<Step> steps) {

    public Runbook {
        title = title == null ? "" : title.strip();
        introduction = RunbookFormat.normalizeBlock(introduction);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
