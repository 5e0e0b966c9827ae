package com.attest.detection.web;

import com.attest.detection.PipelineChecks;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRoutes.Dating;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An auditor reads the detection pipeline: the page (the latest check as of their period's end, or a check of their
 * period named by {@code check}) and a check of their period with what Azure returned.
 */
@ApplicationScoped
public class DetectionAuditorRules implements AuditorRules {

    @Inject
    private PipelineChecks checks;

    @Inject
    private com.attest.detection.Proofs proofs;

    @Override
    public void declare(AuditorRoutes routes) {
        Dating checked = Dating.at(key -> Dating.number(key).flatMap(checks::find).map(c -> c.getCheckedAt()));
        routes.recordPage("/detection/pipeline.xhtml", "check", checked)
                .recordApi("/api/detection/checks/(\\d+)(?:/.*)?", checked)
                .readingApi("/api/detection/checks")
                .recordApi("/api/detection/proofs/(\\d+)(?:/evidence\\.json)?", Dating.at(key -> Dating.number(key).flatMap(proofs::find)
                        .map(p -> p.getRequestedAt())));
    }
}
