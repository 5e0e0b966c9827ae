package com.attest.evidence.web;

import com.attest.evidence.EvidenceItem;
import com.attest.evidence.EvidenceService;
import com.attest.platform.web.Forms;
import com.attest.security.AuditPeriod;
import com.attest.security.AuditorLimits;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;

/** One evidence item: what it is, its hash and snapshot, its retention; the lead places or releases a legal hold. */
@Named
@ViewScoped
public class EvidenceItemBacking implements Serializable {

    @Inject
    private EvidenceService register;

    @Inject
    private AuditorLimits scope;

    private Long id;
    private EvidenceItem item;
    private String reason;

    public void load() throws IOException {
        java.util.List<AuditPeriod> limits = scope.limits();
        item = id == null ? null : register.find(id)
                .filter(i -> limits == null || AuditPeriod.anyContains(limits, i.getPeriodDate())).orElse(null);
        if (item == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such evidence item");
            FacesContext.getCurrentInstance().responseComplete();
        }
    }

    public void toggleHold() throws IOException {
        try {
            register.hold(id, item.getVersion(), !item.isLegalHold(), reason);
            Forms.info(item.isLegalHold() ? "evidence.released" : "evidence.placed");
            reason = null;
        } finally {
            load();
        }
    }

    public void dispose() throws IOException {
        try {
            var certificate = register.dispose(id, item.getVersion(), reason);
            Forms.info("evidence.disposed", certificate.getId());
            reason = null;
        } finally {
            load();
        }
    }

    public String getPrettySnapshot() {
        return com.attest.platform.web.PrettyJson.of(item.getSnapshot());
    }

    public EvidenceItem getItem() { return item; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
