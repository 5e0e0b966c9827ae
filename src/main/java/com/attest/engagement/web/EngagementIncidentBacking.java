package com.attest.engagement.web;

import com.attest.engagement.Engagement;
import com.attest.engagement.EngagementService;
import com.attest.engagement.IncidentFile;
import com.attest.engagement.Outcomes;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;

/** One incident of an engagement's population with all its evidence, read-only. */
@Named
@ViewScoped
public class EngagementIncidentBacking implements Serializable {

    @Inject
    private EngagementService engagements;

    private Long engagementId;
    private String ref;
    private Engagement engagement;
    private IncidentFile file;

    public void load() throws IOException {
        engagement = engagementId == null ? null : engagements.visible(engagementId).orElse(null);
        file = engagement == null || ref == null ? null : engagements.incident(engagement, ref).orElse(null);
        if (file == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such incident");
            FacesContext.getCurrentInstance().responseComplete();
        }
    }

    public String words(Enum<?> outcome) {
        return Outcomes.words(outcome);
    }

    public Engagement getEngagement() { return engagement; }
    public IncidentFile getFile() { return file; }
    public Long getEngagementId() { return engagementId; }
    public void setEngagementId(Long engagementId) { this.engagementId = engagementId; }
    public String getRef() { return ref; }
    public void setRef(String ref) { this.ref = ref; }
}
