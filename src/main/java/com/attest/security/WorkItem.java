package com.attest.security;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a work queue: what waits ({@code title}), under which heading it is listed ({@code group}, e.g.
 * "Reviews to approve"), a line of detail, where to act (a path inside the portal, e.g.
 * {@code /pirs/view.xhtml?id=7}), and by when ({@code due}, none when it has no deadline). {@code urgent} entries
 * (late, failed, or blocking control health) come first.
 */
public record WorkItem(String group, String title, String detail, String href, Instant due, boolean urgent)
        implements java.io.Serializable {

    public WorkItem {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(title, "title");
        if (href == null || !href.startsWith("/") || href.startsWith("//")) {
            throw new IllegalArgumentException("a work item links inside the portal: " + href);
        }
    }

    /** Urgent entries first, then the soonest due, then those without a deadline. */
    public static final java.util.Comparator<WorkItem> ORDER = java.util.Comparator
            .comparing((WorkItem i) -> !i.urgent())
            .thenComparing(WorkItem::due, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
}
