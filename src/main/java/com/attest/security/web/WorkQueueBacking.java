package com.attest.security.web;

import com.attest.security.Caller;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Home's work queue: every feature's entries for the person signed in, grouped under their headings, urgent and
 * soonest-due first. It knows no feature: each contributes through {@link WorkQueue}.
 */
@Named
@ViewScoped
public class WorkQueueBacking implements Serializable {

    @Inject
    @Any
    private Instance<WorkQueue> contributions;

    @Inject
    private Caller caller;

    @Inject
    private Clock clock;

    private List<Group> groups;
    private Instant now;

    /** One heading of the queue and its entries. */
    public record Group(String title, List<WorkItem> items) implements Serializable {
    }

    @PostConstruct
    void load() {
        now = clock.instant();
        List<WorkItem> all = new ArrayList<>();
        for (WorkQueue contribution : contributions) {
            all.addAll(contribution.waitingFor(caller));
        }
        all.sort(WorkItem.ORDER);
        Map<String, List<WorkItem>> byGroup = new LinkedHashMap<>();
        all.forEach(item -> byGroup.computeIfAbsent(item.group(), g -> new ArrayList<>()).add(item));
        groups = byGroup.entrySet().stream().map(e -> new Group(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    public List<Group> getGroups() {
        return groups;
    }

    public int getSize() {
        return groups.stream().mapToInt(g -> g.items().size()).sum();
    }

    /** Whether the entry's deadline has passed. */
    public boolean late(WorkItem item) {
        return item.due() != null && item.due().isBefore(now);
    }
}
