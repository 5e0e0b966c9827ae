package com.attest.incident.web;

import com.attest.incident.IncidentService;
import com.attest.incident.Status;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The incident page's form for closing as a false positive or a duplicate. */
@Named
@ViewScoped
public class CloseIncidentBacking implements Serializable {

    @Inject
    private IncidentBacking page;

    @Inject
    private IncidentService incidents;

    private Status closeKind = Status.FALSE_POSITIVE;
    private String closeReason;
    private String duplicateOf;

    public void close() {
        Status kind = closeKind;
        page.act(() -> incidents.closeAs(page.getRef(), page.getIncident().getVersion(), kind, closeReason,
                duplicateOf), "incident.closedAs", () -> new Object[]{page.getRef(),
                com.attest.platform.web.Forms.text("status." + kind)});
    }

    public Status getCloseKind() {
        return closeKind;
    }

    public void setCloseKind(Status closeKind) {
        this.closeKind = closeKind;
    }

    public String getCloseReason() {
        return closeReason;
    }

    public void setCloseReason(String closeReason) {
        this.closeReason = closeReason;
    }

    public String getDuplicateOf() {
        return duplicateOf;
    }

    public void setDuplicateOf(String duplicateOf) {
        this.duplicateOf = duplicateOf;
    }
}
