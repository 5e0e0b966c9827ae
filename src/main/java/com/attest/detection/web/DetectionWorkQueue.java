package com.attest.detection.web;

import com.attest.azure.AzureIdentity;
import com.attest.detection.DetectionCheck;
import com.attest.detection.DetectionPipelineService;
import com.attest.detection.PipelineChecks;
import com.attest.detection.PipelineDiagram;
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

/** The lead's work queue: each subscription whose detection pipeline fails its latest check or could not be read. */
@ApplicationScoped
public class DetectionWorkQueue implements WorkQueue {

    @Inject
    private DetectionPipelineService detection;

    @Inject
    private PipelineChecks checks;

    @Inject
    private Clock clock;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD)) {
            return List.of();
        }
        List<WorkItem> items = new ArrayList<>();
        for (AzureIdentity subscription : detection.subscriptions()) {
            checks.latest(subscription.subscriptionId(), clock.instant()).filter(c -> c.getVerdict().gap())
                    .ifPresent(c -> items.add(item(c)));
        }
        return items;
    }

    private static WorkItem item(DetectionCheck check) {
        String first = check.findingList().stream().filter(f -> f.verdict().gap()).map(f -> f.sentence())
                .findFirst().orElse("");
        return new WorkItem(Forms.text("queue.detectionPipeline"), Forms.text("queue.detectionOf",
                check.getSubscriptionLabel(), PipelineDiagram.words(check.getVerdict())), first,
                "/detection/pipeline.xhtml?subscription=" + check.getSubscriptionId(), check.getCheckedAt(), true);
    }
}
