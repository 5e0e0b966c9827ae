package com.attest.evidence.web;

import com.attest.engagement.AuditorScope;
import com.attest.evidence.AuditPeriod;
import com.attest.evidence.EvidenceItem;
import com.attest.evidence.EvidenceRegister;
import com.attest.platform.InvalidInput;
import com.attest.platform.web.Forms;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** One evidence item: what it is, its hash and snapshot, its retention; the lead places or releases a legal hold. */
@Named
@ViewScoped
public class EvidenceItemBacking implements Serializable {

    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    @Inject
    private EvidenceRegister register;

    @Inject
    private AuditorScope scope;

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
        } catch (InvalidInput invalid) {
            Forms.show(invalid, "holdForm");
        }
        load();
    }

    public String getPrettySnapshot() {
        if (item.getSnapshot() == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        PRETTY.createWriter(out).write(Json.createReader(new StringReader(item.getSnapshot())).read());
        return out.toString().strip();
    }

    public EvidenceItem getItem() { return item; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
