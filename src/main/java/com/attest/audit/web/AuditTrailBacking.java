package com.attest.audit.web;

import com.attest.platform.audit.AuditEvent;
import com.attest.platform.audit.AuditTrail;
import com.attest.platform.audit.ChainVerification;
import com.attest.platform.web.Forms;
import com.attest.platform.web.InstantFormat;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The audit-trail page (compliance lead, auditor): the trail newest first, and chain verification. */
@Named
@ViewScoped
public class AuditTrailBacking implements Serializable {

    @Inject
    private AuditTrail trail;

    private final LazyDataModel<AuditEvent> events = new LazyDataModel<>() {
        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) trail.count();
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                     Map<String, FilterMeta> filterBy) {
            return trail.page(first, pageSize);
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return String.valueOf(event.getId());
        }
    };

    private ChainVerification verification;

    public void verify() {
        verification = trail.verify();
        if (verification.intact()) {
            Forms.info("audit.intact", verification.rowsChecked(),
                    InstantFormat.format(verification.verifiedAt()));
        } else {
            Forms.error("audit.broken", verification.firstBrokenId(), verification.problem(),
                    verification.rowsChecked());
        }
    }

    public LazyDataModel<AuditEvent> getEvents() {
        return events;
    }

    public ChainVerification getVerification() {
        return verification;
    }
}
